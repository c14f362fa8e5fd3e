/* fold.h: Unicode folding for search keys and ASCII transliteration for email. */
#ifndef FOLD_H
#define FOLD_H

#include <stddef.h>
#include <unitypes.h>

/* One letter of a transliteration profile: lowercase NFC letter -> ASCII. */
struct translit_map {
	ucs4_t from;
	char *to;
};

/*
 * s, n bytes of UTF-8, in NFC (as macOS does not write it): NULL if it
 * already is, or is not UTF-8, else a new string of *outlen bytes (caller
 * frees). Text with no character from U+0300 on, as most names are, is
 * seen at a glance.
 */
char *fold_nfc(const char *s, size_t n, size_t *outlen);

/*
 * Search key: NFKD (ǆ is dž, ﬁ is fi), case fold, marks stripped, letters
 * without a decomposition mapped (ø->o, ł->l, þ->th ...), dashes to '-',
 * apostrophes to '\'', spaces to ' '. Caller frees; NULL if s is not valid
 * UTF-8.
 */
char *fold_key(const char *s, size_t n);

/*
 * Email transliteration: lowercase, the profile's map, marks stripped, the
 * built-in table, and for a letter still left its compatibility
 * decomposition (ǆ gives dz, ﬁ gives fi). Returns 0 and sets *out (caller
 * frees), or -1 with *bad set to the first letter that has no ASCII form
 * (*out untouched).
 */
struct trace;
int fold_ascii(const char *s, const struct translit_map *map, size_t nmap,
    char **out, ucs4_t *bad, const struct trace *t);

/*
 * Phone characters: Unicode decimal digits to ASCII, fullwidth plus to '+',
 * dashes to '-', spaces to ' '; other characters kept. Caller frees; NULL if
 * s is not valid UTF-8.
 */
char *fold_phone(const char *s);

/* A folded text split into words at spaces, hyphens and apostrophes. */
struct words {
	char *buf;
	char **w;
	size_t n;
};

/* Fills ws from s. 0, or -1 (ws empty) if s is not valid UTF-8. */
int fold_words(struct words *ws, const char *s);
void words_release(struct words *ws);

/* Writes the UTF-8 form of uc into buf (at least 7 bytes), NUL-terminated. */
void fold_utf8(ucs4_t uc, char *buf);

#endif
