/* cmd_add.c: adds an official to the store and prints the id it was given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "import.h"
#include "store.h"

enum { OPT_ALLOW_DUPLICATE = 1 };

static const struct opt_spec opts[] = {
	FIELD_OPTS,
	{ OPT_ALLOW_DUPLICATE, "allow-duplicate", 0, ARG_NONE, NULL,
	  "add even if an official of that name and organization\n"
	  "is already in the store", 0 },
	{ 0 },
};

/* An official already in the store with row's folded name and organization. */
static int
duplicate_of(const struct store *st, size_t row, size_t *dup)
{
	char *key = import_key(store_field(st, row, COL_GIVEN),
	    store_field(st, row, COL_FAMILY), store_field(st, row, COL_ORG));
	char *other;
	size_t i;
	int found = 0;

	for (i = 0; i < row && !found; i++) {
		other = import_key(store_field(st, i, COL_GIVEN),
		    store_field(st, i, COL_FAMILY),
		    store_field(st, i, COL_ORG));
		if (other != NULL && key != NULL && strcmp(key, other) == 0) {
			*dup = i;
			found = 1;
		}
		free(other);
	}
	free(key);
	return found;
}

static int
cmd_add(struct ctx *c)
{
	const char *org;
	struct where w;
	size_t row, dup;
	char *id, *name;
	int rc;

	row = store_append(c->st);
	if ((rc = apply_fields(c, row)) != 0)
		return rc;
	if (*store_field(c->st, row, COL_GIVEN) == '\0' &&
	    *store_field(c->st, row, COL_FAMILY) == '\0') {
		diag("add: an official needs --given or --family");
		return ST_USAGE;
	}
	if (arg_count(c, OPT_ALLOW_DUPLICATE) == 0 &&
	    duplicate_of(c->st, row, &dup)) {
		name = store_name(c->st, dup);
		org = store_field(c->st, dup, COL_ORG);
		w = store_where(c->st, dup);
		diag_at(w.file, w.line, 0, "id %s is already %s%s%s%s; not "
		    "added (--allow-duplicate adds it)",
		    store_field(c->st, dup, COL_ID), name, *org ? " (" : "",
		    org, *org ? ")" : "");
		free(name);
		return ST_AMBIGUOUS;
	}
	id = store_new_id(c->st);
	store_set(c->st, row, "id", id);
	records_changed(&c->rs, row);
	warn_invalid(c, row);
	out_about(c, id);
	fprintf(c->out, "%s\n", id);
	free(id);
	return 0;
}

const struct command cmd_add_entry = {
	"add", NULL, cmd_add, CMD_WRITE, opts, 0, 0,
	"[--allow-duplicate] [--FIELD VALUE]... [--set COLUMN=VALUE]...",
	"add an official; print the id it was given",
	"FIELD is given, family, title, org, unit, phone, mobile, email, "
	"note or source;\nan official needs a given or a family name.\n",
	NULL,
};
