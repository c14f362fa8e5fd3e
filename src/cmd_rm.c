/* cmd_rm.c: removes officials by id, all of them or none. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

struct wanted {
	const char *id;
	size_t n;		/* rows with it */
};

static int
cmp_wanted(const void *a, const void *b)
{
	return strcmp(((const struct wanted *)a)->id,
	    ((const struct wanted *)b)->id);
}

/* One pass over the store for every id, however many are named. */
static int
cmd_rm(struct ctx *c)
{
	size_t n = c->noperands, nrows = store_count(c->st), i, k = 0;
	struct wanted *w = xcalloc(n, sizeof(*w)), key, *hit;
	size_t *rows = xcalloc(nrows + 1, sizeof(*rows));
	int rc = 0;

	for (i = 0; i < n; i++)
		w[i].id = c->operands[i];
	qsort(w, n, sizeof(*w), cmp_wanted);
	memset(&key, 0, sizeof(key));
	for (i = 0; i < nrows; i++) {
		key.id = store_field(c->st, i, COL_ID);
		if ((hit = bsearch(&key, w, n, sizeof(*w), cmp_wanted)) == NULL)
			continue;
		/* Repeats in the list all point at one entry. */
		while (hit > w && strcmp(hit[-1].id, key.id) == 0)
			hit--;
		hit->n++;
		rows[k++] = i;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0 && strcmp(w[i].id, w[i - 1].id) == 0)
			continue;
		rc = id_found(w[i].id, w[i].n);
	}
	if (rc == 0)
		store_delete(c->st, rows, k);
	free(rows);
	free(w);
	return rc;
}

const struct command cmd_rm_entry = {
	"rm", NULL, cmd_rm, CMD_WRITE, NULL, 1, -1, "ID...",
	"remove officials; an id that is not there removes none",
	NULL,
	NULL,
};
