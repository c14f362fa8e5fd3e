/* cmd.c: what several commands do alike: pick one official, say why none, show rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "output.h"
#include "store.h"

int
show_officials(struct ctx *c, const struct format *f, char eor,
    const size_t *rows, size_t n)
{
	struct view v;
	int rc;

	if ((rc = view_for(c, f, eor, &v)) != 0)
		return rc;
	output_rows(stdout, f, &v, rows, n);
	view_release(&v);
	return 0;
}

int
view_for(struct ctx *c, const struct format *f, char eor, struct view *v)
{
	const char *list = arg_value(c, OPT_FIELDS), *bad;
	char *copy;
	int rc = 0;

	memset(v, 0, sizeof(*v));
	v->rs = &c->rs;
	v->color = c->opt->color && f == format_named("text");
	v->eor = eor;
	v->base_dn = arg_value(c, OPT_BASE_DN);
	if (list == NULL)
		return 0;
	if (!fields_apply(f)) {
		diag("%s: --fields is for tsv, csv and json", c->cmdname);
		return ST_USAGE;
	}
	copy = xstrdup(list);
	if (fields_parse(c->st, copy, &v->fields, &v->nfields, &bad) != 0) {
		diag("%s: no such field '%s' (a column of the store, name, "
		    "email or email_source)", c->cmdname, bad);
		view_release(v);
		rc = ST_USAGE;
	}
	free(copy);
	return rc;
}

void
view_release(struct view *v)
{
	size_t i;

	for (i = 0; i < v->nfields; i++)
		free(v->fields[i]);
	free(v->fields);
	v->fields = NULL;
	v->nfields = 0;
}

int
output_choice(const struct ctx *c, const struct format **f, char *eor)
{
	char known[128];
	size_t i;

	*f = format_named("text");
	*eor = '\n';
	for (i = 0; i < c->nargs; i++) {
		switch (c->args[i].id) {
		case OPT_FORMAT:
			if ((*f = format_named(c->args[i].value)) == NULL) {
				format_names(known, sizeof(known),
				    (c->cmd->flags & CMD_WHOLE) != 0);
				diag("unknown format '%s' (known: %s)",
				    c->args[i].value, known);
				return ST_USAGE;
			}
			if ((*f)->whole && !(c->cmd->flags & CMD_WHOLE)) {
				diag("%s: the format '%s' is for export: it "
				    "writes the whole store", c->cmd->name,
				    (*f)->name);
				return ST_USAGE;
			}
			break;
		case OPT_JSON:
			*f = format_named("json");
			break;
		case OPT_TSV:
			*f = format_named("tsv");
			break;
		case OPT_NULL:
			*eor = '\0';
			break;
		}
	}
	return 0;
}

void
out_about(struct ctx *c, const char *id)
{
	long at;

	/* A file is written whole or not at all: its lines go or stay together. */
	if (!store_in_part(c->st))
		return;
	at = ftell(c->out);
	if ((c->nlines & (c->nlines - 1)) == 0) {
		c->line_at = xreallocarray(c->line_at, c->nlines * 2 + 1,
		    sizeof(*c->line_at));
		c->line_id = xreallocarray(c->line_id, c->nlines * 2 + 1,
		    sizeof(*c->line_id));
	}
	c->line_at[c->nlines] = at < 0 ? 0 : at;
	c->line_id[c->nlines++] = xstrdup(id);
}

void
report_no_match(struct ctx *c, char *const *terms, size_t n, int rc,
    const char *why)
{
	char *query = match_joined(terms, n), *name;
	size_t rows[3], k, i;

	if (rc == ST_USAGE) {
		diag("the query is not valid UTF-8");
	} else if (why != NULL) {
		diag("no official matches '%s': not a valid phone number: %s",
		    query, why);
	} else {
		diag("no official matches '%s'", query);
		k = match_suggest(&c->rs, terms, n, rows, 3);
		for (i = 0; i < k; i++) {
			name = store_name(c->st, rows[i]);
			diag("did you mean '%s'?", name);
			free(name);
		}
	}
	free(query);
}

int
pick_official(struct ctx *c, char **terms, size_t n, size_t *row)
{
	struct match_opts mo = { 0, c->opt->region };
	struct hit *hits;
	const char *why;
	char *query, *name;
	size_t nhits, i;
	int rc;

	rc = match_pick(&c->rs, &mo, terms, n, row, &hits, &nhits, &why);
	if (rc == ST_NOMATCH || rc == ST_USAGE)
		report_no_match(c, terms, n, rc, why);
	if (rc != ST_AMBIGUOUS)
		return rc;
	query = match_joined(terms, n);
	diag("'%s' matches %zu officials; name one of them:", query, nhits);
	for (i = 0; i < nhits; i++) {
		const char *org = store_field(c->st, hits[i].row, COL_ORG);

		name = store_name(c->st, hits[i].row);
		diag("  id %s: %s%s%s%s", store_field(c->st, hits[i].row,
		    COL_ID), name, *org ? " (" : "", org, *org ? ")" : "");
		free(name);
	}
	free(query);
	free(hits);
	return ST_AMBIGUOUS;
}

