/* fuzz_phone.c: libFuzzer harness for phone parsing and formatting under the bundled rules. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "phone.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rules r;
	static int loaded;
	static const char *const regions[] = { "FI", "SE", "RU", "LT", "US" };
	static const enum phone_style styles[] = {
		PHONE_E164, PHONE_INTERNATIONAL, PHONE_NATIONAL, PHONE_RFC3966,
	};
	const char *why;
	struct phone ph;
	char *raw;
	size_t i;

	if (!loaded) {
		struct errors errs = { 0 };

		rules_init(&r);
		if (rules_load(&r, DATADIR "/rules", &errs) != 0)
			abort();
		loaded = 1;
	}
	if (size == 0 || memchr(data, '\0', size) != NULL)
		return 0;
	raw = xstrndup((const char *)data + 1, size - 1);
	if (phone_parse(&r, raw, regions[data[0] % 5], &ph, &why, NULL) == 0)
		for (i = 0; i < 4; i++)
			free(phone_format(&r, &ph, styles[i]));
	free(raw);
	return 0;
}
