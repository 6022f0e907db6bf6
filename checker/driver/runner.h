/*
 * runner.h - running clang with the plugin over many units, N at a time.
 *
 * Each job is one clang command line run in its unit's directory, stdin from
 * /dev/null, stdout and stderr into a temporary file that becomes the job's
 * output.  A run that fails because clang does not know some flags (GCC's)
 * is retried once without them.  Each unit has a time and a memory limit.
 * Results land in each job, never in the order children finished: callers
 * read them in job order.
 */
#ifndef LW_DRIVER_RUNNER_H
#define LW_DRIVER_RUNNER_H

#include "compdb.h"

struct lw_job {
	const struct lw_unit *unit;
	char **argv;     /* argv[0] is the clang to run; owned, g_strfreev */
	const char *facts; /* the facts file the plugin writes, or NULL; not owned */
	/* results */
	int exit_code;   /* clang's exit status, -1 if it was killed */
	int signal;      /* the signal that killed it, or 0 */
	int timed_out;   /* killed: ran longer than the time limit */
	int out_of_memory; /* killed: used more memory than the limit */
	char *output;    /* clang's stdout and stderr of the last attempt */
	char **dropped;  /* flags dropped (learned or for the retry), or NULL; g_strfreev */
	int retried;     /* run a second time without the flags clang rejected */
};

struct lw_run_opts {
	unsigned jobs; /* at most this many at once, >= 1 (capped at the number of jobs) */
	unsigned time_limit;   /* seconds of wall-clock time per unit; 0: none */
	unsigned long memory_limit; /* MiB of resident memory per unit; 0: none */
	/* Called after each finished job (retries not counted), if set. */
	void (*progress)(void *ctx, unsigned done, unsigned failed);
	void *ctx;
};

/* Runs every job; returns how many failed (exit_code != 0).  A job that
 * runs longer than time_limit, or whose resident memory grows past
 * memory_limit, is killed and fails (timed_out, out_of_memory).  Each
 * child runs in its own process group and dies with lockwarden (Linux's
 * PR_SET_PDEATHSIG).  SIGINT, SIGTERM or SIGHUP while jobs run stops
 * every child, waits for them, removes the facts files they left half
 * written, and then ends lockwarden by the same signal.  If the machine
 * fails it (no temporary file, no fork), prints why and exits with status
 * 2: see runner.c. */
unsigned lw_run_jobs(struct lw_job *jobs, unsigned n, const struct lw_run_opts *o);

/* Flags clang's output says it does not know ("unknown argument: '-fX'",
 * "unsupported option '-mX'"), or NULL.  g_strfreev the result. */
char **lw_unknown_flags(const char *output);

void lw_job_clear(struct lw_job *j);

#endif /* LW_DRIVER_RUNNER_H */
