/* store_csv.c: the CSV file backend: read through libcsv, locked atomic rewrite. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <unistr.h>

#include "diag.h"
#include "fold.h"
#include "store_backend.h"

#define NO_SPAN ((size_t)-1)

/* The bytes a row was read from, blank lines before it and its line end included. */
struct span {
	size_t start, end;	/* start is NO_SPAN for a row to write anew */
};

struct csv_store {
	struct store base;
	char *target;		/* the file itself, symlinks resolved */
	char *source;		/* the file the rows were read from */
	int lockfd;		/* -1 when not writing */
	int lastid_exists;
	unsigned long lastid_read;	/* as STORE.lastid had it */
	char *text;		/* NUL-terminated fields; offset 0 is "" */
	size_t textlen, textcap;
	size_t *off;		/* nrows * ncol offsets into text */
	size_t *line;		/* line each row starts on */
	struct span *raw;	/* STORE_WRITE only; else NULL */
	size_t nrows, rowcap;
	char *buf;		/* the file as read; kept for writing */
	size_t buflen;
	size_t head_start, head_end;	/* the header line, BOM excluded */
	size_t tail;		/* what follows the last row */
	size_t ncol_read;	/* columns when read; more were added since */
	int rewrite_all;	/* every row is written anew */
	int crlf;
};

struct loader {
	struct csv_store *cs;
	struct errors *errs;
	const char *file;
	int all;		/* go on past errors */
	size_t nerr;
	size_t line;		/* line being fed to the parser */
	size_t line_end;	/* offset just past it */
	size_t row_line;	/* line the current row started on */
	size_t row_start;	/* offset where its span starts */
	size_t nfield;		/* fields seen in the current row */
	char **hdr;		/* the header while it is read */
	size_t nhdr;
	int in_header;
	int stop;
	int too_long;		/* the current row has a field too long */
};

static const char *const new_header = "id,given_name,family_name,title,"
    "organization,unit,phone,mobile,email,note,source\n";

static int
csv_handles(const char *location)
{
	(void)location;
	return 1;
}

static size_t
text_add(struct csv_store *cs, const char *s, size_t n)
{
	size_t at = cs->textlen;

	if (cs->textlen + n + 1 > cs->textcap) {
		cs->textcap = (cs->textlen + n + 1) * 2;
		cs->text = xreallocarray(cs->text, cs->textcap, 1);
	}
	memcpy(cs->text + at, s, n);
	cs->text[at + n] = '\0';
	cs->textlen += n + 1;
	return at;
}

/* Room for row nrows. */
static void
row_open(struct csv_store *cs)
{
	size_t ncol = cs->base.ncol ? cs->base.ncol : 1;

	if (cs->nrows < cs->rowcap)
		return;
	cs->rowcap = cs->rowcap ? cs->rowcap * 2 : 64;
	cs->off = xreallocarray(cs->off, cs->rowcap * ncol, sizeof(*cs->off));
	cs->line = xreallocarray(cs->line, cs->rowcap, sizeof(*cs->line));
	if (cs->base.flags & STORE_WRITE)
		cs->raw = xreallocarray(cs->raw, cs->rowcap, sizeof(*cs->raw));
}

static void
bad(struct loader *ld, size_t line, size_t col, const char *msg)
{
	errors_add(ld->errs, ld->file, line, col, "%s", msg);
	ld->nerr++;
	if (!ld->all)
		ld->stop = 1;
}

