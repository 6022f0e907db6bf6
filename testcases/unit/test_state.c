/*
 * Unit tests of the tracker's states (state.c): which sets are part of the
 * property (joins keep states apart on them), the signature agreeing with
 * equality, copies, forgetting what lies below an overwritten path, and the
 * facts join.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "state.h"

static const struct lw_step deref = {LW_STEP_DEREF, 0, 0, 0};
static const struct lw_step field_lock[2] = {{LW_STEP_DEREF, 0, 0, 0}, {LW_STEP_FIELD, 0, 7, 8}};
static const struct lw_step field_n[2] = {{LW_STEP_DEREF, 0, 0, 0}, {LW_STEP_FIELD, 0, 7, 9}};

static struct lw_path param(uint32_t i, const struct lw_step *steps, uint16_t n)
{
	struct lw_path p = {LW_ROOT_PARAM, n, i, steps};
	return p;
}

static void hold(struct lw_state *s, struct lw_path p, uint32_t site)
{
	struct lw_held *h = &s->held[s->nheld++];
	memset(h, 0, sizeof(*h));
	h->path = p;
	h->site = site;
}

static void test_property_sets(void **state)
{
	(void)state;
	struct lw_state a, b;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	assert_true(lw__state_eq(&a, &b));
	assert_int_equal(lw__state_sig(&a), lw__state_sig(&b));
	/* a lock held in one and not the other: apart */
	hold(&a, param(0, field_lock, 2), 1);
	assert_false(lw__property_eq(&a, &b));
	assert_false(lw__property_eq(&b, &a));
	hold(&b, param(0, field_lock, 2), 1);
	assert_true(lw__property_eq(&a, &b));
	assert_int_equal(lw__state_sig(&a), lw__state_sig(&b));
	/* the same lock taken at another site: apart */
	b.held[0].site = 2;
	assert_false(lw__property_eq(&a, &b));
	b.held[0].site = 1;
	/* facts are not the property: equal property, different facts */
	lw__add_fact(&a, param(1, NULL, 0), 1);
	assert_true(lw__property_eq(&a, &b));
	assert_false(lw__state_eq(&a, &b));
	assert_int_equal(lw__state_sig(&a), lw__state_sig(&b));
	/* a released caller's lock is part of it */
	a.rel[a.nrel++] = (struct lw_relent){param(0, field_lock, 2), {0, 0}, {1, 1, 1}, 0};
	assert_false(lw__property_eq(&a, &b));
	/* sets compare as sets */
	struct lw_state c, d;
	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	hold(&c, param(0, field_lock, 2), 1);
	hold(&c, param(1, &deref, 1), 2);
	hold(&d, param(1, &deref, 1), 2);
	hold(&d, param(0, field_lock, 2), 1);
	assert_true(lw__property_eq(&c, &d));
	assert_int_equal(lw__state_sig(&c), lw__state_sig(&d));
	/* returns stay apart */
	c.ret_loc = (struct lw_loc){1, 5, 2};
	assert_false(lw__property_eq(&c, &d));
}

static void test_copy(void **state)
{
	(void)state;
	struct lw_state a, b;
	memset(&a, 0, sizeof(a));
	hold(&a, param(0, field_lock, 2), 3);
	lw__add_fact(&a, param(1, NULL, 0), 0);
	a.rcu = 2;
	a.alias[a.nalias++] = (struct lw_alias){param(2, NULL, 0), param(0, NULL, 0)};
	memset(&b, 0xab, sizeof(b));
	lw__state_copy(&b, &a);
	assert_true(lw__state_eq(&a, &b));
	assert_int_equal(b.rcu, 2);
	assert_int_equal(b.nalias, 1);
	assert_int_equal(lw__fact_of(&b, &(struct lw_path){LW_ROOT_PARAM, 0, 1, NULL}), 0);
}

static void test_kill_path(void **state)
{
	(void)state;
	struct lw_state s;
	memset(&s, 0, sizeof(s));
	struct lw_path d = param(0, NULL, 0);
	lw__add_fact(&s, d, 1);
	lw__add_fact(&s, param(0, field_n, 2), 1);
	lw__add_fact(&s, param(1, NULL, 0), 0);
	s.fresh[s.nfresh++] = param(0, field_n, 2);
	hold(&s, param(0, field_lock, 2), 1);
	/* overwriting d forgets what is known about d and below it */
	lw__kill_path(&s, &d);
	assert_int_equal(lw__fact_of(&s, &d), -1);
	struct lw_path dn = param(0, field_n, 2);
	assert_int_equal(lw__fact_of(&s, &dn), -1);
	struct lw_path other = param(1, NULL, 0);
	assert_int_equal(lw__fact_of(&s, &other), 0);
	assert_int_equal(s.nfresh, 0);
	/* but not the locks: held is no killed set */
	assert_int_equal(s.nheld, 1);
}

static void test_facts_join(void **state)
{
	(void)state;
	struct lw_state a, b;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	struct lw_path p0 = param(0, NULL, 0), p1 = param(1, NULL, 0), p2 = param(2, NULL, 0);
	lw__add_fact(&a, p0, 1);
	lw__add_fact(&a, p1, 0);
	lw__add_fact(&a, p2, 1);
	lw__add_fact(&b, p0, 1);
	lw__add_fact(&b, p1, 1); /* disagrees */
	assert_int_equal(lw__intersect_facts(&a, &b), 1);
	a.nfacts = 1;
	assert_int_equal(lw__fact_of(&a, &p0), 1);
	/* a full set makes room by forgetting the oldest */
	struct lw_state c;
	memset(&c, 0, sizeof(c));
	for (int i = 0; i <= LW_MAX_FACTS; i++) {
		int rc = lw__add_fact(&c, param((uint32_t)i, NULL, 0), 1);
		assert_int_equal(rc, i < LW_MAX_FACTS ? 0 : -1);
	}
	assert_int_equal(c.nfacts, LW_MAX_FACTS);
	assert_int_equal(lw__fact_of(&c, &p0), -1);
}

static void test_held_index(void **state)
{
	(void)state;
	struct lw_state s;
	memset(&s, 0, sizeof(s));
	hold(&s, param(0, field_lock, 2), 1);
	s.held[0].cls = (struct lw_lockclass){7, 8};
	struct lw_path p = param(0, field_lock, 2), q = param(1, field_lock, 2);
	assert_int_equal(lw__held_index(&s, &p, (struct lw_lockclass){0, 0}), 0);
	/* another object of the class: by class */
	assert_int_equal(lw__held_index(&s, &q, (struct lw_lockclass){7, 8}), 0);
	/* the empty class matches nothing */
	assert_int_equal(lw__held_index(&s, &q, (struct lw_lockclass){0, 0}), -1);
	assert_true(lw__holds_path(&s, &p));
	assert_false(lw__holds_path(&s, &q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property_sets),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_kill_path),
		cmocka_unit_test(test_facts_join),
		cmocka_unit_test(test_held_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
