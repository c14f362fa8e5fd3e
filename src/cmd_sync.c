/* cmd_sync.c: copies the officials of one store into another, ids and every column kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "entry.h"
#include "store.h"
#include "table.h"

enum { OPT_FROM = 1, OPT_TO, OPT_SYNC_DRY };

static const struct opt_spec opts[] = {
	{ OPT_FROM, "from", 0, ARG_ONE, "STORE",
	  "the store to copy: a CSV file or an ldap:// URL", 0 },
	{ OPT_TO, "to", 0, ARG_ONE, "STORE",
	  "the store to copy into", 0 },
	{ OPT_SYNC_DRY, "dry-run", 'n', ARG_NONE, NULL,
	  "say what would be added or changed; write nothing", OPT_DRY },
	{ 0 },
};

/* What prepare() read: the officials of --from, every column of each. */
struct source {
	struct entries rows;
	char **columns;		/* --from's columns, in its order */
	size_t ncolumns;
};

static void
free_source(void *p)
{
	struct source *src = p;
	size_t i;

	entries_release(&src->rows);
	for (i = 0; i < src->ncolumns; i++)
		free(src->columns[i]);
	free(src->columns);
	free(src);
}

/*
 * Reads --from whole before --to is opened and locked, and names --to as
 * the store the command writes.
 */
static int
read_from(struct ctx *c)
{
	const char *from = arg_value(c, OPT_FROM), *to = arg_value(c, OPT_TO);
	const char *const *names;
	struct errors errs = { 0 };
	struct store *st;
	struct source *src;
	struct entry *e;
	size_t i, j, n;
	int rc;

	if (from == NULL || to == NULL) {
		diag("sync: --from and --to are both needed");
		return ST_USAGE;
	}
	if ((rc = store_open(&st, from, NULL, 0, &c->opt->ldap, &errs)) != 0) {
		errors_print(&errs);
		errors_release(&errs);
		return rc;
	}
	src = xcalloc(1, sizeof(*src));
	n = store_columns(st, &names);
	src->columns = xcalloc(n + 1, sizeof(*src->columns));
	for (j = 0; j < n; j++)
		src->columns[src->ncolumns++] = xstrdup(names[j]);
	for (i = 0; i < store_count(st); i++) {
		struct where w = store_where(st, i);

		e = entries_add(&src->rows, w.file, w.line);
		for (j = 0; j < n; j++)
			entry_set(e, names[j], store_cell(st, i, j));
	}
	store_close(st);
	c->data = src;
	c->data_free = free_source;
	c->location = to;
	return 0;
}

/* The rows of a store by id, found in one step each. */
static void
ids_of(const struct store *st, struct table *t)
{
	size_t row, n = store_count(st), cap = 64;
	const char *id;
	int isnew;

	while (cap < 2 * n + 2)
		cap *= 2;
	table_init(t, cap);
	for (row = 0; row < n; row++) {
		id = store_field(st, row, COL_ID);
		table_get(t, id, strlen(id), &isnew)->val = (uint32_t)row + 1;
	}
}

/* ACTION<TAB>ID<TAB>NAME[<TAB>COLUMN: 'WAS' -> 'NOW'; ...], as import says it. */
static void
report(struct ctx *c, const char *action, size_t row, const char *changes)
{
	char *name = store_name(c->st, row);

	out_about(c, store_field(c->st, row, COL_ID));
	fprintf(c->out, "%s\t", action);
	fput_safe(store_field(c->st, row, COL_ID), c->out);
	fputc('\t', c->out);
	fput_safe(name, c->out);
	if (*changes != '\0') {
		fputc('\t', c->out);
		fput_safe(changes, c->out);
	}
	fputc('\n', c->out);
	free(name);
}

static int
cmd_sync(struct ctx *c)
{
	struct source *src = c->data;
	size_t i, j, row, added = 0, updated = 0, same = 0, skipped = 0;
	struct table ids, seen;
	struct slot *sl;

	ids_of(c->st, &ids);
	table_init(&seen, ids.cap);
	for (i = 0; i < src->rows.n; i++) {
		const struct entry *e = &src->rows.v[i];
		const char *id = entry_get(e, "id");
		struct strbuf ch = { 0 };
		int isnew;

		/* Without an id there is nothing to keep it by. */
		if (id == NULL || *id == '\0') {
			diag_at(e->file, e->line, 0, "sync: an official without "
			    "an id; nothing is copied");
			skipped++;
			continue;
		}
		/* Two officials of one id: which is the copy? Neither. */
		(void)table_get(&seen, id, strlen(id), &isnew);
		if (!isnew) {
			diag_at(e->file, e->line, 0, "sync: id %s is given twice "
			    "in the store to copy; nothing is copied", id);
			skipped++;
			continue;
		}
		sl = table_get(&ids, id, strlen(id), &isnew);
		if (isnew) {
			row = store_append(c->st);
			store_keep_id(c->st, id);
			sl->val = (uint32_t)row + 1;
		} else {
			row = sl->val - 1;
		}
		for (j = 0; j < src->ncolumns; j++) {
			const char *now = entry_get(e, src->columns[j]);
			const char *was = store_get(c->st, row, src->columns[j]);
			char *one;

			now = now != NULL ? now : "";
			was = was != NULL ? was : "";
			if (strcmp(now, was) == 0)
				continue;
			if (!isnew) {
				one = xasprintf("%s%s: '%s' -> '%s'", ch.len > 0 ?
				    "; " : "", src->columns[j], was, now);
				strbuf_add(&ch, one, strlen(one));
				free(one);
			}
			store_set(c->st, row, src->columns[j], now);
		}
		strbuf_add(&ch, "", 1);
		if (isnew)
			added++;
		else if (ch.len > 1)
			updated++;
		else
			same++;
		report(c, isnew ? "add" : ch.len > 1 ? "update" : "same", row,
		    ch.p);
		free(ch.p);
	}
	table_release(&ids);
	table_release(&seen);
	c->summary = xasprintf("sync: %zu added, %zu updated, %zu the same%s",
	    added, updated, same, c->discard ? "; a dry run: nothing written" :
	    "");
	return skipped > 0 ? ST_DATA : 0;
}

const struct command cmd_sync_entry = {
	"sync", read_from, cmd_sync, CMD_WRITE, opts, 0, 0,
	"[-n | --dry-run] --from STORE --to STORE",
	"copy the officials of one store into another, by id",
	"Each official of --from is added to --to under the same id, or,\n"
	"if --to has that id, given --from's values of every column --from\n"
	"has, other columns included; officials only --to has are kept.\n"
	"A CSV store copies into a directory (ldap://) and back. Each is\n"
	"reported on stdout as ACTION<TAB>ID<TAB>NAME, ACTION add, update\n"
	"or same, with the changed values after a tab.\n",
	NULL,
};
