/* import.c: merges officials read from files into a store, once each. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "entry.h"
#include "fold.h"
#include "import.h"
#include "store.h"

char *
import_key(const char *given, const char *family, const char *org)
{
	struct strbuf b = { 0 };
	struct words w;
	const char *part[3] = { given, family, org };
	size_t i, j;

	strbuf_add(&b, "", 0);
	for (i = 0; i < 3; i++) {
		if (fold_words(&w, part[i]) != 0) {
			free(b.p);
			return NULL;
		}
		for (j = 0; j < w.n; j++) {
			if (b.len > 0 && b.p[b.len - 1] != '\t')
				strbuf_add(&b, " ", 1);
			strbuf_add(&b, w.w[j], strlen(w.w[j]));
		}
		words_release(&w);
		/* Given and family run together: only the whole name counts. */
		if (i == 1)
			strbuf_add(&b, "\t", 1);
	}
	return b.p;
}

/* Keys of the store's officials, for finding one by key. */
struct keys {
	char **key;		/* by row; NULL for a row without one */
	size_t *slot;		/* open addressing: row + 1, 0 when empty */
	size_t nslot, n, used;
};

static size_t
hash(const char *s)
{
	size_t h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static void
keys_insert(struct keys *k, size_t row)
{
	size_t i;

	for (i = hash(k->key[row]) % k->nslot; k->slot[i] != 0;
	    i = (i + 1) % k->nslot)
		;
	k->slot[i] = row + 1;
	k->used++;
}

static void
keys_add(struct keys *k, const struct store *st, size_t row)
{
	size_t i;

	if (row >= k->n) {
		k->key = xreallocarray(k->key, row + 1, sizeof(*k->key));
		while (k->n <= row)
			k->key[k->n++] = NULL;
	}
	k->key[row] = import_key(store_field(st, row, COL_GIVEN),
	    store_field(st, row, COL_FAMILY), store_field(st, row, COL_ORG));
	if (k->key[row] == NULL)
		return;
	if (2 * (k->used + 1) <= k->nslot) {
		keys_insert(k, row);
		return;
	}
	k->nslot = 4 * (k->used + 1) + 16;
	k->used = 0;
	free(k->slot);
	k->slot = xcalloc(k->nslot, sizeof(*k->slot));
	for (i = 0; i < k->n; i++)
		if (k->key[i] != NULL)
			keys_insert(k, i);
}

/* The first row with key, or (size_t)-1. */
static size_t
keys_find(const struct keys *k, const char *key)
{
	size_t i, best = (size_t)-1;

	if (k->nslot == 0)
		return best;
	for (i = hash(key) % k->nslot; k->slot[i] != 0; i = (i + 1) % k->nslot)
		if (strcmp(k->key[k->slot[i] - 1], key) == 0 &&
		    k->slot[i] - 1 < best)
			best = k->slot[i] - 1;
	return best;
}

static void
keys_release(struct keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->key[i]);
	free(k->key);
	free(k->slot);
}

static const char *
value_of(const struct entry *e, enum column c)
{
	const char *v = entry_get(e, column_name(c));

	return v != NULL ? v : "";
}

/*
 * The entry's values that differ from the row's. Empty values change
 * nothing, and the name and organization matched already: a spelling
 * that folds the same ("PIMIA" for "Pimiä") is not a change.
 */
static void
compare(const struct store *st, size_t row, struct import_result *res)
{
	const struct entry *e = res->e;
	const char *was;
	size_t i;
	int c;

	for (i = 0; i < e->n; i++) {
		c = column_named(e->name[i]);
		if (*e->value[i] == '\0' || c == COL_ID || c == COL_GIVEN ||
		    c == COL_FAMILY || c == COL_ORG)
			continue;
		was = store_get(st, row, e->name[i]);
		if (was != NULL && strcmp(was, e->value[i]) == 0)
			continue;
		res->ch = xreallocarray(res->ch, res->nch + 1,
		    sizeof(*res->ch));
		res->ch[res->nch].column = e->name[i];
		res->ch[res->nch].was = xstrdup(was != NULL ? was : "");
		res->ch[res->nch++].now = xstrdup(e->value[i]);
	}
}

static size_t
add(struct store *st, const struct entry *e)
{
	size_t row = store_append(st), i;
	char *id = store_new_id(st);

	store_set(st, row, column_name(COL_ID), id);
	free(id);
	for (i = 0; i < e->n; i++)
		if (*e->value[i] != '\0' && column_named(e->name[i]) != COL_ID)
			store_set(st, row, e->name[i], e->value[i]);
	return row;
}

void
import_merge(struct store *st, const struct entries *in, int update,
    struct import_results *out)
{
	struct keys k = { 0 };
	struct import_result *res;
	size_t i, row, n = store_count(st);
	char *key;

	for (row = 0; row < n; row++)
		keys_add(&k, st, row);
	out->v = xcalloc(in->n, sizeof(*out->v));
	out->n = in->n;
	for (i = 0; i < in->n; i++) {
		res = &out->v[i];
		res->e = &in->v[i];
		key = import_key(value_of(res->e, COL_GIVEN),
		    value_of(res->e, COL_FAMILY), value_of(res->e, COL_ORG));
		row = key != NULL ? keys_find(&k, key) : (size_t)-1;
		free(key);
		if (row == (size_t)-1) {
			res->action = IMPORT_ADD;
			res->row = add(st, res->e);
			keys_add(&k, st, res->row);
			continue;
		}
		res->row = row;
		compare(st, row, res);
		if (res->nch == 0) {
			res->action = IMPORT_SAME;
		} else if (!update) {
			res->action = IMPORT_DIFFERS;
		} else {
			res->action = IMPORT_UPDATE;
			for (n = 0; n < res->nch; n++)
				store_set(st, row, res->ch[n].column,
				    res->ch[n].now);
		}
	}
	keys_release(&k);
}

void
import_results_release(struct import_results *res)
{
	size_t i, j;

	for (i = 0; i < res->n; i++) {
		for (j = 0; j < res->v[i].nch; j++) {
			free(res->v[i].ch[j].was);
			free(res->v[i].ch[j].now);
		}
		free(res->v[i].ch);
	}
	free(res->v);
	res->v = NULL;
	res->n = 0;
}

int
import_csv(const char *name, const char *buf, size_t len,
    struct entries *out, struct errors *errs)
{
	struct store *st;
	struct entry *e;
	const char *const *extra;
	size_t row, n, c, nextra;
	int rc;

	if ((rc = store_open_csv(&st, name, buf, len, STORE_ALL_ERRORS,
	    errs)) != 0) {
		store_close(st);
		return rc;
	}
	n = store_count(st);
	nextra = store_extra(st, &extra);
	for (row = 0; row < n; row++) {
		e = entries_add(out, name, store_where(st, row).line);
		for (c = 0; c < COL__COUNT; c++)
			if (c != COL_ID && *store_field(st, row, c) != '\0')
				entry_set(e, column_name(c),
				    store_field(st, row, c));
		for (c = 0; c < nextra; c++)
			entry_set(e, extra[c], store_get(st, row, extra[c]));
	}
	store_close(st);
	return 0;
}