static void
on_field(void *s, size_t n, void *data)
{
	struct loader *ld = data;
	struct csv_store *cs = ld->cs;
	size_t ncol = cs->base.ncol, nfclen;
	char msg[64], *nfc = NULL;

	if (ld->stop)
		return;
	if (n > STORE_MAX_FIELD) {
		snprintf(msg, sizeof(msg), "a field longer than %zu bytes",
		    STORE_MAX_FIELD);
		bad(ld, ld->row_line, 0, msg);
		ld->too_long = 1;
	}
	if (ld->stop)
		return;
	if (ld->in_header && ld->nhdr == STORE_MAX_COLUMNS) {
		snprintf(msg, sizeof(msg), "more than %d columns",
		    STORE_MAX_COLUMNS);
		bad(ld, ld->row_line, 0, msg);
		ld->stop = 1;
		return;
	}
	/*
	 * Text is kept in NFC; the bytes of a row written back unchanged
	 * stay as they were.
	 */
	if (n > 0 && (nfc = fold_nfc(s, n, &nfclen)) != NULL)
		s = nfc, n = nfclen;
	if (ld->in_header) {
		ld->hdr = xreallocarray(ld->hdr, ld->nhdr + 1,
		    sizeof(*ld->hdr));
		ld->hdr[ld->nhdr++] = xstrndup(s, n);
		free(nfc);
		return;
	}
	if (ld->nfield == 0)
		row_open(cs);
	if (ld->nfield < ncol)
		cs->off[cs->nrows * ncol + ld->nfield] = n ?
		    text_add(cs, s, n) : 0;
	ld->nfield++;
	free(nfc);
}

static void
header_done(struct loader *ld)
{
	struct csv_store *cs = ld->cs;

	cs->head_end = ld->line_end;
	if (store_header(&cs->base, ld->hdr, ld->nhdr, ld->file, ld->row_line,
	    ld->errs) != 0) {
		ld->nerr++;
		ld->stop = 1;	/* no row can be read without a header */
	}
	ld->hdr = NULL;
	ld->nhdr = 0;
	ld->in_header = 0;
	cs->crlf = cs->head_end >= 2 && cs->buf[cs->head_end - 2] == '\r';
}

