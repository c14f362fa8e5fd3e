/* fuzz_ldif.c: libFuzzer harness for the LDIF importer, merged into a store. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "entry.h"
#include "ldif.h"
#include "merge.h"
#include "store_ldap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input as a column's name and value (apart at the first newline):
 * contactsColumn's NAME=VALUE reads back as the two.
 */
static void
column_round_trip(const char *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	char *name, *value, *pair, *back;

	if (nl == NULL || nl == data || memchr(data, '\0', size) != NULL)
		return;
	name = xstrndup(data, (size_t)(nl - data));
	value = xstrndup(nl + 1, size - (size_t)(nl - data) - 1);
	pair = ldap_column_pair(name, value);
	back = ldap_column_split(pair);
	if (back == NULL || strcmp(pair, name) != 0 || strcmp(back, value) != 0)
		abort();
	free(pair);
	free(value);
	free(name);
}

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
	column_round_trip((const char *)data, size);
	entries_release(&in);
	errors_release(&errs);
	return 0;
}
