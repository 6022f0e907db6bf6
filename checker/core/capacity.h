/*
 * capacity.h - every capacity limit of the tracker, named once.
 *
 * The tracker keeps fixed-size sets so that a state can be copied and
 * compared cheaply.  Hitting a limit loses precision (a lock, a fact or a
 * blocking point is not kept); it is never silent: the tracker records
 * which limits a function hit, --stats counts them and the plugin's debug
 * option (-fplugin-arg-lockwarden-debug) prints a remark for each.
 *
 * X(id, value, what is limited)
 */
#ifndef LW_CAPACITY_H
#define LW_CAPACITY_H

#include <stdint.h>

#define LW_LIMITS(X)                                                           \
	X(HELD, 8, "locks held at once")                                       \
	X(FACTS, 16, "pointer facts per state")                                \
	X(PEND, 4, "pending try-lock results per state")                       \
	X(SNAP, 6, "RCU snapshot pointers per state")                          \
	X(FRESH, 6, "freshly allocated objects per state")                     \
	X(ALIAS, 4, "locals holding a copy of a pointer per state")            \
	X(REL, 6, "released locks remembered per state")                       \
	X(STATES, 24, "states per block")                                      \
	X(STEPS, 200000, "dataflow steps per function")                        \
	X(CHAIN, 16, "steps of a call chain")                                  \
	X(BLOCKPTS, 8, "blocking points per summary")                          \
	X(USES, 16, "lock classes per summary")                                \
	X(GUARD_RELEASES, 4, "caller's guards per summary")                    \
	X(READ_NESTING, 4, "nested acquisitions of one lock")                    \
	X(RCU_NESTING, 4, "nested RCU read-side sections")                     \
	X(CONST_ARGS, 8, "arguments a built-in rule looks at")                 \
	X(NOTES, 32, "notes per finding")                                      \
	X(TARGETS, 16, "functions one call through a pointer may call")        \
	X(CBCALLS, 8, "calls through parameters per summary")                  \
	X(PARAM_CONDS, 4, "parameter values one blocking point depends on")

enum lw_limit {
#define X(id, n, what) LW_LIMIT_##id,
	LW_LIMITS(X)
#undef X
	LW_LIMIT__COUNT
};

enum {
#define X(id, n, what) LW_MAX_##id = n,
	LW_LIMITS(X)
#undef X
};

/* "locks held at once" */
const char *lw_limit_what(enum lw_limit l);
unsigned long lw_limit_value(enum lw_limit l);

/*
 * What the tracker lost over an analysis, for --stats: per limit, how many
 * functions hit it; how many functions it gave up on (LW_MAX_STEPS), in
 * how many the states of a block were folded together (LW_MAX_STATES), and
 * how many events the adapter could not lower (UNKNOWN).
 */
struct lw_track_stats {
	uint32_t functions;
	uint32_t limit_hits[LW_LIMIT__COUNT];
	uint32_t unknown_events;
	/* calls through pointers (counted in the reporting pass, once per
	 * call): resolved to a set of functions, or not; the largest set */
	uint32_t indirect, indirect_resolved, indirect_largest;
	uint64_t indirect_targets; /* sum of the set sizes */
};

#endif /* LW_CAPACITY_H */
