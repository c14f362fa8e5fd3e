/* cmd_rm.c: removes officials by id, all of them or none. */
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

static int
cmp_row(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x < y) - (x > y);
}

static int
cmd_rm(struct ctx *c)
{
	size_t *rows = xcalloc(c->noperands, sizeof(*rows)), i;
	int rc = 0;

	for (i = 0; i < c->noperands && rc == 0; i++)
		rc = find_id(c, c->operands[i], &rows[i]);
	if (rc == 0) {
		/* From the last row up, so that the others stay where they are. */
		qsort(rows, c->noperands, sizeof(*rows), cmp_row);
		for (i = 0; i < c->noperands; i++)
			if (i == 0 || rows[i] != rows[i - 1])
				store_delete(c->st, rows[i]);
	}
	free(rows);
	return rc;
}

const struct command cmd_rm_entry = {
	"rm", cmd_rm, CMD_WRITE, NULL, 1, -1, "ID...",
	"remove officials; an id that is not there removes none",
	NULL,
	NULL,
};
