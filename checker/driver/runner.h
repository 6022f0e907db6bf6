/*
 * runner.h - running clang with the plugin over many units, N at a time.
 *
 * Each job is one clang command line run in its unit's directory, stdin from
 * /dev/null, stdout and stderr into a temporary file that becomes the job's
 * output.  A run that fails because clang does not know some flags (GCC's)
 * is retried once without them.  Results land in each job, never in the
 * order children finished: callers read them in job order.
 */
#ifndef LW_DRIVER_RUNNER_H
#define LW_DRIVER_RUNNER_H

#include "compdb.h"

struct lw_job {
	const struct lw_unit *unit;
	char **argv;     /* argv[0] is the clang to run; owned, g_strfreev */
	/* results */
	int exit_code;   /* clang's exit status, -1 if it was killed */
	int signal;      /* the signal that killed it, or 0 */
	char *output;    /* clang's stdout and stderr of the last attempt */
	char **dropped;  /* flags dropped (learned or for the retry), or NULL; g_strfreev */
	int retried;     /* run a second time without the flags clang rejected */
};

struct lw_run_opts {
	unsigned jobs; /* at most this many at once, >= 1 */
	/* Called after each finished job (retries not counted), if set. */
	void (*progress)(void *ctx, unsigned done, unsigned failed);
	void *ctx;
};

/* Runs every job; returns how many failed (exit_code != 0).  If the
 * machine fails it (no temporary file, no fork), prints why and exits with
 * status 2: see runner.c. */
unsigned lw_run_jobs(struct lw_job *jobs, unsigned n, const struct lw_run_opts *o);

/* Flags clang's output says it does not know ("unknown argument: '-fX'",
 * "unsupported option '-mX'"), or NULL.  g_strfreev the result. */
char **lw_unknown_flags(const char *output);

void lw_job_clear(struct lw_job *j);

#endif /* LW_DRIVER_RUNNER_H */
