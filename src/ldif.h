/* ldif.h: officials read from LDIF, as export --format ldif and directories write it. */
#ifndef LDIF_H
#define LDIF_H

#include <stddef.h>

struct entries;
struct errors;

/* Non-zero if buf looks like LDIF: it opens with "dn:" or "version:". */
int ldif_sniff(const char *buf, size_t len);

/*
 * The entries of LDIF text (len bytes at buf; name names it) as officials
 * added to out: givenName, sn, title, o, ou, telephoneNumber, mobile, mail,
 * description, contactsSource and contactsColumn (NAME=VALUE) give their
 * columns, the first value of each; cn gives the given name when there is
 * no givenName. The id is left out (the store gives its own). 0, or
 * ST_DATA with the first problem in errs and nothing added.
 */
int ldif_read(const char *name, const char *buf, size_t len,
    struct entries *out, struct errors *errs);

#endif
