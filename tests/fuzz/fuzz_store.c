/* fuzz_store.c: libFuzzer harness for the CSV store loader, every error collected. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errors errs = { 0 };
	struct store *st;
	const char *const *extra;
	size_t row, c, n;

	(void)store_open_csv(&st, "fuzz.csv", (const char *)data, size,
	    STORE_ALL_ERRORS, &errs);
	if (st != NULL) {
		n = store_extra(st, &extra);
		for (row = 0; row < store_count(st); row++) {
			for (c = 0; c < COL__COUNT; c++)
				(void)store_field(st, row, c);
			for (c = 0; c < n; c++)
				(void)store_get(st, row, extra[c]);
			(void)store_where(st, row);
		}
		store_close(st);
	}
	errors_release(&errs);
	return 0;
}
