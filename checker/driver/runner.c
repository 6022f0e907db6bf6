/*
 * runner.c - N clang processes at a time, their output kept per job.
 *
 * fork/exec and waitpid; each child writes into its own unlinked temporary
 * file, read back when it exits.  The only policy here is the retry without
 * flags clang does not know (GCC-only flags in a GCC build's database).
 * Says nothing about jobs: main.c reports them, in job order, so that
 * completion order never shows in the output.  (A child that cannot run
 * clang writes why into its own output, which is the job's.)  The one
 * exception is a failure of the machine rather than of a unit: no
 * temporary file, no fork, waitpid failing.  Every job after it would
 * fail the same way, so it is a tool error said once, and the run ends
 * with status 2, not a failure reported for every unit.
 * docs/driver.md describes the behaviour.
 *
 * Children are watched, not trusted: each has a deadline and a memory
 * limit (a header that is a FIFO blocks clang for ever; a runaway
 * expansion grows it without bound), checked whenever a child ends or a
 * tenth of a second has passed, and is killed past either.  While
 * children run, SIGCHLD and the signals that stop a run are blocked and
 * taken with sigtimedwait(), so that a SIGINT or SIGTERM to lockwarden
 * alone stops the children it started before it ends, never leaving them
 * running.
 */
#define _XOPEN_SOURCE 700 /* realpath, O_CLOEXEC, st_mtim */
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

/* How often memory is looked at, and a timeout checked, in seconds. */
#define WATCH_PERIOD 0.1

struct slot {
	pid_t pid;
	unsigned job;
	int fd;
	double deadline; /* monotonic seconds; 0: none */
	int killed;      /* 1 past its deadline, 2 past its memory limit */
};

void lw_job_clear(struct lw_job *j)
{
	g_strfreev(j->argv);
	g_free(j->output);
	g_strfreev(j->dropped);
	memset(j, 0, sizeof(*j));
}

char **lw_unknown_flags(const char *output)
{
	/* The second is how clang says it when it has a near miss to offer
	 * ("unknown argument '-fanalyzer'; did you mean '-Xanalyzer'?"). */
	static const char *const keys[] = {
		"error: unknown argument: '",
		"error: unknown argument '",
		"error: unsupported option '",
		NULL,
	};
	GPtrArray *flags = g_ptr_array_new();
	char **lines = g_strsplit(output ? output : "", "\n", -1);
	for (char **l = lines; *l; l++) {
		for (const char *const *k = keys; *k; k++) {
			const char *at = strstr(*l, *k);
			if (!at)
				continue;
			at += strlen(*k);
			const char *end = strchr(at, '\'');
			if (end && end > at)
				g_ptr_array_add(flags, g_strndup(at, (gsize)(end - at)));
		}
	}
	g_strfreev(lines);
	if (!flags->len) {
		g_ptr_array_free(flags, TRUE);
		return NULL;
	}
	g_ptr_array_add(flags, NULL);
	return (char **)g_ptr_array_free(flags, FALSE);
}

/* Removes unknown from j's command; returns how many arguments went. */
static unsigned drop_flags(struct lw_job *j, char **unknown)
{
	GPtrArray *keep = g_ptr_array_new();
	GPtrArray *gone = g_ptr_array_new();
	for (char **a = j->argv; *a; a++) {
		int drop = 0;
		/* Never argv[0], the clang itself. */
		for (char **u = unknown; *u && a != j->argv; u++)
			if (!strcmp(*a, *u))
				drop = 1;
		g_ptr_array_add(drop ? gone : keep, *a);
	}
	unsigned n = gone->len;
	if (n) {
		/* Flags dropped earlier stay listed for the note. */
		for (char **d = j->dropped; d && *d; d++)
			g_ptr_array_insert(gone, 0, *d);
		g_free(j->dropped);
		g_ptr_array_add(keep, NULL);
		g_ptr_array_add(gone, NULL);
		g_free(j->argv); /* the strings moved to keep and gone */
		j->argv = (char **)g_ptr_array_free(keep, FALSE);
		j->dropped = (char **)g_ptr_array_free(gone, FALSE);
	} else {
		g_ptr_array_free(keep, TRUE);
		g_ptr_array_free(gone, TRUE);
	}
	return n;
}

static void child_fail(const char *what, const char *path)
{
	/* Only async-signal-safe calls between fork and exec. */
	const char *msg = strerror(errno);
	const char *parts[] = {"lockwarden: error: ", what, " ", path, ": ", msg, "\n"};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		ssize_t r = write(2, parts[i], strlen(parts[i]));
		(void)r;
	}
	_exit(127);
}