static void
on_record(int c, void *data)
{
	struct loader *ld = data;
	struct csv_store *cs = ld->cs;
	size_t ncol = cs->base.ncol, nfield = ld->nfield, row = cs->nrows;
	char msg[128];

	(void)c;
	ld->nfield = 0;
	if (ld->stop)
		return;
	if (ld->too_long) {
		ld->too_long = 0;
		if (ld->in_header)
			ld->stop = 1;
		ld->row_start = ld->line_end;
		return;
	}
	if (ld->line_end - ld->row_start > STORE_MAX_RECORD) {
		snprintf(msg, sizeof(msg), "a row longer than %zu bytes",
		    STORE_MAX_RECORD);
		bad(ld, ld->row_line, 0, msg);
		if (ld->in_header)
			ld->stop = 1;
		ld->row_start = ld->line_end;
		return;
	}
	if (ld->in_header) {
		header_done(ld);
		ld->row_start = ld->line_end;
		return;
	}
	if (nfield > ncol) {
		snprintf(msg, sizeof(msg), "%zu fields, but the header has %zu",
		    nfield, ncol);
		bad(ld, ld->row_line, 0, msg);
		ld->row_start = ld->line_end;
		return;
	}
	if (nfield == 0)
		row_open(cs);
	for (; nfield < ncol; nfield++)
		cs->off[row * ncol + nfield] = 0;
	cs->nrows++;
	if (*store_field(&cs->base, row, COL_GIVEN) == '\0' &&
	    *store_field(&cs->base, row, COL_FAMILY) == '\0') {
		cs->nrows--;
		bad(ld, ld->row_line, 0, "row has neither given_name nor "
		    "family_name");
		ld->row_start = ld->line_end;
		return;
	}
	cs->line[row] = ld->row_line;
	if (cs->raw != NULL) {
		cs->raw[row].start = ld->row_start;
		cs->raw[row].end = ld->line_end;
	}
	ld->row_start = ld->line_end;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* After an error the parser starts afresh on the next line. */
static void
resync(struct csv_parser *p, struct loader *ld)
{
	csv_free(p);
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(p, no_space);
	ld->nfield = 0;
}

/* Feeds one line (with its line end) after checking its bytes. */
static void
feed_line(struct csv_parser *p, struct loader *ld, const char *s, size_t n)
{
	const uint8_t *badp;
	const char *nul;

	/* A row begins on the line where the parser stands between rows. */
	if (p->pstate == 0 && ld->nfield == 0)
		ld->row_line = ld->line;
	if ((nul = memchr(s, '\0', n)) != NULL) {
		bad(ld, ld->line, (size_t)(nul - s) + 1, "NUL byte");
		resync(p, ld);
		return;
	}
	if ((badp = u8_check((const uint8_t *)s, n)) != NULL) {
		bad(ld, ld->line, (size_t)((const char *)badp - s) + 1,
		    "invalid UTF-8");
		resync(p, ld);
		return;
	}
	if (csv_parse(p, s, n, on_field, on_record, ld) != n) {
		bad(ld, ld->line, 0, "malformed quoting: a quote inside an "
		    "unquoted field or after a closing quote");
		resync(p, ld);
	}
}

/* Parses cs->buf into rows; errors go to errs. 0 or ST_DATA. */
static int
parse(struct csv_store *cs, const char *file, int all, struct errors *errs)
{
	struct csv_parser p;
	struct loader ld;
	const char *s, *end = cs->buf + cs->buflen, *nl;
	size_t i;

	memset(&ld, 0, sizeof(ld));
	ld.cs = cs;
	ld.errs = errs;
	ld.file = file;
	ld.all = all;
	ld.line = 1;
	ld.row_line = 1;
	ld.in_header = 1;
	text_add(cs, "", 0);
	s = cs->buf;
	if (cs->buflen >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	cs->head_start = (size_t)(s - cs->buf);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		errors_add(errs, NULL, 0, 0, "out of memory");
		return ST_SYSTEM;
	}
	csv_set_space_func(&p, no_space);
	for (; s < end && !ld.stop; s = nl, ld.line++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		nl = nl != NULL ? nl + 1 : end;
		ld.line_end = (size_t)(nl - cs->buf);
		feed_line(&p, &ld, s, (size_t)(nl - s));
	}
	if (!ld.stop) {
		ld.line--;
		if (csv_fini(&p, on_field, on_record, &ld) != 0)
			bad(&ld, ld.row_line, 0, "unterminated quoted field");
		else if (ld.in_header && ld.nerr == 0)
			bad(&ld, 1, 0, "missing header: the file is empty");
	}
	csv_free(&p);
	for (i = 0; i < ld.nhdr; i++)
		free(ld.hdr[i]);
	free(ld.hdr);
	cs->tail = ld.row_start < cs->buflen ? ld.row_start : cs->buflen;
	/*
	 * Spans follow lines; a CR alone ends a record inside one, so such a
	 * file is written anew, row by row.
	 */
	for (i = 0; i < cs->buflen && !cs->rewrite_all; i++)
		if (cs->buf[i] == '\r' && cs->buf[i + 1] != '\n')
			cs->rewrite_all = 1;
	cs->ncol_read = cs->base.ncol;
	return ld.nerr > 0 ? ST_DATA : 0;
}

/*
 * Reads fd to its end into *bufp (NUL after the *lenp bytes). With a file
 * name, a store: at most STORE_MAX_BYTES, and no line longer than
 * STORE_MAX_RECORD, each refused into errs (ST_DATA) as soon as seen, so a
 * gigabyte on one line costs a megabyte of reading. -1 (errno) if it
 * cannot read.
 */
static int
read_all(int fd, char **bufp, size_t *lenp, size_t hint, const char *file,
    struct errors *errs)
{
	enum { CHUNK = 1 << 20 };
	char *buf, *nl;
	size_t len = 0, cap, line = 1, line_start = 0, want, i;
	ssize_t n;

	if (file != NULL && hint > STORE_MAX_BYTES)
		hint = STORE_MAX_BYTES;
	cap = hint;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			cap = cap * 2 + 4096;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		want = cap - len < CHUNK ? cap - len : CHUNK;
		n = read(fd, buf + len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		/* Where the last line begins: one look back a chunk. */
		if (file != NULL && (nl = memrchr(buf + len, '\n',
		    (size_t)n)) != NULL)
			line_start = (size_t)(nl + 1 - buf);
		len += (size_t)n;
		if (file != NULL && len - line_start > STORE_MAX_RECORD) {
			/* Its number is counted only when it is wanted. */
			for (i = 0; i < line_start; i++)
				line += buf[i] == '\n';
			errors_add(errs, file, line, 0, "a line longer than "
			    "%zu bytes", STORE_MAX_RECORD);
			free(buf);
			return ST_DATA;
		}
		if (file != NULL && len > STORE_MAX_BYTES) {
			errors_add(errs, file, 0, 0, "larger than %zu bytes, "
			    "the most a store may be", STORE_MAX_BYTES);
			free(buf);
			return ST_DATA;
		}
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

static int
read_file(const char *path, char **buf, size_t *len, struct errors *errs)
{
	struct stat sb;
	int fd, e, rc = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		errors_add(errs, NULL, 0, 0, "cannot open '%s': %s", path,
		    strerror(errno));
		return ST_SYSTEM;
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size > STORE_MAX_BYTES) {
		errors_add(errs, path, 0, 0, "larger than %zu bytes, the most "
		    "a store may be", STORE_MAX_BYTES);
		close(fd);
		return ST_DATA;
	}
	if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode) ||
	    (rc = read_all(fd, buf, len, (size_t)sb.st_size, path, errs)) < 0) {
		e = errno;
		if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
			e = EISDIR;
		errors_add(errs, NULL, 0, 0, "cannot read '%s': %s", path,
		    strerror(e));
		close(fd);
		return ST_SYSTEM;
	}
	close(fd);
	return rc;
}

