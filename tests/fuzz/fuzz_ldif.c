/* fuzz_ldif.c: libFuzzer harness for the LDIF importer, merged into a store. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "entry.h"
#include "ldif.h"
#include "merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entries in = { 0 };
	struct errors errs = { 0 };
	int rc = ldif_read("fuzz.ldif", (const char *)data, size, &in, &errs);

	/* An error adds nothing and says why. */
	if (rc != 0 && (in.n != 0 || errs.n == 0))
		abort();
	if (rc == 0)
		merge_twice(&in);
	entries_release(&in);
	errors_release(&errs);
	return 0;
}
