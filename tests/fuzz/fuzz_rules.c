/* fuzz_rules.c: libFuzzer harness for the rule-file parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errors errs = { 0 };
	struct rules r;
	char *text;

	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = xstrndup((const char *)data, size);
	rules_init(&r);
	(void)rules_load_mem(&r, "fuzz.rules", text, &errs);
	rules_release(&r);
	errors_release(&errs);
	free(text);
	return 0;
}
