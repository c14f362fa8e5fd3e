/* extract.h: the people of a press release's contact block, by the rule file's extract blocks. */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stddef.h>

struct entries;
struct errors;
struct rules;

/* A release longer than this is not a press release. */
#define EXTRACT_MAX_BYTES (16u << 20)
/* Nor is a contact block longer than this a list of people. */
#define EXTRACT_MAX_BLOCK (64u << 10)

/* What a release says besides its people. */
struct release {
	char *source;		/* "Pressmeddelande 99/2017, 24.5.2017"; NULL if unsaid */
	char *sentence;		/* the address sentence as written; NULL if none */
	size_t sentence_line;
	char *issuer;		/* the organization it names, as a name is stored */
	char *address;		/* its pattern as written: fornamn.efternamn@formin.fi */
	char *template;		/* {first}.{last}; NULL if a word of it is unknown */
	char *domain;
};

void release_init(struct release *rel);
void release_clear(struct release *rel);

/*
 * Finds the contact blocks of the press release text (len bytes; name
 * names it) and adds each person in them to out, as columns of the store.
 * What else the release says goes into rel. 0; ST_NOMATCH if it has no
 * contact block, or one naming nobody; ST_DATA if it is not UTF-8 text;
 * each but 0 with the reason in errs.
 */
int extract_release(const struct rules *r, const char *name, const char *text,
    size_t len, struct entries *out, struct release *rel,
    struct errors *errs);

/*
 * The rule block that gives addresses at rel's issuer, with a comment
 * saying where it was read, for a rule file; NULL if rel has no sentence,
 * its address has a word extraction does not know or its domain is not
 * valid. Caller frees.
 */
char *extract_rule_block(const struct rules *r, const struct release *rel,
    const char *name);

#endif