/* The directory part of path; caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* A file or directory that may be replaced: the permission bits say so too, even for root. */
static int
may_write(const char *path, struct errors *errs)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot write '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (access(path, W_OK) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot write '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if ((sb.st_mode & 0222) == 0) {
		errors_add(errs, NULL, 0, 0, "cannot write '%s': %s", path,
		    strerror(EACCES));
		return -1;
	}
	return 0;
}

/* mkdir -p, for the directory a first write creates. */
static int
make_dirs(const char *dir, struct errors *errs)
{
	char *p = xstrdup(dir), *s, c;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			errors_add(errs, NULL, 0, 0, "cannot create '%s': %s",
			    p, strerror(errno));
			rc = -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/*
 * The file writing replaces: location with symlinks resolved, or for a
 * store that does not exist yet, its resolved directory and name.
 */
static char *
resolve(const char *location, int create_dir, int *exists,
    struct errors *errs)
{
	char *real, *dir, *rdir, *out, *path, link[PATH_MAX];
	const char *base;
	struct stat sb;
	ssize_t n;
	int hops;

	if ((real = realpath(location, NULL)) != NULL) {
		*exists = 1;
		return real;
	}
	if (errno != ENOENT) {
		errors_add(errs, NULL, 0, 0, "cannot open '%s': %s", location,
		    strerror(errno));
		return NULL;
	}
	*exists = 0;
	/* A symlink to a file not there yet: the file is what is created. */
	path = xstrdup(location);
	for (hops = 0; lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode); hops++) {
		if (hops == 40 || (n = readlink(path, link,
		    sizeof(link) - 1)) < 0) {
			errors_add(errs, NULL, 0, 0, "cannot open '%s': %s",
			    location, strerror(hops == 40 ? ELOOP : errno));
			free(path);
			return NULL;
		}
		link[n] = '\0';
		dir = dir_of(path);
		free(path);
		path = link[0] == '/' ? xstrdup(link) :
		    xasprintf("%s/%s", dir, link);
		free(dir);
	}
	dir = dir_of(path);
	if (create_dir && make_dirs(dir, errs) != 0) {
		free(dir);
		free(path);
		return NULL;
	}
	if ((rdir = realpath(dir, NULL)) == NULL && errno == ENOENT &&
	    !create_dir) {
		/* Said by the writer that needs it; a dry run needs none. */
		free(dir);
		return path;
	}
	if (rdir == NULL) {
		errors_add(errs, NULL, 0, 0, "cannot create '%s': %s",
		    location, strerror(errno));
		free(dir);
		free(path);
		return NULL;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	out = xasprintf("%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, base);
	free(dir);
	free(rdir);
	free(path);
	return out;
}

/* Whether name is STORE.tmp.XXXXXX or STORE.lastid.tmp.XXXXXX, as mkstemp makes them. */
static int
is_stale(const char *name, const char *base)
{
	size_t n = strlen(base);

	if (strncmp(name, base, n) != 0)
		return 0;
	name += n;
	if (strncmp(name, ".lastid", 7) == 0)
		name += 7;
	return strncmp(name, ".tmp.", 5) == 0 && strlen(name + 5) == 6;
}

/* Temporary files a writer killed before its rename left; the lock is held. */
static void
remove_stale(const char *target)
{
	char *dir = dir_of(target), *path;
	const char *base = strrchr(target, '/') + 1;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_stale(de->d_name, base))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		(void)unlink(path);
		free(path);
	}
	closedir(d);
	free(dir);
}

