/* email.h: email addresses: derivation from names by rule, and validation. */
#ifndef EMAIL_H
#define EMAIL_H

#include <stddef.h>

struct rules;
struct org_rule;
struct store;
struct trace;

/* What is known of one official's address. */
struct email_info {
	char *addr;		/* NULL when there is none */
	const char *rule;	/* profile name; NULL when stored */
	char *why;		/* why there is none, or why addr is invalid */
	int collision;		/* another official derives the same address */
};

struct email_table {
	struct email_info *e;	/* one per store row */
	size_t n;
};

/* Domain to its A-label form through libidn2, then checked label by label. */
int email_domain_ascii(const char *domain, char **ascii, const char **why);
/* 0 if addr is a valid address; else -1 and a static reason in *why. */
int email_valid(const char *addr, const char **why);
/*
 * Address for given/family names under profile o. 0 and *addr (caller
 * frees), or -1 and *why (caller frees). Each step goes to t.
 */
int email_derive(const struct rules *r, const struct org_rule *o,
    const char *given, const char *family, char **addr, char **why,
    const struct trace *t);

/* Non-zero if the n bytes at w are a name particle: von, af, de, van ... */
int email_is_particle(const char *w, size_t n);
/* addr with its domain in U-label (Unicode) form; caller frees. */
char *email_unicode(const char *addr);

/* Every row's address (stored, else derived) with collisions flagged. */
void email_table_build(struct email_table *t, const struct store *st,
    const struct rules *r);
void email_table_release(struct email_table *t);

#endif
