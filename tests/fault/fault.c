/*
 * fault.c: an LD_PRELOAD shim that makes the store's writes fail or the
 * process die at a chosen point, for the tests of safe writes. Only files
 * whose name holds ".tmp." (the temporary files a write goes through) and
 * renames of them are touched. Set in the environment:
 *
 *   FAULT_WRITE_AFTER=N   write() fails with ENOSPC once N bytes are written
 *   FAULT_FSYNC=1         fsync() of a temporary file fails with EIO
 *   FAULT_RENAME=1        rename() fails with EIO
 *   FAULT_KILL_WRITE=N    SIGKILL at the N-th write() (1 is the first)
 *   FAULT_KILL=before-rename|after-rename   SIGKILL around the rename
 *   FAULT_KILLED_DIR=DIR  each SIGKILL above first leaves a file DIR/PID, so a
 *                         leak checker's report of a killed call is known
 *   FAULT_READ_AFTER=N    read() and pread() of a ".csv" file fail with EIO
 *                         once N bytes of such files are read: what reads
 *                         more than it needs to see a problem fails
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long written, nwrites, nread;

/* The path fd is open on, into path (PATH_MAX bytes); its length, or -1. */
static ssize_t
fd_path(int fd, char *path)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, PATH_MAX - 1)) >= 0)
		path[n] = '\0';
	return n;
}

static int
is_temp(int fd)
{
	char path[PATH_MAX];

	return fd_path(fd, path) >= 0 && strstr(path, ".tmp.") != NULL;
}

static int
is_csv(int fd)
{
	char path[PATH_MAX];
	ssize_t n = fd_path(fd, path);

	return n >= 4 && strcmp(path + n - 4, ".csv") == 0;
}

/* SIGKILL to ourselves, leaving word of it where FAULT_KILLED_DIR says. */
static void
die(void)
{
	const char *dir = getenv("FAULT_KILLED_DIR");
	char path[PATH_MAX];
	FILE *fp;

	if (dir != NULL && snprintf(path, sizeof(path), "%s/%ld", dir,
	    (long)getpid()) < (int)sizeof(path) &&
	    (fp = fopen(path, "w")) != NULL)
		fclose(fp);
	raise(SIGKILL);
}

static long
env_long(const char *name)
{
	const char *s = getenv(name);

	return s != NULL && *s != '\0' ? atol(s) : -1;
}

static int
env_is(const char *name, const char *value)
{
	const char *s = getenv(name);

	return s != NULL && strcmp(s, value) == 0;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	long limit, kill_at;

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (!is_temp(fd))
		return real(fd, buf, n);
	if ((kill_at = env_long("FAULT_KILL_WRITE")) > 0 &&
	    ++nwrites >= kill_at)
		die();
	if ((limit = env_long("FAULT_WRITE_AFTER")) >= 0) {
		if (written >= limit) {
			errno = ENOSPC;
			return -1;
		}
		if ((long)n > limit - written)
			n = (size_t)(limit - written);
	}
	written += (long)n;
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (env_is("FAULT_FSYNC", "1") && is_temp(fd)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	int rc;

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT,
		    "rename");
	if (strstr(from, ".tmp.") == NULL)
		return real(from, to);
	if (env_is("FAULT_RENAME", "1")) {
		errno = EIO;
		return -1;
	}
	if (env_is("FAULT_KILL", "before-rename"))
		die();
	rc = real(from, to);
	if (env_is("FAULT_KILL", "after-rename"))
		die();
	return rc;
}

/* Whether n more bytes may be read from fd; EIO once the budget is spent. */
static int
may_read(int fd, size_t n)
{
	long limit = env_long("FAULT_READ_AFTER");

	if (limit < 0 || !is_csv(fd))
		return 1;
	/* The index reads with two threads. */
	if (__atomic_fetch_add(&nread, (long)n, __ATOMIC_RELAXED) >= limit) {
		errno = EIO;
		return 0;
	}
	return 1;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);

	if (real == NULL)
		real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT,
		    "read");
	return may_read(fd, n) ? real(fd, buf, n) : -1;
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, void *, size_t, off_t);

	if (real == NULL)
		real = (ssize_t (*)(int, void *, size_t, off_t))dlsym(
		    RTLD_NEXT, "pread");
	return may_read(fd, n) ? real(fd, buf, n, off) : -1;
}

ssize_t
pread64(int fd, void *buf, size_t n, off_t off)
{
	return pread(fd, buf, n, off);
}
