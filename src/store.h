/* store.h: the CSV store of officials, loaded through libcsv. */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>

enum column {
	COL_ID,
	COL_GIVEN,
	COL_FAMILY,
	COL_TITLE,
	COL_ORG,
	COL_UNIT,
	COL_PHONE,
	COL_MOBILE,
	COL_EMAIL,
	COL_NOTE,
	COL_SOURCE,
	COL__COUNT
};

/*
 * Every field of every row lives in one text arena; rows are indices.
 * Unknown columns are kept like known ones, so a row can be written back
 * untouched.
 */
struct store {
	char *path;
	char **header;		/* ncol names as written */
	size_t ncol;
	int col[COL__COUNT];	/* index of each known column, -1 if absent */
	char *text;		/* NUL-terminated fields; offset 0 is "" */
	size_t textlen, textcap;
	size_t *off;		/* nrows * ncol offsets into text */
	size_t *line;		/* line each row starts on */
	size_t nrows, rowcap;
};

void store_init(struct store *st);
void store_release(struct store *st);

/* 0, or ST_DATA / ST_SYSTEM after a diagnostic naming path. */
int store_load(struct store *st, const char *path);
/* The same for bytes already in memory; path names them in messages. */
int store_load_mem(struct store *st, const char *path, const char *buf,
    size_t len);

const char *column_name(enum column c);
/* The field of a known column; "" when the column is absent. */
const char *store_field(const struct store *st, size_t row, enum column c);
/* The field at header index col. */
const char *store_cell(const struct store *st, size_t row, size_t col);
/* "Given Family", or whichever exists. Caller frees. */
char *store_name(const struct store *st, size_t row);

#endif
