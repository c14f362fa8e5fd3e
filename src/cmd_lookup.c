/* cmd_lookup.c: shows every official matching the terms. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "match.h"
#include "output.h"

enum { OPT_ALL_FIELDS = 1 };

static const struct opt_spec opts[] = {
	{ OPT_ALL_FIELDS, "all-fields", 0, ARG_NONE, NULL,
	  "also search title, organization, unit and note", OPT_ALL_ROWS },
	OUTPUT_OPTS,
	{ 0 },
};

static int
cmd_lookup(struct ctx *c)
{
	struct match_opts mo = { 0, c->opt->region };
	const struct format *f;
	struct hit *hits;
	const char *why;
	size_t nhits, i, *rows;
	char eor;
	int rc;

	if ((rc = output_choice(c, &f, &eor)) != 0)
		return rc;
	mo.all_fields = arg_count(c, OPT_ALL_FIELDS) > 0;
	rc = match_run(&c->rs, &mo, c->operands, c->noperands, &hits, &nhits,
	    &why);
	if (rc == 0 && nhits == 0)
		rc = ST_NOMATCH;
	if (rc != 0) {
		report_no_match(c, c->operands, c->noperands, rc, why);
		free(hits);
		return rc;
	}
	rows = xcalloc(nhits, sizeof(*rows));
	for (i = 0; i < nhits; i++)
		rows[i] = hits[i].row;
	/* A mail client asks for addresses: none is no match. */
	if (f == format_named("mutt") &&
	    rows_with_address(&c->rs, rows, nhits) == 0) {
		diag("no official with an address matches '%s'",
		    c->operands[0]);
		free(rows);
		free(hits);
		return ST_NOMATCH;
	}
	rc = show_officials(c, f, eor, rows, nhits);
	free(rows);
	free(hits);
	return rc;
}

const struct command cmd_lookup_entry = {
	"lookup", NULL, cmd_lookup, CMD_STORE | CMD_NAMES, opts, 1, -1,
	"[--all-fields] [--format FMT | --json | --tsv] [-0] [--base-dn DN] "
	"[--fields A,B,...] TERM...",
	"show the officials whose names match every TERM",
	"A TERM with '@', or a dot-separated local part such as vuokko.ranki,\n"
	"matches email addresses by the start or middle of the local part\n"
	"and by domain (vuokko@, @formin.fi); digits match phone numbers.\n",
	NULL,
};