/*
 * TARGET.lastid: the highest id ever given, kept beside the file target
 * (symlinks resolved); *exists says whether there is one. 0, or ST_DATA /
 * ST_SYSTEM with errs filled.
 */
static int
lastid_of(const char *target, unsigned long *id, int *exists,
    struct errors *errs)
{
	char *path = xasprintf("%s.lastid", target), *buf, *end;
	size_t len;
	int fd, rc = 0;

	*exists = 0;
	*id = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno != ENOENT) {
			errors_add(errs, NULL, 0, 0, "cannot open '%s': %s",
			    path, strerror(errno));
			rc = ST_SYSTEM;
		}
		free(path);
		return rc;
	}
	if (read_all(fd, &buf, &len, 32, NULL, NULL) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot read '%s': %s", path,
		    strerror(errno));
		close(fd);
		free(path);
		return ST_SYSTEM;
	}
	close(fd);
	errno = 0;
	*id = strtoul(buf, &end, 10);
	if (buf[0] < '0' || buf[0] > '9' || errno != 0 ||
	    strcmp(end, "\n") != 0) {
		errors_add(errs, path, 1, 0, "not the highest id given (a "
		    "number alone on its line); remove the file if the ids "
		    "in the store are all there is");
		rc = ST_DATA;
	}
	*exists = 1;
	free(buf);
	free(path);
	return rc;
}

/* STORE.lastid, for a store opened to be written. */
static int
read_lastid(struct csv_store *cs, struct errors *errs)
{
	int rc = lastid_of(cs->target, &cs->lastid_read, &cs->lastid_exists,
	    errs);

	if (cs->lastid_exists)
		cs->base.last_id = cs->lastid_read;
	return rc;
}

int
csv_recorded_id(const struct store *st, unsigned long *id,
    struct errors *errs)
{
	char *target;
	int exists, rc;

	*id = 0;
	/* A store piped in has no file beside it. */
	if (access(st->location, F_OK) != 0)
		return 0;
	if ((target = realpath(st->location, NULL)) == NULL) {
		errors_add(errs, NULL, 0, 0, "cannot open '%s': %s",
		    st->location, strerror(errno));
		return ST_SYSTEM;
	}
	rc = lastid_of(target, id, &exists, errs);
	free(target);
	return rc;
}

static void csv_close(struct store *st);

/*
 * Parses cs->buf, read from file, into rows; only a writer keeps the bytes.
 * With STORE_ALL_ERRORS a store with bad rows is kept too.
 */
static int
load(struct csv_store *cs, const char *file, struct store **stp,
    struct errors *errs)
{
	unsigned flags = cs->base.flags;
	int rc;

	cs->source = xstrdup(file);
	rc = parse(cs, file, (flags & STORE_ALL_ERRORS) != 0, errs);
	if (rc != 0 && !(flags & STORE_ALL_ERRORS)) {
		csv_close(&cs->base);
		return rc;
	}
	if (!(flags & STORE_WRITE)) {
		free(cs->buf);
		cs->buf = NULL;
	}
	*stp = &cs->base;
	return rc;
}

