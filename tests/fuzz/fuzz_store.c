/* fuzz_store.c: libFuzzer harness for the CSV store loader. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store st;
	size_t row, col;

	store_init(&st);
	if (store_load_mem(&st, "fuzz.csv", (const char *)data, size) == 0)
		for (row = 0; row < st.nrows; row++)
			for (col = 0; col < st.ncol; col++)
				(void)store_cell(&st, row, col);
	store_release(&st);
	return 0;
}
