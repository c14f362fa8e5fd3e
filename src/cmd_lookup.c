/* cmd_lookup.c: shows every official matching the terms. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "output.h"
#include "store.h"

int
cmd_lookup(int argc, char **argv, struct ctx *c)
{
	enum { OPT_ALL_FIELDS = 256 };
	static const struct option longopts[] = {
		{ "all-fields", no_argument, NULL, OPT_ALL_FIELDS },
		OUTPUT_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct match_opts mo = { 0, c->opt->region };
	const struct format *f = format_named("text");
	struct email_table em = { 0 };
	struct hit *hits;
	size_t nhits, i, *rows;
	char eor = '\n';
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "0", longopts, NULL)) != -1) {
		if (ch == OPT_ALL_FIELDS)
			mo.all_fields = 1;
		else if ((rc = output_option(ch, optarg, &f, &eor)) != 1)
			return rc < 0 ? ST_USAGE : bad_option(c, argv);
	}
	if ((rc = check_operands(c, argc - optind)) != 0 ||
	    (rc = need_store(c)) != 0)
		return rc;
	email_table_build(&em, c->st, c->r);
	rc = match_run(c->st, c->r, &em, &mo, argv + optind,
	    (size_t)(argc - optind), &hits, &nhits);
	if (rc == 0 && nhits == 0) {
		match_report_none(c->st, argv + optind, (size_t)(argc - optind));
		rc = ST_NOMATCH;
	}
	if (rc == 0) {
		rows = xcalloc(nhits, sizeof(*rows));
		for (i = 0; i < nhits; i++)
			rows[i] = hits[i].row;
		show_officials(c, f, eor, &em, rows, nhits);
		free(rows);
	}
	free(hits);
	email_table_release(&em);
	return rc;
}