/* Field options and the columns they set. */
static const struct {
	int id;
	const char *alias;	/* as --unset also takes it */
	enum column col;
} field_opts[] = {
	{ OPT_GIVEN, "given", COL_GIVEN },
	{ OPT_FAMILY, "family", COL_FAMILY },
	{ OPT_TITLE, "title", COL_TITLE },
	{ OPT_ORG_FIELD, "org", COL_ORG },
	{ OPT_UNIT, "unit", COL_UNIT },
	{ OPT_PHONE, "phone", COL_PHONE },
	{ OPT_MOBILE, "mobile", COL_MOBILE },
	{ OPT_EMAIL, "email", COL_EMAIL },
	{ OPT_NOTE, "note", COL_NOTE },
	{ OPT_SOURCE, "source", COL_SOURCE },
};

#define NFIELD_OPTS (sizeof(field_opts) / sizeof(field_opts[0]))

/* Text from the command line that a field can hold: UTF-8, no controls but tab and newline. */
static int
bad_text(const struct ctx *c, const char *what, const char *s)
{
	const unsigned char *p;

	if (u8_check((const uint8_t *)s, strlen(s)) != NULL) {
		diag("%s: %s: not valid UTF-8", c->cmdname, what);
		return 1;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
			diag("%s: %s: a control character is not allowed",
			    c->cmdname, what);
			return 1;
		}
	}
	return 0;
}

/*
 * The column --set or --unset NAME means: an option's name (org) is its
 * column (organization); a known column's name in any case is that column.
 */
static const char *
column_of(const char *name)
{
	size_t i;
	int col;

	for (i = 0; i < NFIELD_OPTS; i++)
		if (strcmp(field_opts[i].alias, name) == 0)
			return column_name(field_opts[i].col);
	if ((col = column_named(name)) >= 0)
		return column_name((enum column)col);
	return name;
}

/* The column --unset NAME means: an option's name, a known or an extra column. */
static const char *
unset_column(struct ctx *c, const char *name)
{
	const char *const *extra;
	const char *col = column_of(name);
	size_t i, n = store_extra(c->st, &extra);

	if (column_named(col) >= 0)
		return col;
	for (i = 0; i < n; i++)
		if (strcmp(extra[i], col) == 0)
			return extra[i];
	return NULL;
}

int
apply_fields(struct ctx *c, size_t row)
{
	const struct arg *a;
	const char *col, *eq;
	char *name;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < c->nargs; i++) {
		a = &c->args[i];
		for (k = 0; k < NFIELD_OPTS; k++)
			if (field_opts[k].id == a->id)
				break;
		if (k < NFIELD_OPTS) {
			if (bad_text(c, column_name(field_opts[k].col),
			    a->value))
				return ST_USAGE;
			store_set(c->st, row, column_name(field_opts[k].col),
			    a->value);
		} else if (a->id == OPT_SET) {
			if ((eq = strchr(a->value, '=')) == NULL ||
			    eq == a->value) {
				diag("%s: --set takes COLUMN=VALUE, not '%s'",
				    c->cmdname, a->value);
				return ST_USAGE;
			}
			name = xstrndup(a->value, (size_t)(eq - a->value));
			if (column_named(name) == COL_ID) {
				diag("%s: ids are given by contacts, not set",
				    c->cmdname);
				free(name);
				return ST_USAGE;
			}
			if (strpbrk(name, "\t\n") != NULL) {
				diag("%s: a column name is one line",
				    c->cmdname);
				rc = ST_USAGE;
			} else if (bad_text(c, name, name) ||
			    bad_text(c, name, eq + 1)) {
				rc = ST_USAGE;
			}
			if (rc != 0) {
				free(name);
				return rc;
			}
			store_set(c->st, row, column_of(name), eq + 1);
			free(name);
		} else if (a->id == OPT_UNSET) {
			if ((col = unset_column(c, a->value)) == NULL) {
				diag("%s: no column '%s' to unset", c->cmdname,
				    a->value);
				return ST_USAGE;
			}
			if (column_named(col) == COL_ID) {
				diag("%s: ids are given by contacts, not unset",
				    c->cmdname);
				return ST_USAGE;
			}
			/* A known column the store lacks is empty already. */
			if (store_get(c->st, row, col) != NULL)
				store_set(c->st, row, col, "");
		}
	}
	return 0;
}

void
warn_invalid(struct ctx *c, size_t row)
{
	static const struct {
		int id;
		enum column col;
	} numbers[] = { { OPT_PHONE, COL_PHONE }, { OPT_MOBILE, COL_MOBILE } };
	const struct number *n;
	const char *email = store_field(c->st, row, COL_EMAIL), *why;
	size_t i;

	for (i = 0; i < 2; i++) {
		n = record_number(&c->rs, row, numbers[i].col);
		if (n->why != NULL && arg_count(c, numbers[i].id) > 0)
			diag("warning: %s '%s' is not a valid number: %s",
			    column_name(numbers[i].col), n->raw, n->why);
	}
	if (*email != '\0' && arg_count(c, OPT_EMAIL) > 0 &&
	    email_valid(email, &why) != 0)
		diag("warning: email '%s' is not a valid address: %s", email,
		    why);
}

int
id_found(const char *id, size_t found)
{
	if (found == 0) {
		diag("no official has id '%s'", id);
		return ST_NOMATCH;
	}
	if (found > 1) {
		diag("id '%s' is on %zu rows; 'contacts check' lists them",
		    id, found);
		return ST_AMBIGUOUS;
	}
	return 0;
}

int
find_id(struct ctx *c, const char *id, size_t *row)
{
	size_t i, n = store_count(c->st), found = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(store_field(c->st, i, COL_ID), id) != 0)
			continue;
		if (found++ == 0)
			*row = i;
	}
	return id_found(id, found);
}
