/*
 * arena.h - bump allocation for the IR and the analysis' scratch state.
 *
 * Objects are never freed one by one: a whole arena goes at once.  Running
 * out of memory is not recoverable in an analysis tool, so allocation never
 * returns NULL; lw_oom() reports and aborts.
 */
#ifndef LW_ARENA_H
#define LW_ARENA_H

#include <stddef.h>
#include <string.h> /* memcpy in LW_GROW */

struct lw_arena;

struct lw_arena *lw_arena_new(void);
void lw_arena_free(struct lw_arena *a);
/* Frees everything allocated so far but keeps the first chunk for reuse. */
void lw_arena_reset(struct lw_arena *a);
/* Zeroed memory, aligned for any object. */
void *lw_arena_alloc(struct lw_arena *a, size_t size);
/* The same, not zeroed: for memory the caller fills at once (state
 * copies in the dataflow, where zeroing showed in profiles). */
void *lw_arena_alloc_raw(struct lw_arena *a, size_t size);
void *lw_arena_dup(struct lw_arena *a, const void *p, size_t size);
char *lw_arena_strdup(struct lw_arena *a, const char *s);
char *lw_arena_strndup(struct lw_arena *a, const char *s, size_t n);
char *lw_arena_printf(struct lw_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for the benchmarks). */
size_t lw_arena_used(const struct lw_arena *a);

_Noreturn void lw_oom(void);

/* Growable arrays in an arena: the old block is abandoned on growth. */
#define LW_GROW(arena, ptr, n, cap)                                            \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			size_t lw_nc_ = (cap) ? (size_t)(cap) * 2 : 8;         \
			void *lw_np_ = lw_arena_alloc((arena),                 \
						      lw_nc_ * sizeof(*(ptr))); \
			if ((n))                                               \
				memcpy(lw_np_, (ptr), (size_t)(n) * sizeof(*(ptr))); \
			(ptr) = lw_np_;                                        \
			(cap) = lw_nc_;                                        \
		}                                                              \
	} while (0)

#endif /* LW_ARENA_H */
