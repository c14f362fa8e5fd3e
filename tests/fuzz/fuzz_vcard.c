/* fuzz_vcard.c: libFuzzer harness for the vCard reader. */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "entry.h"
#include "vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };

	(void)vcard_sniff((const char *)data, size);
	(void)vcard_read("fuzz.vcf", (const char *)data, size, &out, &errs,
	    &warn);
	entries_release(&out);
	errors_release(&errs);
	errors_release(&warn);
	return 0;
}
