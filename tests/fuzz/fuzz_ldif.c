/* fuzz_ldif.c: libFuzzer harness for the LDIF importer, merged into a store. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "entry.h"
#include "import.h"
#include "ldif.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "id,given_name,family_name,organization\n"
    "1,Kristina,Pingoud,Utrikesministeriet\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entries in = { 0 };
	struct errors errs = { 0 };
	struct import_results res = { 0 };
	struct store *st = NULL;
	size_t before;
	int rc = ldif_read("fuzz.ldif", (const char *)data, size, &in, &errs);

	/* An error adds nothing and says why. */
	if (rc != 0 && (in.n != 0 || errs.n == 0))
		abort();
	if (rc == 0) {
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