static int output_file(void)
{
	char *tmpl = g_build_filename(g_get_tmp_dir(), "lockwarden-XXXXXX", NULL);
	int fd = mkstemp(tmpl);
	if (fd < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
		fprintf(stderr, "lockwarden: error: %s: %s\n", tmpl, g_strerror(errno));
		exit(2);
	}
	unlink(tmpl);
	g_free(tmpl);
	return fd;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * child_mask is the signal mask lockwarden had before the runner blocked
 * anything: the child gets it back, and the default action of SIGXFSZ,
 * so that clang runs as if started by a shell.
 */
static void start(struct slot *s, struct lw_job *j, unsigned index, const sigset_t *child_mask,
		  const struct lw_run_opts *o)
{
	int fd = output_file();
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "lockwarden: error: fork: %s\n", g_strerror(errno));
		exit(2);
	}
	if (pid == 0) {
		/* Its own process group, so that stopping it stops whatever
		 * it started too; and it dies with lockwarden, even killed. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		signal(SIGXFSZ, SIG_DFL);
		sigprocmask(SIG_SETMASK, child_mask, NULL);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (chdir(j->unit->dir) != 0)
			child_fail("cannot enter", j->unit->dir);
		execvp(j->argv[0], j->argv);
		child_fail("cannot run", j->argv[0]);
	}
	setpgid(pid, pid); /* here too: whichever runs first */
	s->pid = pid;
	s->job = index;
	s->fd = fd;
	s->deadline = o->time_limit ? now() + o->time_limit : 0;
	s->killed = 0;
}

/* Resident memory of a running child, in MiB (0 if it cannot be told). */
static unsigned long resident_mib(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/statm", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	unsigned long size = 0, rss = 0;
	if (fscanf(f, "%lu %lu", &size, &rss) != 2)
		rss = 0;
	fclose(f);
	long page = sysconf(_SC_PAGESIZE);
	return rss * (unsigned long)(page > 0 ? page : 4096) / 1048576;
}

/*
 * The facts files a killed plugin left behind: lw_facts_write() writes
 * "<facts>.deps" and "<facts>" each through "<name>.tmp.<pid>"
 * (facts-write.c), and clang's pid is the child's.
 */
static void remove_partial(const struct lw_job *j, pid_t pid)
{
	if (!j->facts)
		return;
	char *a = g_strdup_printf("%s.tmp.%ld", j->facts, (long)pid);
	char *b = g_strdup_printf("%s.deps.tmp.%ld", j->facts, (long)pid);
	unlink(a);
	unlink(b);
	g_free(a);
	g_free(b);
}

/* Kills the children past their deadline or their memory limit; returns
 * how long to wait, at most, before looking again (-1: no limit). */
static double enforce(struct slot *slots, unsigned width, const struct lw_run_opts *o)
{
	double t = now(), wait = -1;
	for (unsigned i = 0; i < width; i++) {
		struct slot *s = &slots[i];
		if (!s->pid || s->killed)
			continue;
		if (s->deadline && t >= s->deadline)
			s->killed = 1;
		else if (o->memory_limit && resident_mib(s->pid) > o->memory_limit)
			s->killed = 2;
		if (s->killed) {
			kill(-s->pid, SIGKILL);
			kill(s->pid, SIGKILL);
			continue;
		}
		double w = o->memory_limit ? WATCH_PERIOD : s->deadline - t;
		if (s->deadline && s->deadline - t < w)
			w = s->deadline - t;
		if (wait < 0 || w < wait)
			wait = w;
	}
	return wait;
}

/* A stop signal arrived: every child is killed and reaped and its partial
 * facts removed, then lockwarden ends by the same signal. */
