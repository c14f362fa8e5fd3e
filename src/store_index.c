/* store_index.c: a CSV store read through its index: only the rows asked for are parsed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "diag.h"
#include "index.h"
#include "store_backend.h"

struct index_store {
	struct store base;
	const struct index *ix;
	/* Each row's fields once read: ncol pointers, then their text. */
	char ***row;
};

/* One record's fields, as the CSV backend would read them. */
struct rec {
	char **f;
	size_t n, cap;
	int done;
};

static void
on_field(void *s, size_t n, void *data)
{
	struct rec *r = data;

	if (r->done)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = xreallocarray(r->f, r->cap, sizeof(*r->f));
	}
	r->f[r->n++] = xstrndup(s, n);
}

static void
on_record(int c, void *data)
{
	(void)c;
	((struct rec *)data)->done = 1;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* The first record in bytes [from, to) of the store. */
static void
read_record(const struct index *ix, uint64_t from, uint64_t to,
    struct rec *r)
{
	struct csv_parser p;
	size_t len = (size_t)(to - from), got = 0;
	char *buf = xmalloc(len + 1);
	ssize_t n;

	memset(r, 0, sizeof(*r));
	while (got < len) {
		n = pread(ix->fd, buf + got, len - got, (off_t)(from + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0) {
		csv_set_space_func(&p, no_space);
		(void)csv_parse(&p, buf, got, on_field, on_record, r);
		(void)csv_fini(&p, on_field, on_record, r);
		csv_free(&p);
	}
	free(buf);
}

/* Rows read together, and the row the next record read belongs to. */
struct batch {
	struct index_store *is;
	size_t row, end;
};

/* The fields in one block: ncol pointers, then their text. */
static char **
row_block(const char *text, size_t len, size_t n, size_t ncol)
{
	char **block = xmalloc(ncol * sizeof(*block) + len + 1);
	char *t = (char *)(block + ncol);
	size_t i;

	if (len > 0)
		memcpy(t, text, len);
	for (i = 0; i < n && i < ncol; i++) {
		block[i] = t;
		t += strlen(t) + 1;
	}
	/* Missing fields, as in the CSV backend, are empty. */
	t = (char *)(block + ncol) + len;
	*t = '\0';
	for (; i < ncol; i++)
		block[i] = t;
	return block;
}

static void
on_row(void *arg, const char *text, size_t len, size_t nfield)
{
	struct batch *b = arg;

	if (b->row < b->end && b->is->row[b->row] == NULL)
		b->is->row[b->row] = row_block(text, len, nfield,
		    b->is->base.ncol);
	b->row++;
}

/* Reads rows [from, to) of the store in one read. */
static void
read_rows(struct index_store *is, size_t from, size_t to)
{
	const struct index *ix = is->ix;
	struct batch b;
	uint64_t start = ix->row_start[from], end = ix->row_start[to];
	size_t len = (size_t)(end - start), got = 0;
	char *buf = xmalloc(len + 1);
	ssize_t n;

	b.is = is;
	b.row = from;
	b.end = to;
	while (got < len) {
		n = pread(ix->fd, buf + got, len - got, (off_t)(start + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	/* Read as the index was made: every record there was whole. */
	buf[got] = '\0';
	(void)index_records(buf, got, on_row, &b);
	free(buf);
	/* A store changed under the open file: its rows read as empty. */
	for (; b.row < to; b.row++)
		if (is->row[b.row] == NULL)
			is->row[b.row] = row_block("", 0, 0, is->base.ncol);
}

/* A command that goes through the rows in order reads ahead. */
#define READ_AHEAD 256

static const char *
index_cell(const struct store *st, size_t row, size_t col)
{
	struct index_store *is = (struct index_store *)(uintptr_t)st;
	size_t to = row + 1, n = is->ix->nrows;

	if (is->row[row] == NULL) {
		if (row > 0 && is->row[row - 1] != NULL)
			while (to < n && to < row + READ_AHEAD &&
			    is->row[to] == NULL)
				to++;
		read_rows(is, row, to);
	}
	return is->row[row][col];
}

static size_t
index_count(const struct store *st)
{
	return ((const struct index_store *)st)->ix->nrows;
}

static struct where
index_where(const struct store *st, size_t row)
{
	const struct index_store *is = (const struct index_store *)st;
	struct where w = { st->location, is->ix->row_line[row] };

	return w;
}

static void
index_store_close(struct store *st)
{
	struct index_store *is = (struct index_store *)st;
	size_t i;

	for (i = 0; is->row != NULL && i < is->ix->nrows; i++)
		free(is->row[i]);
	free(is->row);
	store_base_release(st);
	free(is);
}

static int
index_handles(const char *location)
{
	(void)location;
	return 0;
}

int
store_open_index(struct store **stp, const char *location,
    const struct index *ix, struct errors *errs)
{
	struct index_store *is = xcalloc(1, sizeof(*is));
	struct rec r;

	*stp = NULL;
	store_base_init(&is->base, &store_index, location, 0);
	is->ix = ix;
	read_record(ix, ix->head_start, ix->head_end, &r);
	if (store_header(&is->base, r.f, r.n, location, 1, errs) != 0) {
		index_store_close(&is->base);
		return ST_DATA;
	}
	is->row = xcalloc(ix->nrows + 1, sizeof(*is->row));
	*stp = &is->base;
	return 0;
}

/* The store is opened for reading only: no command changes it. */
static size_t
index_append(struct store *st)
{
	(void)st;
	abort();
}

static void
index_set(struct store *st, size_t row, size_t col, const char *value)
{
	(void)st, (void)row, (void)col, (void)value;
	abort();
}

static void
index_delete(struct store *st, const unsigned char *gone)
{
	(void)st, (void)gone;
	abort();
}

static void
index_add_column(struct store *st)
{
	(void)st;
	abort();
}

static int
index_save(struct store *st, struct errors *errs)
{
	(void)st, (void)errs;
	abort();
}

const struct store_backend store_index = {
	"csv-index",
	index_handles,
	NULL,
	index_store_close,
	index_count,
	index_cell,
	index_where,
	index_append,
	index_set,
	index_delete,
	index_add_column,
	index_save,
};