static int
csv_open(struct store **stp, const char *location, const char *from,
    unsigned flags, const struct store_settings *set, struct errors *errs)
{
	struct csv_store *cs = xcalloc(1, sizeof(*cs));
	const char *file = location;
	char *lockpath, *dir;
	int exists = 1, rc;

	(void)set;
	store_base_init(&cs->base, &store_csv, location, flags);
	cs->lockfd = -1;
	if (flags & (STORE_WRITE | STORE_DRY)) {
		if ((cs->target = resolve(location, from != NULL &&
		    (flags & STORE_WRITE), &exists, errs)) == NULL) {
			csv_close(&cs->base);
			return ST_SYSTEM;
		}
	}
	if (flags & STORE_WRITE) {
		dir = dir_of(cs->target);
		rc = may_write(dir, errs) != 0 ||
		    (exists && may_write(cs->target, errs) != 0);
		free(dir);
		if (rc) {
			csv_close(&cs->base);
			return ST_SYSTEM;
		}
		lockpath = xasprintf("%s.lock", cs->target);
		cs->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (cs->lockfd < 0 || flock(cs->lockfd, LOCK_EX) != 0) {
			errors_add(errs, NULL, 0, 0, "cannot lock '%s': %s",
			    lockpath, strerror(errno));
			free(lockpath);
			csv_close(&cs->base);
			return ST_SYSTEM;
		}
		free(lockpath);
		/* Another writer may have created it while we waited. */
		exists = access(cs->target, F_OK) == 0;
		remove_stale(cs->target);
	}
	if (flags & (STORE_WRITE | STORE_DRY)) {
		if ((rc = read_lastid(cs, errs)) != 0) {
			csv_close(&cs->base);
			return rc;
		}
		if (!exists) {
			cs->base.is_new = 1;
			file = from;
		}
	}
	if (file == NULL) {
		cs->buf = xstrdup(new_header);
		cs->buflen = strlen(new_header);
		file = location;
	} else if ((rc = read_file(file, &cs->buf, &cs->buflen, errs)) != 0) {
		csv_close(&cs->base);
		return rc;
	}
	return load(cs, file, stp, errs);
}

int
store_open_csv(struct store **stp, const char *name, const char *buf,
    size_t len, unsigned flags, struct errors *errs)
{
	struct csv_store *cs = xcalloc(1, sizeof(*cs));

	*stp = NULL;
	store_base_init(&cs->base, &store_csv, name,
	    flags & ~(unsigned)STORE_WRITE);
	cs->lockfd = -1;
	cs->buf = xstrndup(buf, len);
	cs->buflen = len;
	return load(cs, name, stp, errs);
}

int
store_open_fd(struct store **stp, const char *name, int fd, unsigned flags,
    struct errors *errs)
{
	struct csv_store *cs = xcalloc(1, sizeof(*cs));
	int rc;

	*stp = NULL;
	store_base_init(&cs->base, &store_csv, name,
	    flags & ~(unsigned)STORE_WRITE);
	cs->lockfd = -1;
	if ((rc = read_all(fd, &cs->buf, &cs->buflen, 65536, name,
	    errs)) != 0) {
		if (rc < 0)
			errors_add(errs, NULL, 0, 0, "cannot read %s: %s",
			    name, strerror(errno));
		csv_close(&cs->base);
		return rc < 0 ? ST_SYSTEM : rc;
	}
	return load(cs, name, stp, errs);
}

static void
csv_close(struct store *st)
{
	struct csv_store *cs = (struct csv_store *)st;

	if (cs->lockfd >= 0)
		close(cs->lockfd);
	free(cs->target);
	free(cs->source);
	free(cs->text);
	free(cs->off);
	free(cs->line);
	free(cs->raw);
	free(cs->buf);
	store_base_release(st);
	free(cs);
}

static size_t
csv_count(const struct store *st)
{
	return ((const struct csv_store *)st)->nrows;
}

static const char *
csv_cell(const struct store *st, size_t row, size_t col)
{
	const struct csv_store *cs = (const struct csv_store *)st;

	return cs->text + cs->off[row * st->ncol + col];
}

static struct where
csv_where(const struct store *st, size_t row)
{
	const struct csv_store *cs = (const struct csv_store *)st;
	struct where w = { cs->source, cs->line[row] };

	return w;
}

static size_t
csv_append(struct store *st)
{
	struct csv_store *cs = (struct csv_store *)st;
	size_t row = cs->nrows, i;

	row_open(cs);
	for (i = 0; i < st->ncol; i++)
		cs->off[row * st->ncol + i] = 0;
	cs->line[row] = 0;
	if (cs->raw != NULL)
		cs->raw[row].start = NO_SPAN;
	return cs->nrows++;
}

