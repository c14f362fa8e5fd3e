/* fuzz_import.c: libFuzzer harness for the CSV importer, merged into a store. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "entry.h"
#include "import.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "id,given_name,family_name,organization\n"
    "1,Kristina,Pingoud,Utrikesministeriet\n"
    "2,Vuokko,Ranki,UM\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entries in = { 0 };
	struct errors errs = { 0 };
	struct import_results res = { 0 };
	struct store *st = NULL;
	size_t before;

	if (import_csv("fuzz.csv", (const char *)data, size, &in, &errs) == 0) {
		/* Merged twice: the second time adds nothing. */
		if (store_open_csv(&st, "base.csv", base, sizeof(base) - 1,
		    STORE_DRY, &errs) != 0)
			abort();
		import_merge(st, &in, 0, &res);
		import_results_release(&res);
		before = store_count(st);
		import_merge(st, &in, 1, &res);
		import_results_release(&res);
		if (store_count(st) != before)
			abort();
		store_close(st);
	}
	entries_release(&in);
	errors_release(&errs);
	return 0;
}
