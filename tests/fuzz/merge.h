/* merge.h: what an importer's harness checks of the officials it read: merged twice, the second adds none. */
#ifndef MERGE_H
#define MERGE_H

#include <stdlib.h>

#include "diag.h"
#include "entry.h"
#include "import.h"
#include "store.h"

/* in merged into a store of its own twice; abort() if the second adds. */
static inline void
merge_twice(const struct entries *in)
{
	static const char base[] = "id,given_name,family_name,organization\n"
	    "1,Kristina,Pingoud,Utrikesministeriet\n"
	    "2,Vuokko,Ranki,UM\n";
	struct import_results res = { 0 };
	struct errors errs = { 0 };
	struct store *st = NULL;
	size_t before;

	if (store_open_csv(&st, "base.csv", base, sizeof(base) - 1,
	    STORE_DRY, &errs) != 0)
		abort();
	import_merge(st, in, 0, &res);
	import_results_release(&res);
	before = store_count(st);
	import_merge(st, in, 1, &res);
	import_results_release(&res);
	if (store_count(st) != before)
		abort();
	store_close(st);
	errors_release(&errs);
}

#endif