static _Noreturn void stop_all(int sig, struct slot *slots, unsigned width, struct lw_job *jobs,
			       const sigset_t *old_mask, const struct lw_run_opts *o)
{
	unsigned n = 0;
	for (unsigned i = 0; i < width; i++)
		if (slots[i].pid) {
			kill(-slots[i].pid, SIGKILL);
			kill(slots[i].pid, SIGKILL);
			n++;
		}
	for (unsigned i = 0; i < width; i++) {
		if (!slots[i].pid)
			continue;
		while (waitpid(slots[i].pid, NULL, 0) < 0 && errno == EINTR)
			;
		remove_partial(&jobs[slots[i].job], slots[i].pid);
		close(slots[i].fd);
	}
	fprintf(stderr, "%slockwarden: error: stopped by signal %d (%s); %u clang process%s ended\n",
		o->progress ? "\n" : "", sig, strsignal(sig), n, n == 1 ? "" : "es");
	fflush(stderr);
	signal(sig, SIG_DFL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	raise(sig);
	_exit(128 + sig);
}

static char *read_all(int fd)
{
	GString *s = g_string_new("");
	char buf[8192];
	if (lseek(fd, 0, SEEK_SET) == 0) {
		ssize_t n;
		while ((n = read(fd, buf, sizeof(buf))) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			g_string_append_len(s, buf, n);
		}
	}
	close(fd);
	return g_string_free(s, FALSE);
}

unsigned lw_run_jobs(struct lw_job *jobs, unsigned n, const struct lw_run_opts *o)
{
	/* Never more slots than jobs: -j 2147483647 asks for "all at once",
	 * not for that many slots. */
	unsigned width = o->jobs ? o->jobs : 1;
	if (width > n)
		width = n ? n : 1;
	struct slot *slots = g_new0(struct slot, width);
	unsigned running = 0, next = 0, done = 0, failed = 0;
	/* Jobs to run again without unknown flags, before new ones. */
	GArray *retry = g_array_new(FALSE, FALSE, sizeof(unsigned));
	/* Flags clang rejected for one unit are dropped up front for the
	 * units not started yet: a GCC project passes the same flags to
	 * every file, and one failing clang run per file is waste. */
	GPtrArray *learned = g_ptr_array_new_with_free_func(g_free);

	/* SIGCHLD and the stop signals are taken synchronously; a stop
	 * signal the caller ignores (nohup) stays ignored. */
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
	sigset_t waitset, old_mask;
	sigemptyset(&waitset);
	sigaddset(&waitset, SIGCHLD);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		struct sigaction sa;
		if (sigaction(stops[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
			sigaddset(&waitset, stops[i]);
	}
	sigprocmask(SIG_BLOCK, &waitset, &old_mask);

	while (next < n || retry->len || running) {
		while (running < width && (retry->len || next < n)) {
			unsigned index;
			if (retry->len) {
				index = g_array_index(retry, unsigned, retry->len - 1);
				g_array_set_size(retry, retry->len - 1);
			} else {
				index = next++;
				if (learned->len) {
					g_ptr_array_add(learned, NULL);
					drop_flags(&jobs[index], (char **)learned->pdata);
					g_ptr_array_set_size(learned, learned->len - 1);
				}
			}
			struct slot *s = NULL;
			for (unsigned i = 0; i < width && !s; i++)
				if (!slots[i].pid)
					s = &slots[i];
			start(s, &jobs[index], index, &old_mask, o);
			running++;
		}

		int st;
		pid_t pid = waitpid(-1, &st, WNOHANG);
		if (pid < 0 && errno != EINTR) {
			fprintf(stderr, "lockwarden: error: waitpid: %s\n", g_strerror(errno));
			exit(2);
		}
		if (pid <= 0) {
			/* Nothing ended yet: the limits; then wait for a child,
			 * a stop signal or the next look at the limits. */
			double wait = enforce(slots, width, o);
			struct timespec ts = {0, 0};
			if (wait > 0) {
				ts.tv_sec = (time_t)wait;
				ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
			}
			int sig = sigtimedwait(&waitset, NULL, wait >= 0 ? &ts : NULL);
			if (sig > 0 && sig != SIGCHLD)
				stop_all(sig, slots, width, jobs, &old_mask, o);
			continue;
		}
		struct slot *s = NULL;
		for (unsigned i = 0; i < width && !s; i++)
			if (slots[i].pid == pid)
				s = &slots[i];
		if (!s)
			continue; /* not one of ours */
		struct lw_job *j = &jobs[s->job];
		unsigned index = s->job;
		int killed = s->killed;
		g_free(j->output);
		j->output = read_all(s->fd);
		memset(s, 0, sizeof(*s));
		running--;
		j->signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		j->exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		j->timed_out = killed == 1;
		j->out_of_memory = killed == 2;
		if (j->signal)
			remove_partial(j, pid);

		if (j->exit_code != 0 && !j->signal && !j->retried) {
			char **unknown = lw_unknown_flags(j->output);
			if (unknown && drop_flags(j, unknown)) {
				for (char **u = unknown; *u; u++) {
					int known = 0;
					for (guint k = 0; k < learned->len && !known; k++)
						known = !strcmp(learned->pdata[k], *u);
					if (!known)
						g_ptr_array_add(learned, g_strdup(*u));
				}
				g_strfreev(unknown);
				j->retried = 1;
				g_array_append_val(retry, index);
				continue;
			}
			g_strfreev(unknown);
		}
		done++;
		if (j->exit_code != 0)
			failed++;
		if (o->progress)
			o->progress(o->ctx, done, failed);
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	g_array_free(retry, TRUE);
	g_ptr_array_free(learned, TRUE);
	g_free(slots);
	return failed;
}
