/* vcard.h: vCard 2.1, 3.0 and 4.0 files read into entries. */
#ifndef VCARD_H
#define VCARD_H

#include <stddef.h>

struct entries;
struct errors;

/* Non-zero if the bytes look like vCard (a BEGIN:VCARD line first). */
int vcard_sniff(const char *buf, size_t len);

/*
 * Appends one entry per card of buf (len bytes; file names it in messages)
 * to out. Returns 0, or ST_DATA after adding "FILE:LINE: what" records to
 * errs; then out is left as it was. Values a card has that the store cannot
 * hold (a second work number, a fax) go to warn as records naming their line.
 */
int vcard_read(const char *file, const char *buf, size_t len,
    struct entries *out, struct errors *errs, struct errors *warn);

#endif
