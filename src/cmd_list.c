/* cmd_list.c: shows every official in store order. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

static const struct opt_spec opts[] = {
	OUTPUT_OPTS,
	{ 0 },
};

static int
cmd_list(struct ctx *c)
{
	const struct format *f;
	size_t i, n = store_count(c->st), *rows;
	char eor;
	int rc;

	if ((rc = output_choice(c, &f, &eor)) != 0)
		return rc;
	rows = xcalloc(n, sizeof(*rows));
	for (i = 0; i < n; i++)
		rows[i] = i;
	rc = show_officials(c, f, eor, rows, n);
	free(rows);
	return rc;
}

const struct command cmd_list_entry = {
	"list", NULL, cmd_list, CMD_STORE, opts, 0, 0,
	"[--format FMT | --json | --tsv] [-0] [--base-dn DN] "
	"[--fields A,B,...]",
	"show every official",
	NULL,
	NULL,
};
