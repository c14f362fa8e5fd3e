/* output.h: the table of output formats and what each writes for an official. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

struct email_table;
struct rules;
struct store;

struct view {
	const struct store *st;
	const struct rules *r;
	const struct email_table *em;
	const char *region;	/* for numbers written without '+' */
	int color;
	char eor;		/* ends a record: '\n', or '\0' with --null */
};

struct format {
	const char *name;
	void (*head)(FILE *fp, const struct view *v);
	void (*row)(FILE *fp, const struct view *v, size_t row, size_t nth);
};

/* Long options of every command that writes officials. */
enum { OUT_FORMAT = 300, OUT_JSON, OUT_TSV };
#define OUTPUT_LONGOPTS \
	{ "format", required_argument, NULL, OUT_FORMAT }, \
	{ "json", no_argument, NULL, OUT_JSON }, \
	{ "tsv", no_argument, NULL, OUT_TSV }, \
	{ "null", no_argument, NULL, '0' }

/* 1 if ch was an output option and is applied, 0 if not one, -1 if bad. */
int output_option(int ch, const char *arg, const struct format **f,
    char *eor);

/* NULL when no format has that name. */
const struct format *format_named(const char *name);
/* "text, json, tsv": for usage and errors. */
const char *format_names(void);
void output_rows(FILE *fp, const struct format *f, const struct view *v,
    const size_t *rows, size_t n);

#endif
