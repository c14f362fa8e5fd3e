/*
 * index_check.h: the index read path against the whole-file read path on one
 * store; shared by the unit test and the fuzzer. The includer defines
 * CHECK(cond), which must not return when cond is false.
 */
#ifndef INDEX_CHECK_H
#define INDEX_CHECK_H

#include <string.h>

#include "diag.h"
#include "index.h"
#include "record.h"
#include "store.h"

/* The digits the index holds for the number in column c of row. */
static inline const char *
index_digits_of(const struct index *ix, size_t row, enum column c)
{
	const char *d = ix->digits + ix->row_digits[row];

	return c == COL_MOBILE ? d + strlen(d) + 1 : d;
}

/*
 * Reads the store at path both ways and checks that every field, line,
 * name word, address and collision flag agrees, and that the index finds
 * every valid number by its last digits. Returns 1 if the index took the
 * store (which the whole-file path must then read without fault), 0 if it
 * left it to the whole-file path.
 */
static inline int
index_agrees(const char *path, const struct rules *r, const char *dir)
{
	struct errors e1 = { 0 }, e2 = { 0 };
	struct store *full = NULL, *lazy = NULL;
	struct records a, b;
	struct index *ix;
	const char *const *xa, *const *xb;
	const struct email_info *ea, *eb;
	const struct words *wa, *wb;
	const struct number *na;
	char needle[8];
	size_t row, c, i, nx;

	if (index_open(&ix, path, r, dir) != 0)
		return 0;
	CHECK(store_open(&full, path, NULL, 0, NULL, &e1) == 0);
	CHECK(store_open_index(&lazy, path, ix, &e2) == 0);
	CHECK(store_count(full) == store_count(lazy));
	nx = store_extra(full, &xa);
	CHECK(store_extra(lazy, &xb) == nx);
	for (i = 0; i < nx; i++)
		CHECK(strcmp(xa[i], xb[i]) == 0);
	records_init(&a, full, r, NULL);
	records_init(&b, lazy, r, NULL);
	b.ix = ix;
	for (row = 0; row < store_count(full); row++) {
		for (c = 0; c < COL__COUNT; c++)
			CHECK(strcmp(store_field(full, row, c),
			    store_field(lazy, row, c)) == 0);
		for (i = 0; i < nx; i++)
			CHECK(strcmp(store_get(full, row, xa[i]),
			    store_get(lazy, row, xa[i])) == 0);
		CHECK(store_where(full, row).line == store_where(lazy, row).line);
		wa = record_words(&a, row);
		wb = record_words(&b, row);
		CHECK(wa->n == wb->n);
		for (i = 0; i < wa->n; i++)
			CHECK(strcmp(wa->w[i], wb->w[i]) == 0);
		ea = record_email(&a, row);
		eb = record_email(&b, row);
		CHECK((ea->addr == NULL) == (eb->addr == NULL));
		CHECK(ea->addr == NULL || strcmp(ea->addr, eb->addr) == 0);
		CHECK((ea->why == NULL) == (eb->why == NULL));
		CHECK(ea->why == NULL || strcmp(ea->why, eb->why) == 0);
		CHECK(ea->collision == eb->collision);
		/* The index's own address, what address queries search. */
		if (ea->addr != NULL) {
			const char *ia = ix->addr + ix->row_addr[row];
			size_t k;

			CHECK(strlen(ia) == strlen(ea->addr));
			for (k = 0; ia[k] != '\0'; k++)
				CHECK(ia[k] == (ea->addr[k] >= 'A' &&
				    ea->addr[k] <= 'Z' ? ea->addr[k] - 'A' +
				    'a' : ea->addr[k]));
		}
		for (c = COL_PHONE; c <= COL_MOBILE; c++) {
			na = record_number(&a, row, c);
			if (*na->raw == '\0' || na->why != NULL)
				continue;
			index_needle(na->ph.e164, na->ph.cclen, needle,
			    sizeof(needle));
			CHECK(strstr(index_digits_of(ix, row, c), needle) !=
			    NULL);
		}
	}
	records_release(&a);
	records_release(&b);
	store_close(full);
	store_close(lazy);
	index_close(ix);
	errors_release(&e1);
	errors_release(&e2);
	return 1;
}

#endif
