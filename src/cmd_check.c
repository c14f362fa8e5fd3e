/* cmd_check.c: validates every row, number and address; prints FILE:LINE: problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "fold.h"
#include "store.h"

struct report {
	const struct store *st;
	size_t problems;
};

static void
problem(struct report *rep, size_t row, const char *what, const char *arg,
    const char *why)
{
	struct where w = store_where(rep->st, row);

	/* The data may hold control characters; none reaches a terminal. */
	fput_safe(w.file, stdout);
	if (w.line > 0)
		printf(":%zu", w.line);
	printf(": %s", what);
	if (arg != NULL) {
		fputs(" '", stdout);
		fput_safe(arg, stdout);
		putchar('\'');
	}
	if (why != NULL) {
		fputs(": ", stdout);
		fput_safe(why, stdout);
	}
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
	struct where w;
	size_t i;
	char also[64];

	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 1; i < n; i++) {
		if (strcmp(k[i].key, k[i - 1].key) != 0)
			continue;
		w = store_where(rep->st, k[i - 1].row);
		/* A directory's entry has no line, but its id. */
		if (w.line > 0)
			snprintf(also, sizeof(also), "also line %zu", w.line);
		else
			snprintf(also, sizeof(also), "also id %.40s",
			    store_field(rep->st, k[i - 1].row, COL_ID));
		problem(rep, k[i].row, what, NULL, also);
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
}

static void
check_rows(struct report *rep, struct records *rs)
{
	static const enum column numbers[] = { COL_PHONE, COL_MOBILE };
	const struct store *st = rs->st;
	size_t row, i, nids = 0, n = store_count(st);
	struct keyed *ids = xcalloc(n, sizeof(*ids));
	struct keyed *names = xcalloc(n, sizeof(*names));
	const struct number *num;
	char *name;

	for (row = 0; row < n; row++) {
		const char *id = store_field(st, row, COL_ID);
		const struct email_info *e = record_email(rs, row);

		if (*id == '\0')
			problem(rep, row, "no id", NULL, NULL);
		else
			ids[nids++] = (struct keyed){ xstrdup(id), row };
		name = store_name(st, row);
		names[row].key = fold_key(name, strlen(name));
		names[row].row = row;
		free(name);
		for (i = 0; i < 2; i++) {
			num = record_number(rs, row, numbers[i]);
			if (num->why != NULL)
				problem(rep, row, column_name(numbers[i]),
				    num->raw, num->why);
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
	for (row = 0; row < n; row++) {
		char *k = xasprintf("%s\t%s", names[row].key,
		    store_field(st, row, COL_ORG));

		free(names[row].key);
		names[row].key = k;
	}
	duplicates(rep, names, n, "duplicate name and organization");
	free(ids);
	free(names);
}

static int
cmd_check(struct ctx *c)
{
	struct report rep = { c->st, 0 };

	check_rows(&rep, &c->rs);
	return rep.problems > 0 || c->bad_rows > 0 ? ST_DATA : 0;
}

const struct command cmd_check_entry = {
	"check", NULL, cmd_check, CMD_STORE | CMD_ALL_ERRORS, NULL, 0, 0, "",
	"validate the store and the rules; print FILE:LINE: problem",
	"Every problem is a line FILE:LINE[:COL]: what on stdout: each row the\n"
	"store cannot be read from, then each problem of the rows it can.\n",
	NULL,
};
