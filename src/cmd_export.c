/* cmd_export.c: writes the whole store, as CSV a store can be made of again, or any format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "output.h"
#include "store.h"
#include "store_ldap.h"
#include "table.h"

enum { OPT_SAFE = 1 };

static const struct opt_spec opts[] = {
	{ OPT_SAFE, "spreadsheet-safe", 0, ARG_NONE, NULL,
	  "csv: a cell that begins with =, +, - or @ begins\n"
	  "with ' instead, so no spreadsheet runs it", 0 },
	FORMAT_OPT("csv (default), text, json, tsv, mutt, vcard, ldif\n"
	  "or directory (LDIF of a directory store's entries,\n"
	  "for slapadd)"),
	OUTPUT_OPTS_REST,
	{ 0 },
};

/*
 * Whether each row can be an entry of a directory, which slapadd would
 * otherwise refuse half-way: named by its id (employeeNumber=ID), so the
 * id a plain number and no other row's (a store has no row without a
 * name, which sn needs). 0, or ST_DATA after naming each row that cannot.
 */
static int
rows_make_entries(const struct store *st)
{
	size_t i, n = store_count(st);
	struct table seen;
	struct slot *sl;
	struct where w;
	const char *id;
	int rc = 0, isnew;

	/* It grows as it fills. */
	table_init(&seen, 64);
	for (i = 0; i < n; i++) {
		id = store_field(st, i, COL_ID);
		w = store_where(st, i);
		if (!ldap_plain_id(id)) {
			diag_at(w.file, w.line, 0, "id '%s' is not a number: "
			    "a directory names its entry by it", id);
			rc = ST_DATA;
			continue;
		}
		sl = table_get(&seen, id, strlen(id), &isnew);
		if (isnew) {
			sl->val = (uint32_t)i;
			continue;
		}
		diag_at(w.file, w.line, 0, "id %s is given twice (line %zu "
		    "too): a directory has one entry of a name", id,
		    store_where(st, sl->val).line);
		rc = ST_DATA;
	}
	table_release(&seen);
	return rc;
}

static int
cmd_export(struct ctx *c)
{
	const struct format *f;
	struct view v;
	size_t i, n = store_count(c->st), *rows;
	char eor;
	int rc;

	if ((rc = output_choice(c, &f, &eor)) != 0)
		return rc;
	/* CSV unless another format was asked for. */
	if (arg_count(c, OPT_FORMAT) + arg_count(c, OPT_JSON) +
	    arg_count(c, OPT_TSV) == 0)
		f = format_named("csv");
	if (f->whole && (rc = rows_make_entries(c->st)) != 0)
		return rc;
	if ((rc = view_for(c, f, eor, &v)) != 0)
		return rc;
	if (f->whole) {
		struct errors errs = { 0 };

		rc = store_last_id(c->st, &v.last_id, &errs);
		errors_print(&errs);
		errors_release(&errs);
		if (rc != 0) {
			view_release(&v);
			return rc;
		}
	}
	v.spreadsheet_safe = arg_count(c, OPT_SAFE) > 0;
	rows = xcalloc(n + 1, sizeof(*rows));
	for (i = 0; i < n; i++)
		rows[i] = i;
	output_rows(stdout, f, &v, rows, n);
	view_release(&v);
	free(rows);
	return 0;
}

const struct command cmd_export_entry = {
	"export", NULL, cmd_export, CMD_STORE | CMD_WHOLE, opts, 0, 0,
	"[--spreadsheet-safe] [--format FMT | --json | --tsv] [-0] "
	"[--base-dn DN] [--fields A,B,...]",
	"write the whole store: CSV with its own columns, or FMT",
	"The CSV has the store's columns in its order, every field quoted: it\n"
	"reads back as a store, or through import.\n",
	NULL,
};
