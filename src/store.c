/* store.c: the store interface: picks a backend and answers by column name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fold.h"
#include "store_backend.h"

static const char *const column_names[COL__COUNT] = {
	"id", "given_name", "family_name", "title", "organization", "unit",
	"phone", "mobile", "email", "note", "source",
};

/* Tried in order; the last serves any location. */
static const struct store_backend *const backends[] = {
	&store_ldap,
	&store_csv,
};

const char *
column_name(enum column c)
{
	return column_names[c];
}

int
column_named(const char *name)
{
	size_t c;

	for (c = 0; c < COL__COUNT; c++)
		if (strcasecmp(name, column_names[c]) == 0)
			return (int)c;
	return -1;
}

void
store_base_init(struct store *st, const struct store_backend *be,
    const char *location, unsigned flags)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	st->be = be;
	st->location = xstrdup(location);
	st->flags = flags;
	st->id_step = 1;
	for (i = 0; i < COL__COUNT; i++)
		st->col[i] = -1;
}

void
store_base_release(struct store *st)
{
	size_t i;

	for (i = 0; i < st->ncol; i++)
		free(st->header[i]);
	free(st->header);
	free(st->extra);
	free(st->location);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* col[] and extra[] from the header; a column named twice is an error. */
static int
index_header(struct store *st, const char *file, size_t line,
    struct errors *errs)
{
	const char **sorted;
	size_t i;
	int c;

	for (i = 0; i < COL__COUNT; i++)
		st->col[i] = -1;
	free(st->extra);
	st->extra = xcalloc(st->ncol, sizeof(*st->extra));
	st->nextra = 0;
	for (i = 0; i < st->ncol; i++) {
		if ((c = column_named(st->header[i])) < 0) {
			st->extra[st->nextra++] = st->header[i];
			continue;
		}
		if (st->col[c] >= 0) {
			errors_add(errs, file, line, 0, "column '%s' appears "
			    "twice in the header", column_names[c]);
			return -1;
		}
		st->col[c] = (int)i;
	}
	/* Sorted, so that a header of many columns costs n log n. */
	sorted = xcalloc(st->nextra + 1, sizeof(*sorted));
	memcpy(sorted, st->extra, st->nextra * sizeof(*sorted));
	qsort(sorted, st->nextra, sizeof(*sorted), cmp_name);
	for (i = 1; i < st->nextra; i++) {
		if (strcmp(sorted[i], sorted[i - 1]) == 0) {
			errors_add(errs, file, line, 0, "column '%s' appears "
			    "twice in the header", sorted[i]);
			free(sorted);
			return -1;
		}
	}
	free(sorted);
	if (st->col[COL_GIVEN] < 0 && st->col[COL_FAMILY] < 0) {
		errors_add(errs, file, line, 0, "missing header: no "
		    "given_name or family_name column");
		return -1;
	}
	return 0;
}

int
store_header(struct store *st, char **names, size_t n, const char *file,
    size_t line, struct errors *errs)
{
	st->header = names;
	st->ncol = n;
	return index_header(st, file, line, errs);
}

static void scan_ids(struct store *st);

int
store_open(struct store **stp, const char *location, const char *from,
    unsigned flags, const struct store_settings *set, struct errors *errs)
{
	size_t i;
	int rc;

	*stp = NULL;
	for (i = 0; i + 1 < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->handles(location))
			break;
	rc = backends[i]->open(stp, location, from, flags, set, errs);
	if (*stp != NULL && (flags & (STORE_WRITE | STORE_DRY)))
		scan_ids(*stp);
	return rc;
}

int
store_is_remote(const char *location)
{
	size_t i;

	for (i = 0; i + 1 < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->handles(location))
			return backends[i]->open_names != NULL;
	return 0;
}

int
store_open_names(struct store **stp, const char *location,
    char *const *terms, size_t n, const struct store_settings *set,
    struct errors *errs)
{
	size_t i;

	*stp = NULL;
	for (i = 0; i + 1 < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->handles(location))
			break;
	if (backends[i]->open_names == NULL)
		return store_open(stp, location, NULL, 0, set, errs);
	return backends[i]->open_names(stp, location, terms, n, set, errs);
}

void
store_close(struct store *st)
{
	if (st != NULL)
		st->be->close(st);
}

size_t
store_count(const struct store *st)
{
	return st->be->count(st);
}

struct where
store_where(const struct store *st, size_t row)
{
	return st->be->where(st, row);
}

const char *
store_field(const struct store *st, size_t row, enum column c)
{
	if (st->col[c] < 0)
		return "";
	return st->be->cell(st, row, (size_t)st->col[c]);
}

static int
header_index(const struct store *st, const char *name)
{
	size_t i;
	int c = column_named(name);

	if (c >= 0)
		return st->col[c];
	for (i = 0; i < st->ncol; i++)
		if (strcmp(st->header[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
store_get(const struct store *st, size_t row, const char *name)
{
	int i = header_index(st, name);

	return i < 0 ? NULL : st->be->cell(st, row, (size_t)i);
}

size_t
store_columns(const struct store *st, const char *const **names)
{
	*names = (const char *const *)st->header;
	return st->ncol;
}

const char *
store_cell(const struct store *st, size_t row, size_t col)
{
	return st->be->cell(st, row, col);
}

char *
store_name(const struct store *st, size_t row)
{
	const char *g = store_field(st, row, COL_GIVEN);
	const char *f = store_field(st, row, COL_FAMILY);

	return xasprintf("%s%s%s", g, *g && *f ? " " : "", f);
}

size_t
store_extra(const struct store *st, const char *const **names)
{
	*names = st->extra;
	return st->nextra;
}

size_t
store_append(struct store *st)
{
	st->changed = 1;
	return st->be->append(st);
}

void
store_set(struct store *st, size_t row, const char *name, const char *value)
{
	int i = header_index(st, name);
	int c = column_named(name);
	char *nfc;
	size_t len;

	if (i < 0) {
		st->header = xreallocarray(st->header, st->ncol + 1,
		    sizeof(*st->header));
		st->header[st->ncol++] = xstrdup(c >= 0 ? column_names[c] :
		    name);
		st->be->add_column(st);
		/* A header that was sound stays sound with one more column. */
		(void)index_header(st, NULL, 0, NULL);
		i = (int)st->ncol - 1;
	}
	st->changed = 1;
	/* What is written is NFC, as what is read is. */
	if ((nfc = fold_nfc(value, strlen(value), &len)) != NULL)
		value = nfc;
	st->be->set(st, row, (size_t)i, value);
	free(nfc);
}

void
store_delete(struct store *st, const size_t *rows, size_t n)
{
	unsigned char *gone = xcalloc(store_count(st) + 1, 1);
	size_t i;

	for (i = 0; i < n; i++)
		gone[rows[i]] = 1;
	st->changed = 1;
	st->be->delete(st, gone);
	free(gone);
}

/* The value of a decimal id; 0 for one that is not a plain number. */
static unsigned long
id_value(const char *s)
{
	unsigned long v = 0;
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 18 || s[n] != '\0')
		return 0;
	for (; *s != '\0'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return v;
}

/* The highest plain-number id of the rows; 0 for none. */
static unsigned long
rows_highest_id(const struct store *st)
{
	size_t row, n;
	unsigned long v, hi = 0;

	for (row = 0, n = store_count(st); row < n; row++)
		if ((v = id_value(store_field(st, row, COL_ID))) > hi)
			hi = v;
	return hi;
}

/* The highest id in the rows counts as given, before any row is removed. */
static void
scan_ids(struct store *st)
{
	unsigned long v = rows_highest_id(st);

	if (v > st->last_id)
		st->last_id = v;
}

void
store_keep_id(struct store *st, const char *id)
{
	unsigned long v = id_value(id);

	if (v > st->last_id)
		st->last_id = v;
}

int
store_last_id(const struct store *st, unsigned long *id, struct errors *errs)
{
	unsigned long v = rows_highest_id(st);
	int rc = 0;

	/* A store opened only to read has not counted its rows' ids. */
	*id = v > st->last_id ? v : st->last_id;
	if (st->be->recorded_id != NULL &&
	    (rc = st->be->recorded_id(st, &v, errs)) == 0 && v > *id)
		*id = v;
	return rc;
}

char *
store_new_id(struct store *st)
{
	unsigned long n = st->last_id + 1;

	while (n % st->id_step != st->id_offset % st->id_step)
		n++;
	st->changed = 1;
	st->last_id = n;
	return xasprintf("%lu", n);
}

int
store_changed(const struct store *st)
{
	return st->changed;
}

int
store_is_new(const struct store *st)
{
	return st->is_new;
}

int
store_save(struct store *st, struct errors *errs)
{
	if (!st->changed)
		return 0;
	return st->be->save(st, errs);
}

int
store_fetch(struct store *st, enum column c, const char *value,
    struct errors *errs)
{
	return st->be->fetch != NULL ? st->be->fetch(st, c, value, errs) : 0;
}

int
store_in_part(const struct store *st)
{
	return st->be->written != NULL;
}

int
store_written(const struct store *st, const char *id)
{
	return st->be->written != NULL && st->be->written(st, id);
}