static void
csv_set(struct store *st, size_t row, size_t col, const char *value)
{
	struct csv_store *cs = (struct csv_store *)st;

	cs->off[row * st->ncol + col] = *value ? text_add(cs, value,
	    strlen(value)) : 0;
	if (cs->raw != NULL)
		cs->raw[row].start = NO_SPAN;
}

/* Removes the rows marked in gone[], keeping the order of the others. */
static void
csv_delete(struct store *st, const unsigned char *gone)
{
	struct csv_store *cs = (struct csv_store *)st;
	size_t ncol = st->ncol, row, to = 0;

	for (row = 0; row < cs->nrows; row++) {
		if (gone[row])
			continue;
		if (to != row) {
			memcpy(cs->off + to * ncol, cs->off + row * ncol,
			    ncol * sizeof(*cs->off));
			cs->line[to] = cs->line[row];
			if (cs->raw != NULL)
				cs->raw[to] = cs->raw[row];
		}
		to++;
	}
	cs->nrows = to;
}

static void
csv_add_column(struct store *st)
{
	struct csv_store *cs = (struct csv_store *)st;
	size_t ncol = st->ncol, old = ncol - 1, row, cap = cs->rowcap;
	size_t *off = xcalloc(cap ? cap * ncol : 1, sizeof(*off));

	for (row = 0; row < cs->nrows; row++)
		memcpy(off + row * ncol, cs->off + row * old,
		    old * sizeof(*off));
	free(cs->off);
	cs->off = off;
}

/* Output through write(2), so that every failure is seen where it happens. */
struct out {
	int fd;
	char buf[65536];
	size_t len;
	int err;		/* errno of the first failure */
};

static void
out_flush(struct out *o)
{
	size_t done = 0;
	ssize_t n;

	while (o->err == 0 && done < o->len) {
		n = write(o->fd, o->buf + done, o->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
	}
	o->len = 0;
}

static void
out_add(struct out *o, const char *s, size_t n)
{
	size_t k;

	while (n > 0 && o->err == 0) {
		if (o->len == sizeof(o->buf))
			out_flush(o);
		k = sizeof(o->buf) - o->len < n ? sizeof(o->buf) - o->len : n;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
	}
}

static void
out_field(struct out *o, const char *s)
{
	const char *q;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		out_add(o, s, strlen(s));
		return;
	}
	out_add(o, "\"", 1);
	while ((q = strchr(s, '"')) != NULL) {
		out_add(o, s, (size_t)(q - s) + 1);
		out_add(o, "\"", 1);
		s = q + 1;
	}
	out_add(o, s, strlen(s));
	out_add(o, "\"", 1);
}

static void
out_eol(struct out *o, const struct csv_store *cs)
{
	out_add(o, cs->crlf ? "\r\n" : "\n", cs->crlf ? 2 : 1);
}

/* The length of a span without the line end it closes with. */
static size_t
span_content(const struct csv_store *cs, const struct span *sp)
{
	size_t end = sp->end;

	if (end > sp->start && cs->buf[end - 1] == '\n')
		end--;
	if (end > sp->start && cs->buf[end - 1] == '\r')
		end--;
	return end - sp->start;
}

/*
 * The header and every row: as read where nothing changed, so the file
 * keeps its quoting, line ends and blank lines; rows that changed are
 * written anew. A column added since reading is an empty field more.
 */
