/* index.h: a persistent index of a CSV store: folded name words, addresses, number digits. */
#ifndef INDEX_H
#define INDEX_H

#include <stddef.h>
#include <stdint.h>

struct rules;

enum { INDEX_COLLISION = 1 };	/* row_flags: another official has the address */

/*
 * What the index holds, read-only, for a store of nrows rows. It answers
 * only which rows to look at; what is shown is read from the store.
 */
struct index {
	int fd;			/* the store, open for reading its rows */
	uint32_t nrows, nwords;
	uint64_t head_start, head_end;	/* the header's bytes */
	const uint64_t *row_start;	/* nrows + 1: each row's bytes, the
					   blank lines before it included */
	const uint32_t *row_line;	/* the line each row begins on */
	const uint32_t *row_words;	/* nrows + 1 offsets into words */
	const uint32_t *words;		/* each row's folded name words, as
					   word numbers, in name order */
	const uint8_t *row_flags;
	const uint32_t *row_addr;	/* offset into addr; 0 for none */
	const char *addr;		/* addresses, ASCII lowercase */
	const uint32_t *row_digits;	/* offset into digits: "PHONE\0MOBILE\0" */
	const char *digits;		/* the digits of each stored number */
	const uint32_t *word_text;	/* nwords offsets into text, sorted */
	const char *text;
	const uint32_t *word_rows;	/* nwords + 1 offsets into rows */
	const uint32_t *rows;		/* each word's rows, ascending */
	/* Where the bytes are: a mapping or a buffer. */
	void *mem;
	size_t memlen;
	int mapped;
	int built;			/* made on this call, not read */
};

/*
 * The index of the CSV store at path for rules r: read from the cache
 * directory dir if it is there and matches the store byte for byte, else
 * built and (if dir is not NULL and can be written) saved there. 0 and
 * *ixp, or -1 if the store cannot be indexed (it cannot be read, has a bad
 * row, or lone CR line ends): the caller reads it the usual way, which
 * reports why. Prints nothing.
 */
int index_open(struct index **ixp, const char *path, const struct rules *r,
    const char *dir);
void index_close(struct index *ix);

/* The word numbers whose text begins with prefix: [*lo, *hi). */
void index_prefix(const struct index *ix, const char *prefix, uint32_t *lo,
    uint32_t *hi);

static inline const char *
index_word(const struct index *ix, uint32_t w)
{
	return ix->text + ix->word_text[w];
}

/*
 * The records in buf (len bytes, then a NUL) as the CSV reader reads a
 * store the index took: each one's fields, NUL-terminated one after
 * another in text, to fn. Stops at a malformed one; returns how many.
 */
size_t index_records(const char *buf, size_t len,
    void (*fn)(void *arg, const char *text, size_t textlen, size_t nfield),
    void *arg);

/* Up to n bytes of fd at off into buf, past interruptions; how many. */
size_t index_read(int fd, char *buf, size_t n, uint64_t off);

/* The last digits every way of writing the number keeps, for a search. */
size_t index_needle(const char *e164, size_t cclen, char *out, size_t outsz);

#endif
