/* match.h: query parsing, folding, matching and ranking of officials. */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>

struct email_table;
struct rules;
struct store;

enum rank { RANK_PREFIX = 1, RANK_WORDS = 2, RANK_EXACT = 3 };

struct hit {
	size_t row;
	enum rank rank;
};

struct match_opts {
	int all_fields;		/* search title, organization, unit, note too */
	const char *region;	/* for numbers written without '+' */
};

/*
 * Officials matching every term, best first, into *hits (caller frees).
 * Returns 0; ST_NOMATCH after saying why for a phone number that is not
 * valid; ST_USAGE after a diagnostic for a query that is not UTF-8.
 */
int match_run(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, struct hit **hits, size_t *nhits);

/*
 * The one official the terms name, silently: 0 and *row, or ST_NOMATCH,
 * ST_AMBIGUOUS (and *nhits candidates), or ST_USAGE for a bad query.
 */
int match_pick(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row, size_t *nhits);
/*
 * The one official the terms name: an exact full name wins over prefix
 * matches. 0 and *row; else ST_NOMATCH or ST_AMBIGUOUS after saying so,
 * with the candidates' ids, on stderr.
 */
int match_one(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row);
/* "no official matches 'TERMS'", with close names as suggestions. */
void match_report_none(const struct store *st, char *const *terms,
    size_t nterms);

/* Up to max rows whose names are close to the terms, closest first. */
size_t match_suggest(const struct store *st, char *const *terms,
    size_t nterms, size_t *rows, size_t max);

/* The region a row's numbers are read in: its profile's, else fallback's. */
const char *match_row_region(const struct store *st, const struct rules *r,
    size_t row, const char *fallback);

#endif
