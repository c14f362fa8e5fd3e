/* match.h: query parsing, folding, matching and ranking of officials. */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>

struct records;

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
 * Returns 0; ST_NOMATCH with the reason in *why for a query that looks
 * like a phone number and is not a valid one; ST_USAGE for a query that
 * is not UTF-8. Prints nothing.
 */
int match_run(struct records *rs, const struct match_opts *mo,
    char *const *terms, size_t nterms, struct hit **hits, size_t *nhits,
    const char **why);

/*
 * The one official the terms name, where an exact full name wins over
 * prefix matches: 0 and *row. Else what match_run() returns, or
 * ST_NOMATCH, or ST_AMBIGUOUS with the candidates in *hits (caller frees;
 * NULL otherwise).
 */
int match_pick(struct records *rs, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row, struct hit **hits,
    size_t *nhits, const char **why);

/* Up to max rows whose names are close to the terms, closest first. */
size_t match_suggest(struct records *rs, char *const *terms, size_t nterms,
    size_t *rows, size_t max);

/* The terms joined by spaces, as the user wrote them; caller frees. */
char *match_joined(char *const *terms, size_t n);

#endif
