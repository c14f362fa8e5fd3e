/* store_index.c: a CSV store read through its index: only the rows asked for are parsed. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fold.h"
#include "index.h"
#include "store_backend.h"

struct index_store {
	struct store base;
	const struct index *ix;
	/* Each row's fields once read: ncol pointers, then their text. */
	char ***row;
};

/* Bytes [from, to) of the store, then a NUL; *len says how many were read. */
static char *
read_bytes(const struct index *ix, uint64_t from, uint64_t to, size_t *len)
{
	size_t n = (size_t)(to - from);
	char *buf = xmalloc(n + 1);

	*len = index_read(ix->fd, buf, n, from);
	buf[*len] = '\0';
	return buf;
}

/* The header's names, each its own string, as store_header() takes them. */
struct names {
	char **v;
	size_t n;
};

static void
on_header(void *arg, const char *text, size_t len, size_t nfield)
{
	struct names *h = arg;
	size_t i;

	if (h->v != NULL)
		return;
	h->v = xcalloc(nfield + 1, sizeof(*h->v));
	for (i = 0; i < nfield; i++, text += strlen(text) + 1)
		if ((h->v[i] = fold_nfc(text, strlen(text), &len)) == NULL)
			h->v[i] = xstrdup(text);
	h->n = nfield;
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

static char *fields_nfc(const char *, size_t, size_t *);

static void
on_row(void *arg, const char *text, size_t len, size_t nfield)
{
	struct batch *b = arg;
	char *nfc = fields_nfc(text, len, &len);

	if (nfc != NULL)
		text = nfc;

	if (b->row < b->end && b->is->row[b->row] == NULL)
		b->is->row[b->row] = row_block(text, len, nfield,
		    b->is->base.ncol);
	b->row++;
	free(nfc);
}

/*
 * The fields of a record, NUL after each, in NFC as the CSV backend keeps
 * them: NULL if they already are, else a new text of *outlen bytes.
 */
static char *
fields_nfc(const char *text, size_t len, size_t *outlen)
{
	struct strbuf b = { 0 };
	const char *f, *end = text + len;
	char *nfc;
	size_t n, flen;

	for (f = text; f < end && (unsigned char)*f < 0xcc; f++)
		;
	if (f == end)
		return NULL;
	for (f = text; f < end; f += flen + 1) {
		flen = strlen(f);
		if ((nfc = fold_nfc(f, flen, &n)) != NULL) {
			strbuf_add(&b, nfc, n);
			free(nfc);
		} else {
			strbuf_add(&b, f, flen);
		}
		strbuf_add(&b, "", 1);
	}
	*outlen = b.len;
	return b.p;
}

/* Reads rows [from, to) of the store in one read. */
static void
read_rows(struct index_store *is, size_t from, size_t to)
{
	const struct index *ix = is->ix;
	struct batch b;
	size_t got;
	char *buf = read_bytes(ix, ix->row_start[from], ix->row_start[to], &got);

	b.is = is;
	b.row = from;
	b.end = to;
	/* Read as the index was made: every record there was whole. */
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
	struct names h = { NULL, 0 };
	size_t len;
	char *buf;

	*stp = NULL;
	store_base_init(&is->base, &store_index, location, 0);
	is->ix = ix;
	buf = read_bytes(ix, ix->head_start, ix->head_end, &len);
	(void)index_records(buf, len, on_header, &h);
	free(buf);
	if (store_header(&is->base, h.v, h.n, location, 1, errs) != 0) {
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
	NULL,
	NULL,
	NULL,
	csv_recorded_id,
};
