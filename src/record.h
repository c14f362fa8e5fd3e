/* record.h: what is derived from a row, computed once and only when asked. */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>

#include "fold.h"
#include "phone.h"
#include "store.h"

struct ascii_memo;
struct index;
struct org_rule;
struct rules;
struct trace;

/* One stored number, read in its row's region. */
struct number {
	const char *raw;	/* as stored; "" when the row has none */
	struct phone ph;	/* valid when why is NULL */
	const char *why;	/* why raw is not a valid number */
};

/* What is known of one official's address. */
struct email_info {
	char *addr;		/* NULL when there is none */
	const char *rule;	/* profile name; NULL when stored */
	char *why;		/* why there is none, or why addr is invalid */
	int collision;		/* another official has the same address */
};

/* One per row; small, as a store can have a million. */
struct record {
	const struct org_rule *org;
	const char *region;
	struct email_info email;
	unsigned done;		/* which parts are filled */
};

/* The records of a store's rows, each part computed on first use. */
struct records {
	const struct store *st;
	const struct rules *r;
	const char *region;	/* --region, or NULL */
	struct record *v;
	size_t n;
	/* Phone and mobile of each row: seldom all asked for, so apart. */
	struct number (*num)[2];
	/*
	 * The folded name words of each row, kept only if keep_words is set
	 * (many queries in one run); else scratch holds the last row's.
	 */
	struct words *words;
	struct words scratch;
	int keep_words;
	int collisions;		/* every address is known and compared */
	/*
	 * The store's index, or NULL: then words and collision flags come
	 * from it, and only the rows asked for are derived.
	 */
	const struct index *ix;
	struct words ixw;	/* the last row's words, pointing into ix */
	size_t ixcap;
	/* Transliterations kept once a run derives many addresses. */
	struct ascii_memo *am;
	size_t nderived;
};

void records_init(struct records *rs, const struct store *st,
    const struct rules *r, const char *region);
void records_release(struct records *rs);

/* Forgets what was derived from row, which was changed or added (rows are only added at the end). */
void records_changed(struct records *rs, size_t row);

/* The organization profile that applies to the row; NULL if none. */
const struct org_rule *record_org(struct records *rs, size_t row);
/* The region its numbers are read in: its profile's, --region, the default. */
const char *record_region(struct records *rs, size_t row);
/* Its phone (COL_PHONE) or mobile (COL_MOBILE) number. */
const struct number *record_number(struct records *rs, size_t row,
    enum column c);
/* Its address, stored or derived, with the collision flag set. */
const struct email_info *record_email(struct records *rs, size_t row);
/* The folded words of its name, valid until the next call unless keep_words. */
const struct words *record_words(struct records *rs, size_t row);

/* The derivation of the row's address again, each step sent to t. */
void record_explain_email(struct records *rs, size_t row,
    const struct trace *t);
/* The reading of the row's number in column c again, each step sent to t. */
void record_explain_number(struct records *rs, size_t row, enum column c,
    const struct trace *t);

#endif
