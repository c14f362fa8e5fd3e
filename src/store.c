/* store.c: loads the CSV store, checking encoding and shape line by line. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <unistr.h>

#include "diag.h"
#include "store.h"

static const char *const column_names[COL__COUNT] = {
	"id", "given_name", "family_name", "title", "organization", "unit",
	"phone", "mobile", "email", "note", "source",
};

struct loader {
	struct store *st;
	size_t line;		/* line being fed to the parser */
	size_t row_line;	/* line the current row started on */
	size_t nfield;		/* fields seen in the current row */
	int in_header;
	int failed;
};

void
store_init(struct store *st)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < COL__COUNT; i++)
		st->col[i] = -1;
}

void
store_release(struct store *st)
{
	size_t i;

	for (i = 0; i < st->ncol; i++)
		free(st->header[i]);
	free(st->header);
	free(st->path);
	free(st->text);
	free(st->off);
	free(st->line);
	store_init(st);
}

const char *
column_name(enum column c)
{
	return column_names[c];
}

const char *
store_cell(const struct store *st, size_t row, size_t col)
{
	return st->text + st->off[row * st->ncol + col];
}

const char *
store_field(const struct store *st, size_t row, enum column c)
{
	if (st->col[c] < 0)
		return "";
	return store_cell(st, row, (size_t)st->col[c]);
}

char *
store_name(const struct store *st, size_t row)
{
	const char *g = store_field(st, row, COL_GIVEN);
	const char *f = store_field(st, row, COL_FAMILY);

	return xasprintf("%s%s%s", g, *g && *f ? " " : "", f);
}

static size_t
text_add(struct store *st, const char *s, size_t n)
{
	size_t at = st->textlen;

	if (st->textlen + n + 1 > st->textcap) {
		st->textcap = (st->textlen + n + 1) * 2;
		st->text = xreallocarray(st->text, st->textcap, 1);
	}
	memcpy(st->text + at, s, n);
	st->text[at + n] = '\0';
	st->textlen += n + 1;
	return at;
}

static void
row_open(struct store *st)
{
	if (st->nrows == st->rowcap) {
		st->rowcap = st->rowcap ? st->rowcap * 2 : 64;
		st->off = xreallocarray(st->off, st->rowcap * st->ncol,
		    sizeof(*st->off));
		st->line = xreallocarray(st->line, st->rowcap,
		    sizeof(*st->line));
	}
}

static void
on_field(void *s, size_t n, void *data)
{
	struct loader *ld = data;
	struct store *st = ld->st;

	if (ld->failed)
		return;
	if (ld->in_header) {
		st->header = xreallocarray(st->header, st->ncol + 1,
		    sizeof(*st->header));
		st->header[st->ncol++] = xstrndup(s, n);
		return;
	}
	if (ld->nfield == 0)
		row_open(st);
	if (ld->nfield >= st->ncol) {
		ld->nfield++;
		return;
	}
	st->off[st->nrows * st->ncol + ld->nfield++] = n ?
	    text_add(st, s, n) : 0;
}

static int
header_done(struct loader *ld, size_t line)
{
	struct store *st = ld->st;
	size_t i, c;

	for (i = 0; i < st->ncol; i++) {
		for (c = 0; c < COL__COUNT; c++) {
			if (strcasecmp(st->header[i], column_names[c]) != 0)
				continue;
			if (st->col[c] >= 0) {
				diag_at(st->path, line, 0,
				    "column '%s' appears twice in the header",
				    column_names[c]);
				return -1;
			}
			st->col[c] = (int)i;
		}
	}
	if (st->col[COL_GIVEN] < 0 && st->col[COL_FAMILY] < 0) {
		diag_at(st->path, line, 0, "missing header: no "
		    "given_name or family_name column");
		return -1;
	}
	return 0;
}

