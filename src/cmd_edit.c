/* cmd_edit.c: changes the fields of one official, found by id. */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

static const struct opt_spec opts[] = {
	FIELD_OPTS,
	{ OPT_UNSET, "unset", 0, ARG_ONE, "FIELD",
	  "empty a field: a column or an option's name", 0 },
	{ 0 },
};

static int
cmd_edit(struct ctx *c)
{
	size_t row;
	int rc;

	if (c->nargs == 0) {
		diag("edit: nothing to change");
		return ST_USAGE;
	}
	if ((rc = find_id(c, c->operands[0], &row)) != 0)
		return rc;
	if ((rc = apply_fields(c, row)) != 0)
		return rc;
	if (*store_field(c->st, row, COL_GIVEN) == '\0' &&
	    *store_field(c->st, row, COL_FAMILY) == '\0') {
		diag("edit: an official needs a given or a family name");
		return ST_USAGE;
	}
	records_changed(&c->rs, row);
	warn_invalid(c, row);
	return 0;
}

const struct command cmd_edit_entry = {
	"edit", NULL, cmd_edit, CMD_WRITE, opts, 1, 1,
	"[--FIELD VALUE]... [--set COLUMN=VALUE]... [--unset FIELD]... ID",
	"change an official's fields",
	"FIELD is given, family, title, org, unit, phone, mobile, email, "
	"note or source.\n",
	NULL,
};
