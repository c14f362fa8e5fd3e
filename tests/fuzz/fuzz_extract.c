/* fuzz_extract.c: libFuzzer harness for reading a press release's contact block under the bundled rules. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "entry.h"
#include "extract.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Non-zero if s holds a control character, a line end among them. */
static int
unsafe(const char *s)
{
	for (; *s != '\0'; s++)
		if (control_at(s) > 0)
			return 1;
	return 0;
}

/*
 * The block the tool prints is meant to go before "include bundled" in
 * the user's rule file (its org name avoids the bundled ones, its
 * translit and region are the bundled ones): so it is loaded that way.
 */
static void
check_block(const struct rules *r, const struct release *rel)
{
	struct errors errs = { 0 };
	struct rules fresh;
	char *block, *text;

	if ((block = extract_rule_block(r, rel, "fuzz.txt")) == NULL)
		return;
	text = xasprintf("%s\ninclude bundled\n", block);
	rules_init(&fresh);
	fresh.bundled = DATADIR "/rules";
	if (rules_load_mem(&fresh, "fuzz.rules", text, &errs) != 0) {
		errors_list(&errs, stderr);
		abort();
	}
	rules_release(&fresh);
	errors_release(&errs);
	free(text);
	free(block);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rules r;
	static int loaded;
	struct entries out = { 0 };
	struct errors errs = { 0 };
	struct release rel;
	size_t i, j;
	int rc;

	if (!loaded) {
		rules_init(&r);
		r.bundled = DATADIR "/rules";
		if (rules_load(&r, DATADIR "/rules", &errs) != 0)
			abort();
		errors_release(&errs);
		loaded = 1;
	}
	release_init(&rel);
	rc = extract_release(&r, "fuzz.txt", (const char *)data, size, &out,
	    &rel, &errs);
	if (rc != 0 && rc != ST_NOMATCH && rc != ST_DATA)
		abort();
	if (rc != 0 && (out.n != 0 || errs.n == 0))
		abort();
	if (rc == 0 && out.n == 0)
		abort();
	for (i = 0; i < out.n; i++) {
		if (entry_get(&out.v[i], "family_name") == NULL &&
		    entry_get(&out.v[i], "given_name") == NULL)
			abort();
		for (j = 0; j < out.v[i].n; j++)
			if (unsafe(out.v[i].value[j]))
				abort();
	}
	if (rc == 0 && rel.sentence != NULL)
		check_block(&r, &rel);
	release_clear(&rel);
	entries_release(&out);
	errors_release(&errs);
	return 0;
}
