/* fuzz_import.c: libFuzzer harness for the CSV importer, merged into a store. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "entry.h"
#include "import.h"
#include "merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entries in = { 0 };
	struct errors errs = { 0 };

	if (import_csv("fuzz.csv", (const char *)data, size, &in, &errs) == 0)
		merge_twice(&in);
	entries_release(&in);
	errors_release(&errs);
	return 0;
}