static void
on_record(int c, void *data)
{
	struct loader *ld = data;
	struct store *st = ld->st;
	size_t row_line = ld->row_line;

	(void)c;
	ld->row_line = ld->line + 1;
	if (ld->failed)
		return;
	if (ld->in_header) {
		ld->in_header = 0;
		if (header_done(ld, row_line) != 0)
			ld->failed = 1;
		return;
	}
	if (ld->nfield > st->ncol) {
		diag_at(st->path, row_line, 0, "%zu fields, but the header has "
		    "%zu", ld->nfield, st->ncol);
		ld->failed = 1;
		return;
	}
	if (ld->nfield == 0)
		row_open(st);
	for (; ld->nfield < st->ncol; ld->nfield++)
		st->off[st->nrows * st->ncol + ld->nfield] = 0;
	ld->nfield = 0;
	st->line[st->nrows++] = row_line;
	if (*store_field(st, st->nrows - 1, COL_GIVEN) == '\0' &&
	    *store_field(st, st->nrows - 1, COL_FAMILY) == '\0') {
		diag_at(st->path, row_line, 0, "row has neither given_name nor "
		    "family_name");
		ld->failed = 1;
	}
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Feeds one line (with its newline) to the parser after checking its bytes. */
static int
feed_line(struct csv_parser *p, struct loader *ld, const char *s, size_t n)
{
	const uint8_t *bad;
	const char *nul;

	if ((nul = memchr(s, '\0', n)) != NULL) {
		diag_at(ld->st->path, ld->line, (size_t)(nul - s) + 1,
		    "NUL byte");
		return -1;
	}
	if ((bad = u8_check((const uint8_t *)s, n)) != NULL) {
		diag_at(ld->st->path, ld->line,
		    (size_t)((const char *)bad - s) + 1, "invalid UTF-8");
		return -1;
	}
	if (csv_parse(p, s, n, on_field, on_record, ld) != n) {
		diag_at(ld->st->path, ld->line, 0, "malformed quoting: a quote "
		    "inside an unquoted field or after a closing quote");
		return -1;
	}
	return ld->failed ? -1 : 0;
}

int
store_load_mem(struct store *st, const char *path, const char *buf,
    size_t len)
{
	struct csv_parser p;
	struct loader ld = { st, 1, 1, 0, 1, 0 };
	const char *s = buf, *end = buf + len, *nl;
	int rc = 0;

	store_release(st);
	st->path = xstrdup(path);
	text_add(st, "", 0);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		diag("out of memory");
		return ST_SYSTEM;
	}
	csv_set_space_func(&p, no_space);
	for (; s < end && rc == 0; s = nl, ld.line++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		nl = nl != NULL ? nl + 1 : end;
		if (feed_line(&p, &ld, s, (size_t)(nl - s)) != 0)
			rc = ST_DATA;
	}
	if (rc == 0) {
		ld.line--;
		if (csv_fini(&p, on_field, on_record, &ld) != 0) {
			diag_at(path, ld.row_line, 0, "unterminated quoted "
			    "field");
			rc = ST_DATA;
		} else if (ld.failed) {
			rc = ST_DATA;
		} else if (ld.in_header) {
			diag_at(path, 1, 0, "missing header: the file is "
			    "empty");
			rc = ST_DATA;
		}
	}
	csv_free(&p);
	return rc;
}

int
store_load(struct store *st, const char *path)
{
	struct stat sb;
	char *buf;
	size_t len = 0;
	ssize_t n;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag("cannot open '%s': %s", path, strerror(errno));
		return ST_SYSTEM;
	}
	if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
		diag("cannot read '%s': %s", path,
		    S_ISDIR(sb.st_mode) ? strerror(EISDIR) : strerror(errno));
		close(fd);
		return ST_SYSTEM;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	for (;;) {
		if (len == (size_t)sb.st_size) {
			sb.st_size = sb.st_size * 2 + 4096;
			buf = xreallocarray(buf, (size_t)sb.st_size + 1, 1);
		}
		n = read(fd, buf + len, (size_t)sb.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag("cannot read '%s': %s", path, strerror(errno));
			close(fd);
			free(buf);
			return ST_SYSTEM;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	rc = store_load_mem(st, path, buf, len);
	free(buf);
	return rc;
}
