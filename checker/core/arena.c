/*
 * arena.c - bump allocator in chunks.
 *
 * Must not be used for anything that needs freeing on its own: the IR, the
 * per-function dataflow state and the link step's data each get an arena
 * and drop it whole.  See docs/design.md, "Memory".
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64u * 1024u)
#define ALIGN 16u

struct chunk {
	struct chunk *next;
	size_t size, used;
	unsigned char data[];
};

struct lw_arena {
	struct chunk *head;
	size_t total;
};

_Noreturn void lw_oom(void)
{
	fputs("lockwarden: error: out of memory\n", stderr);
	abort();
}

static struct chunk *chunk_new(size_t min)
{
	size_t size = min > CHUNK_MIN ? min : CHUNK_MIN;
	struct chunk *c = malloc(sizeof(*c) + size);
	if (!c)
		lw_oom();
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

struct lw_arena *lw_arena_new(void)
{
	struct lw_arena *a = calloc(1, sizeof(*a));
	if (!a)
		lw_oom();
	return a;
}

void lw_arena_free(struct lw_arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void lw_arena_reset(struct lw_arena *a)
{
	struct chunk *keep = NULL;
	for (struct chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		if (!n) {
			keep = c; /* the oldest chunk: usually the smallest */
			break;
		}
		free(c);
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	a->total = 0;
}

void *lw_arena_alloc(struct lw_arena *a, size_t size)
{
	void *p = lw_arena_alloc_raw(a, size);
	memset(p, 0, size);
	return p;
}

void *lw_arena_alloc_raw(struct lw_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		c = chunk_new(size);
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->total += size;
	return p;
}

void *lw_arena_dup(struct lw_arena *a, const void *p, size_t size)
{
	void *q = lw_arena_alloc_raw(a, size);
	if (size)
		memcpy(q, p, size);
	return q;
}

char *lw_arena_strndup(struct lw_arena *a, const char *s, size_t n)
{
	char *q = lw_arena_alloc_raw(a, n + 1);
	memcpy(q, s, n);
	q[n] = 0;
	return q;
}

char *lw_arena_strdup(struct lw_arena *a, const char *s)
{
	return lw_arena_strndup(a, s, strlen(s));
}

char *lw_arena_printf(struct lw_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *q = lw_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(q, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return q;
}

size_t lw_arena_used(const struct lw_arena *a)
{
	return a->total;
}
