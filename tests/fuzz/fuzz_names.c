/* fuzz_names.c: libFuzzer harness for name folding and email derivation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "email.h"
#include "fold.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rules r;
	static int loaded;
	const char *tab, *vwhy;
	char *given, *family, *addr, *why, *key;

	if (!loaded) {
		struct errors errs = { 0 };

		rules_init(&r);
		if (rules_load(&r, DATADIR "/rules", &errs) != 0)
			abort();
		loaded = 1;
	}
	if (memchr(data, '\0', size) != NULL)
		return 0;
	free(fold_key((const char *)data, size));
	tab = memchr(data, '\t', size);
	given = xstrndup((const char *)data, tab ? (size_t)(tab - (const char *)data) : size);
	family = tab ? xstrndup(tab + 1, size - (size_t)(tab + 1 - (const char *)data)) : xstrdup("");
	if (email_derive(&r, &r.org[0], given, family, &addr, &why, NULL) == 0) {
		/* Whatever is derived must be a valid address. */
		if (email_valid(addr, &vwhy) != 0)
			abort();
		key = email_unicode(addr);
		free(key);
		free(addr);
	} else {
		free(why);
	}
	(void)email_valid(given, &vwhy);
	free(given);
	free(family);
	return 0;
}
