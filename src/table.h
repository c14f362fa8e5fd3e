/* table.h: growing byte arrays, and a hash table from strings to numbers. */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A growing array of bytes; start from { 0 } and free p. */
struct vec {
	char *p;
	size_t len, cap;
};

void vec_grow(struct vec *v, size_t n);

/* Appends n bytes; inline, as an index build calls it for every field. */
static inline void
vec_add(struct vec *v, const void *s, size_t n)
{
	if (n == 0)
		return;
	if (v->len + n > v->cap)
		vec_grow(v, n);
	memcpy(v->p + v->len, s, n);
	v->len += n;
}

static inline void
vec_u32(struct vec *v, uint32_t x)
{
	vec_add(v, &x, sizeof(x));
}

/* Strings to numbers: open addressing over an arena of keys. */
struct slot {
	uint32_t hash;
	uint32_t len;		/* UINT32_MAX when empty */
	uint32_t off;		/* the key in the arena */
	uint32_t val;
	char key[16];		/* a short key again, beside its hash */
};

struct table {
	struct slot *s;
	size_t cap, n;
	struct vec arena;
};

/* A quick hash of a short key: a word, a name part, an address. */
uint64_t table_hash(const char *p, size_t n);

/* cap is a power of two. */
void table_init(struct table *t, size_t cap);
void table_release(struct table *t);
/* The slot of key; *isnew says it was just added (its val is 0). */
struct slot *table_get(struct table *t, const char *key, size_t len,
    int *isnew);

#endif
