/* output.h: the table of output formats and what each writes for an official. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

struct records;
struct store;

struct view {
	struct records *rs;	/* the rows and what is derived from them */
	int color;
	char eor;		/* ends a record: '\n', or '\0' with --null */
	int spreadsheet_safe;	/* csv: no cell a spreadsheet reads as a formula */
	const char *base_dn;	/* ldif: where the entries go; NULL for the default */
	unsigned long last_id;	/* directory: the highest id ever given */
	char **fields;		/* tsv, csv, json: only these, in this order */
	size_t nfields;
};

struct format {
	const char *name;
	/* Before the rows, which it may count; or NULL. */
	void (*head)(FILE *fp, const struct view *v, const size_t *rows,
	    size_t n);
	void (*row)(FILE *fp, const struct view *v, size_t row, size_t nth);
	/* Of the whole store only, with its own entry: export alone writes it. */
	int whole;
};

/* NULL when no format has that name. */
const struct format *format_named(const char *name);
/* Of rows, those with a valid address: what the mutt format shows. */
size_t rows_with_address(struct records *rs, const size_t *rows, size_t n);
/*
 * "text, json, tsv, csv, mutt": the formats, for usage and errors, into
 * buf; those of the whole store only (export's) if whole.
 */
void format_names(char *buf, size_t n, int whole);
void output_rows(FILE *fp, const struct format *f, const struct view *v,
    const size_t *rows, size_t n);
/*
 * The names of --fields LIST into *fields (caller frees each and the
 * array): a store column, or name, email, email_source. 0, or -1 with the
 * name that is neither in *bad (static or in list).
 */
int fields_parse(const struct store *st, char *list, char ***fields,
    size_t *n, const char **bad);
/* Non-zero if --fields applies to format f. */
int fields_apply(const struct format *f);

#endif
