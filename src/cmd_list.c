/* cmd_list.c: shows every official in store order. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "output.h"
#include "store.h"

void
show_officials(const struct ctx *c, const struct format *f, char eor,
    const struct email_table *em, const size_t *rows, size_t n)
{
	struct view v = { 0 };

	v.st = c->st;
	v.r = c->r;
	v.em = em;
	v.region = c->opt->region;
	v.color = c->opt->color && f == format_named("text");
	v.eor = eor;
	output_rows(stdout, f, &v, rows, n);
}

int
cmd_list(int argc, char **argv, struct ctx *c)
{
	static const struct option longopts[] = {
		OUTPUT_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct format *f = format_named("text");
	struct email_table em = { 0 };
	size_t i, *rows;
	char eor = '\n';
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "0", longopts, NULL)) != -1)
		if ((rc = output_option(ch, optarg, &f, &eor)) != 1)
			return rc < 0 ? ST_USAGE : bad_option(c, argv);
	if ((rc = check_operands(c, argc - optind)) != 0 ||
	    (rc = need_store(c)) != 0)
		return rc;
	email_table_build(&em, c->st, c->r);
	rows = xcalloc(c->st->nrows, sizeof(*rows));
	for (i = 0; i < c->st->nrows; i++)
		rows[i] = i;
	show_officials(c, f, eor, &em, rows, c->st->nrows);
	free(rows);
	email_table_release(&em);
	return 0;
}
