/* cmd_check.c: validates every row, number and address; prints FILE:LINE: problem. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "fold.h"
#include "match.h"
#include "phone.h"
#include "rules.h"
#include "store.h"

struct report {
	const struct store *st;
	size_t problems;
};

static void
problem(struct report *rep, size_t row, const char *what, const char *arg,
    const char *why)
{
	printf("%s:%zu: %s", rep->st->path, rep->st->line[row], what);
	if (arg != NULL)
		printf(" '%s'", arg);
	if (why != NULL)
		printf(": %s", why);
	putchar('\n');
	rep->problems++;
}

/* Rows sorted by a key; equal neighbours are duplicates. */
struct keyed {
	char *key;
	size_t row;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	return d != 0 ? d : (x->row > y->row) - (x->row < y->row);
}

static void
duplicates(struct report *rep, struct keyed *k, size_t n, const char *what)
{
	size_t i;
	char also[64];

	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 1; i < n; i++) {
		if (strcmp(k[i].key, k[i - 1].key) != 0)
			continue;
		snprintf(also, sizeof(also), "also line %zu",
		    rep->st->line[k[i - 1].row]);
		problem(rep, k[i].row, what, NULL, also);
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
}

static void
check_rows(struct report *rep, const struct store *st, const struct rules *r,
    const struct email_table *em, const char *region)
{
	static const enum column numbers[] = { COL_PHONE, COL_MOBILE };
	struct keyed *ids = xcalloc(st->nrows, sizeof(*ids));
	struct keyed *names = xcalloc(st->nrows, sizeof(*names));
	const char *why;
	struct phone ph;
	size_t row, i, nids = 0;
	char *name;

	for (row = 0; row < st->nrows; row++) {
		const char *id = store_field(st, row, COL_ID);
		const struct email_info *e = &em->e[row];

		if (*id == '\0')
			problem(rep, row, "no id", NULL, NULL);
		else
			ids[nids++] = (struct keyed){ xstrdup(id), row };
		name = store_name(st, row);
		names[row].key = fold_key(name, strlen(name));
		names[row].row = row;
		free(name);
		for (i = 0; i < 2; i++) {
			const char *raw = store_field(st, row, numbers[i]);

			if (*raw != '\0' && phone_parse(r, raw,
			    match_row_region(st, r, row, region), &ph, &why, NULL) != 0)
				problem(rep, row, column_name(numbers[i]), raw,
				    why);
		}
		if (e->addr != NULL && e->why != NULL)
			problem(rep, row, "email", e->addr, e->why);
		else if (e->addr == NULL && e->rule != NULL)
			problem(rep, row, "email: rule", e->rule, e->why);
		if (e->collision)
			problem(rep, row, "email", e->addr, "another official "
			    "has the same address");
	}
	duplicates(rep, ids, nids, "duplicate id");
	for (row = 0; row < st->nrows; row++) {
		char *k = xasprintf("%s\t%s", names[row].key,
		    store_field(st, row, COL_ORG));

		free(names[row].key);
		names[row].key = k;
	}
	duplicates(rep, names, st->nrows, "duplicate name and organization");
	free(ids);
	free(names);
}

int
cmd_check(int argc, char **argv, struct ctx *c)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	struct report rep = { NULL, 0 };
	struct email_table em = { 0 };
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		return bad_option(c, argv);
	if ((rc = check_operands(c, argc - optind)) != 0 ||
	    (rc = need_store(c)) != 0)
		return rc;
	rep.st = c->st;
	email_table_build(&em, c->st, c->r);
	check_rows(&rep, c->st, c->r, &em, c->opt->region);
	email_table_release(&em);
	return rep.problems > 0 ? ST_DATA : 0;
}