static void
out_rows(struct out *o, const struct csv_store *cs)
{
	const struct store *st = &cs->base;
	size_t row, i, added = st->ncol - cs->ncol_read, n;
	int eol = 1;		/* the last thing written ended its line */

	if (cs->head_start > 0)
		out_add(o, cs->buf, cs->head_start);
	if (added > 0 || cs->rewrite_all) {
		for (i = 0; i < st->ncol; i++) {
			if (i > 0)
				out_add(o, ",", 1);
			out_field(o, st->header[i]);
		}
		out_eol(o, cs);
	} else {
		out_add(o, cs->buf + cs->head_start,
		    cs->head_end - cs->head_start);
		eol = cs->buf[cs->head_end - 1] == '\n';
	}
	for (row = 0; row < cs->nrows; row++) {
		const struct span *sp = &cs->raw[row];

		if (!eol)
			out_eol(o, cs);
		eol = 1;
		if (sp->start != NO_SPAN && !cs->rewrite_all && added == 0) {
			out_add(o, cs->buf + sp->start, sp->end - sp->start);
			eol = sp->end > sp->start && cs->buf[sp->end - 1] == '\n';
		} else if (sp->start != NO_SPAN && !cs->rewrite_all) {
			n = span_content(cs, sp);
			out_add(o, cs->buf + sp->start, n);
			for (i = 0; i < added; i++)
				out_add(o, ",", 1);
			/* The row's own line end, or the file's. */
			if (n < sp->end - sp->start)
				out_add(o, cs->buf + sp->start + n,
				    sp->end - sp->start - n);
			else
				out_eol(o, cs);
		} else {
			for (i = 0; i < st->ncol; i++) {
				if (i > 0)
					out_add(o, ",", 1);
				out_field(o, csv_cell(st, row, i));
			}
			out_eol(o, cs);
		}
	}
	if (cs->tail < cs->buflen && cs->head_end > 0) {
		if (!eol)
			out_eol(o, cs);
		out_add(o, cs->buf + cs->tail, cs->buflen - cs->tail);
	}
	out_flush(o);
}

static int
sync_dir(const char *target)
{
	char *dir = dir_of(target);
	int fd, rc;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Writes a temporary file beside target with what fill() writes, syncs it
 * and renames it over target. 0, or errno with nothing left behind.
 */
static int
replace(const char *target, mode_t mode, const struct stat *owner,
    void (*fill)(struct out *, const struct csv_store *),
    const struct csv_store *cs)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", target);
	struct out *o = xmalloc(sizeof(*o));
	int e = 0;

	o->len = 0;
	o->err = 0;
	if ((o->fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		e = errno;
		free(tmp);
		free(o);
		return e;
	}
	if (fchmod(o->fd, mode) != 0)
		e = errno;
	if (owner != NULL && geteuid() == 0)
		(void)fchown(o->fd, owner->st_uid, owner->st_gid);
	if (e == 0) {
		fill(o, cs);
		e = o->err;
	}
	if (e == 0 && fsync(o->fd) != 0)
		e = errno;
	if (close(o->fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, target) != 0)
		e = errno;
	if (e != 0)
		(void)unlink(tmp);
	free(tmp);
	free(o);
	return e;
}

static void
fill_lastid(struct out *o, const struct csv_store *cs)
{
	char s[32];

	snprintf(s, sizeof(s), "%lu\n", cs->base.last_id);
	out_add(o, s, strlen(s));
	out_flush(o);
}

static int
csv_save(struct store *st, struct errors *errs)
{
	struct csv_store *cs = (struct csv_store *)st;
	struct stat sb;
	mode_t um, mode;
	char *path;
	int e, have = stat(cs->target, &sb) == 0;

	um = umask(0);
	umask(um);
	mode = have ? sb.st_mode & 07777 : 0666 & ~um;
	/* The highest id first: a crash between the two skips ids, never reuses one. */
	if (st->last_id > 0 && (!cs->lastid_exists ||
	    st->last_id > cs->lastid_read)) {
		path = xasprintf("%s.lastid", cs->target);
		e = replace(path, mode, have ? &sb : NULL, fill_lastid, cs);
		if (e != 0) {
			errors_add(errs, NULL, 0, 0, "cannot write '%s': %s",
			    path, strerror(e));
			free(path);
			return ST_SYSTEM;
		}
		free(path);
		cs->lastid_exists = 1;
		cs->lastid_read = st->last_id;
	}
	if ((e = replace(cs->target, mode, have ? &sb : NULL, out_rows,
	    cs)) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot write '%s': %s",
		    cs->target, strerror(e));
		return ST_SYSTEM;
	}
	if (sync_dir(cs->target) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot sync the directory of "
		    "'%s': %s", cs->target, strerror(errno));
		return ST_SYSTEM;
	}
	st->changed = 0;
	return 0;
}

const struct store_backend store_csv = {
	"csv",
	csv_handles,
	csv_open,
	csv_close,
	csv_count,
	csv_cell,
	csv_where,
	csv_append,
	csv_set,
	csv_delete,
	csv_add_column,
	csv_save,
	NULL,
	NULL,
	NULL,
	csv_recorded_id,
};
