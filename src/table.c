/* table.c: growing byte arrays and a string hash table, for indexes and memos. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "table.h"

/* Room for n more bytes, and more: arrays grow by doubling. */
void
vec_grow(struct vec *v, size_t n)
{
	v->cap = (v->len + n) * 2 + 256;
	v->p = xreallocarray(v->p, v->cap, 1);
}

void
table_init(struct table *t, size_t cap)
{
	size_t i;

	t->cap = cap;
	t->n = 0;
	t->s = xcalloc(cap, sizeof(*t->s));
	for (i = 0; i < cap; i++)
		t->s[i].len = UINT32_MAX;
	memset(&t->arena, 0, sizeof(t->arena));
}

void
table_release(struct table *t)
{
	free(t->s);
	free(t->arena.p);
}

static void
table_grow(struct table *t)
{
	struct slot *old = t->s;
	size_t oldcap = t->cap, i, j;

	t->cap *= 2;
	t->s = xcalloc(t->cap, sizeof(*t->s));
	for (i = 0; i < t->cap; i++)
		t->s[i].len = UINT32_MAX;
	for (i = 0; i < oldcap; i++) {
		if (old[i].len == UINT32_MAX)
			continue;
		for (j = old[i].hash & (t->cap - 1); t->s[j].len != UINT32_MAX;
		    j = (j + 1) & (t->cap - 1))
			;
		t->s[j] = old[i];
	}
	free(old);
}

uint64_t
table_hash(const char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ h >> 29;
}

struct slot *
table_get(struct table *t, const char *key, size_t len, int *isnew)
{
	uint32_t h = (uint32_t)table_hash(key, len);
	struct slot *sl;
	size_t j;

	/* Keys no longer than key[] are compared where the slot is. */
	for (j = h & (t->cap - 1); (sl = &t->s[j])->len != UINT32_MAX;
	    j = (j + 1) & (t->cap - 1))
		if (sl->hash == h && sl->len == len &&
		    memcmp(len <= sizeof(sl->key) ? sl->key :
		    t->arena.p + sl->off, key, len) == 0) {
			*isnew = 0;
			return sl;
		}
	if ((t->n + 1) * 2 > t->cap) {
		table_grow(t);
		return table_get(t, key, len, isnew);
	}
	sl->hash = h;
	sl->off = (uint32_t)t->arena.len;
	sl->len = (uint32_t)len;
	sl->val = 0;
	if (len <= sizeof(sl->key))
		memcpy(sl->key, key, len);
	vec_add(&t->arena, key, len);
	vec_add(&t->arena, "", 1);
	t->n++;
	*isnew = 1;
	return sl;
}
