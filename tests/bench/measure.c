/*
 * measure.c: runs a command several times and prints its median wall time
 * and peak RSS, for tests/bench/run.
 *
 * usage: measure [-b COMMAND] [-e ERRFILE] [-i INFILE] [-n RUNS] [-o OUTFILE]
 *                [-t SECONDS] [-w WARMUP] -- CMD [ARG...]
 *
 * Runs CMD (execvp, no shell) WARMUP times untimed (default 1), then RUNS
 * times (default 5) timed, each from just before fork() to just after
 * wait4() on CLOCK_MONOTONIC. Before every run, warm-up or timed, COMMAND is
 * given to /bin/sh -c, untimed; it must exit 0. Each run reads INFILE
 * (default /dev/null) from its start, writes its standard output to OUTFILE
 * (default /dev/null) and its standard error to ERRFILE (default: this
 * program's), both truncated per run, so they hold the last run's output.
 * With -t, timing stops early once the timed runs add up to more than
 * SECONDS and at least three (or RUNS, if fewer) are done: a slow command
 * gets fewer runs without a per-size run count in the caller.
 *
 * Prints one line: MEDIAN PEAK STATUS RUNS
 *   MEDIAN  median wall time of the timed runs in seconds, "%.6f"
 *   PEAK    the largest ru_maxrss of the timed runs (KiB on Linux)
 *   STATUS  exit status of the last timed run; 128+N if killed by signal N
 *   RUNS    how many timed runs the median is of
 * Exits 0 when every run was started, whatever the command's own status;
 * 1 when CMD, COMMAND or a file could not be run or opened; 2 on usage.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct opts {
	const char *before;
	const char *errfile;
	const char *infile;
	const char *outfile;
	long runs;
	long warmup;
	double budget;		/* seconds; 0: none */
	char **argv;
};

struct run {
	double seconds;
	long maxrss;
	int status;		/* as a shell reports it */
};

static void
usage(void)
{
	fprintf(stderr, "usage: measure [-b COMMAND] [-e ERRFILE] [-i INFILE] "
	    "[-n RUNS] [-o OUTFILE]\n"
	    "               [-t SECONDS] [-w WARMUP] -- CMD [ARG...]\n");
	exit(2);
}

static long
number(const char *s, long min, const char *what)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < min ||
	    n > 1000000) {
		fprintf(stderr, "measure: %s must be a number from %ld to "
		    "1000000: '%s'\n", what, min, s);
		exit(2);
	}
	return n;
}

static double
seconds_arg(const char *s)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(d >= 0 && d < 1e6)) {
		fprintf(stderr, "measure: -t needs seconds: '%s'\n", s);
		exit(2);
	}
	return d;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
open_or_complain(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0666);

	if (fd < 0)
		fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
	return fd;
}

static int
before(const struct opts *o)
{
	int st;

	if (o->before == NULL)
		return 0;
	fflush(NULL);
	st = system(o->before);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "measure: '%s' failed\n", o->before);
		return -1;
	}
	return 0;
}

/* Closes the descriptors in fds that are open. */
static void
close_all(int *fds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* One run of the command; -1 if it could not be started. */
static int
run_once(const struct opts *o, struct run *r)
{
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	ssize_t got;
	int fds[5] = { -1, -1, -1, -1, -1 };	/* in, out, err, pipe */
	int err, st, ret = -1;

	if (before(o) < 0)
		return -1;
	if ((fds[0] = open_or_complain(o->infile, O_RDONLY)) < 0 ||
	    (fds[1] = open_or_complain(o->outfile,
	    O_WRONLY | O_CREAT | O_TRUNC)) < 0 ||
	    (o->errfile != NULL && (fds[2] = open_or_complain(o->errfile,
	    O_WRONLY | O_CREAT | O_TRUNC)) < 0))
		goto out;
	/* The child reports a failed exec through a close-on-exec pipe. */
	if (pipe(fds + 3) < 0 || fcntl(fds[3], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(fds[4], F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "measure: pipe: %s\n", strerror(errno));
		goto out;
	}
	fflush(NULL);

	t0 = now();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		if (dup2(fds[0], 0) < 0 || dup2(fds[1], 1) < 0 ||
		    (fds[2] >= 0 && dup2(fds[2], 2) < 0))
			err = errno;
		else {
			execvp(o->argv[0], o->argv);
			err = errno;
		}
		got = write(fds[4], &err, sizeof err);
		(void)got;
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "measure: wait4: %s\n",
			    strerror(errno));
			goto out;
		}
	}
	t1 = now();

	close(fds[4]);
	fds[4] = -1;
	got = read(fds[3], &err, sizeof err);
	if (got == (ssize_t)sizeof err) {
		fprintf(stderr, "measure: cannot run '%s': %s\n", o->argv[0],
		    strerror(err));
		goto out;
	}
	r->seconds = t1 - t0;
	r->maxrss = ru.ru_maxrss;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) :
	    WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
	ret = 0;
out:
	close_all(fds, 5);
	return ret;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char *argv[])
{
	struct opts o = { NULL, NULL, "/dev/null", "/dev/null", 5, 1, 0, NULL };
	struct run r;
	double *t, total = 0, median;
	long i, n, peak = 0, least;
	int c, status = 0;

	while ((c = getopt(argc, argv, "b:e:i:n:o:t:w:")) != -1) {
		switch (c) {
		case 'b':
			o.before = optarg;
			break;
		case 'e':
			o.errfile = optarg;
			break;
		case 'i':
			o.infile = optarg;
			break;
		case 'n':
			o.runs = number(optarg, 1, "-n");
			break;
		case 'o':
			o.outfile = optarg;
			break;
		case 't':
			o.budget = seconds_arg(optarg);
			break;
		case 'w':
			o.warmup = number(optarg, 0, "-w");
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	o.argv = argv + optind;

	for (i = 0; i < o.warmup; i++)
		if (run_once(&o, &r) < 0)
			return 1;
	if ((t = malloc((size_t)o.runs * sizeof *t)) == NULL) {
		fprintf(stderr, "measure: out of memory\n");
		return 1;
	}
	least = o.runs < 3 ? o.runs : 3;
	for (n = 0; n < o.runs; ) {
		if (run_once(&o, &r) < 0) {
			free(t);
			return 1;
		}
		t[n++] = r.seconds;
		total += r.seconds;
		if (r.maxrss > peak)
			peak = r.maxrss;
		status = r.status;
		if (o.budget > 0 && total > o.budget && n >= least)
			break;
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	free(t);

	printf("%.6f %ld %d %ld\n", median, peak, status, n);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "measure: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
