/* import.h: officials from other files merged into a store, the present ones found. */
#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

struct entries;
struct entry;
struct errors;
struct store;

enum import_action {
	IMPORT_ADD,		/* not in the store: added */
	IMPORT_SAME,		/* present with the same values */
	IMPORT_UPDATE,		/* present; the new values applied */
	IMPORT_DIFFERS,		/* present with other values, left as they are */
};

struct import_change {
	const char *column;
	char *was;
	char *now;
};

struct import_result {
	enum import_action action;
	const struct entry *e;
	size_t row;		/* the official in the store */
	struct import_change *ch;
	size_t nch;
};

struct import_results {
	struct import_result *v;
	size_t n;
};

/*
 * What makes two officials the same one: the folded words of the name and
 * of the organization. Caller frees; NULL if a value is not UTF-8.
 */
char *import_key(const char *given, const char *family, const char *org);

/*
 * Adds each entry that is not present in st (under a new id) and compares
 * each that is, entries earlier in the list included; changed values are
 * set only if update. One result per entry, in order.
 */
void import_merge(struct store *st, const struct entries *in, int update,
    struct import_results *out);
void import_results_release(struct import_results *res);

/*
 * The rows of CSV text (len bytes at buf; name names it) as entries:
 * columns mapped by header name, unknown ones kept, the id left out (the
 * store gives its own). 0, or ST_DATA with every problem in errs and
 * nothing added to out.
 */
int import_csv(const char *name, const char *buf, size_t len,
    struct entries *out, struct errors *errs);

#endif
