/* email.h: email addresses: derivation from names by rule, and validation. */
#ifndef EMAIL_H
#define EMAIL_H

#include <stddef.h>

struct rules;
struct org_rule;
struct trace;

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

/*
 * The transliterations of name parts already made, kept for a run over
 * many officials (who share given and family names): start from
 * ascii_memo_new(), pass to email_derive_memo(), free with ascii_memo_free().
 */
struct ascii_memo;
struct ascii_memo *ascii_memo_new(void);
void ascii_memo_free(struct ascii_memo *m);
/* email_derive() without a trace, remembering in m. */
int email_derive_memo(const struct rules *r, const struct org_rule *o,
    const char *given, const char *family, struct ascii_memo *m,
    char **addr, char **why);

/* addr with its domain in U-label (Unicode) form; caller frees. */
char *email_unicode(const char *addr);

#endif
