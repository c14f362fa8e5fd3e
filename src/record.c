/* record.c: a row's profile, region, numbers, address and name words, each derived once. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "email.h"
#include "index.h"
#include "record.h"
#include "rules.h"

enum {
	DONE_ORG = 1 << 0,
	DONE_NUMBERS = 1 << 1,
	DONE_EMAIL = 1 << 2,
	DONE_WORDS = 1 << 3,
	/* With DONE_ORG: a profile's pattern passed a match limit. */
	ORG_TOO_COSTLY = 1 << 4,
};

void
records_init(struct records *rs, const struct store *st,
    const struct rules *r, const char *region)
{
	rs->st = st;
	rs->r = r;
	rs->region = region;
	rs->n = store_count(st);
	rs->v = xcalloc(rs->n, sizeof(*rs->v));
	rs->num = NULL;
	rs->words = NULL;
	memset(&rs->scratch, 0, sizeof(rs->scratch));
	rs->keep_words = 0;
	rs->collisions = 0;
	rs->ix = NULL;
	memset(&rs->ixw, 0, sizeof(rs->ixw));
	rs->ixcap = 0;
	rs->am = NULL;
	rs->nderived = 0;
}

void
records_release(struct records *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].email.addr);
		free(rs->v[i].email.why);
		if (rs->words != NULL)
			words_release(&rs->words[i]);
	}
	free(rs->v);
	free(rs->num);
	free(rs->words);
	words_release(&rs->scratch);
	free(rs->ixw.w);
	memset(&rs->ixw, 0, sizeof(rs->ixw));
	rs->ixcap = 0;
	ascii_memo_free(rs->am);
	rs->am = NULL;
	rs->v = NULL;
	rs->num = NULL;
	rs->words = NULL;
	rs->n = 0;
}

void
records_changed(struct records *rs, size_t row)
{
	struct record *rec;
	size_t n = store_count(rs->st);

	if (n > rs->n) {
		rs->v = xreallocarray(rs->v, n, sizeof(*rs->v));
		memset(rs->v + rs->n, 0, (n - rs->n) * sizeof(*rs->v));
		if (rs->num != NULL) {
			rs->num = xreallocarray(rs->num, n, sizeof(*rs->num));
			memset(rs->num + rs->n, 0,
			    (n - rs->n) * sizeof(*rs->num));
		}
		if (rs->words != NULL) {
			rs->words = xreallocarray(rs->words, n,
			    sizeof(*rs->words));
			memset(rs->words + rs->n, 0,
			    (n - rs->n) * sizeof(*rs->words));
		}
		rs->n = n;
	}
	rec = &rs->v[row];
	free(rec->email.addr);
	free(rec->email.why);
	memset(&rec->email, 0, sizeof(rec->email));
	if (rs->words != NULL)
		words_release(&rs->words[row]);
	rec->done = 0;
	/* Its address may now be another's, or no longer be. */
	rs->collisions = 0;
}

const struct org_rule *
record_org(struct records *rs, size_t row)
{
	struct record *rec = &rs->v[row];
	const struct org_rule *o;

	if (rec->done & DONE_ORG)
		return rec->org;
	if (rules_org_find(rs->r, store_field(rs->st, row, COL_ORG),
	    store_field(rs->st, row, COL_UNIT), &o, NULL) != 0) {
		rec->done |= ORG_TOO_COSTLY;
		o = NULL;
	}
	rec->org = o;
	if (o != NULL && o->region != NULL)
		rec->region = o->region;
	else if (rs->region != NULL)
		rec->region = rs->region;
	else
		rec->region = rs->r->default_region;
	rec->done |= DONE_ORG;
	return o;
}

const char *
record_region(struct records *rs, size_t row)
{
	record_org(rs, row);
	return rs->v[row].region;
}

static void
read_number(struct records *rs, size_t row, enum column c,
    struct number *n, const struct trace *t)
{
	n->raw = store_field(rs->st, row, c);
	n->why = NULL;
	memset(&n->ph, 0, sizeof(n->ph));
	if (*n->raw != '\0')
		(void)phone_parse(rs->r, n->raw, record_region(rs, row),
		    &n->ph, &n->why, t);
}

const struct number *
record_number(struct records *rs, size_t row, enum column c)
{
	struct record *rec = &rs->v[row];

	/* Pages of rows never asked for are never touched. */
	if (rs->num == NULL)
		rs->num = xcalloc(rs->n, sizeof(*rs->num));
	if (!(rec->done & DONE_NUMBERS)) {
		read_number(rs, row, COL_PHONE, &rs->num[row][0], NULL);
		read_number(rs, row, COL_MOBILE, &rs->num[row][1], NULL);
		rec->done |= DONE_NUMBERS;
	}
	return &rs->num[row][c == COL_MOBILE];
}

void
record_explain_number(struct records *rs, size_t row, enum column c,
    const struct trace *t)
{
	struct number n;

	read_number(rs, row, c, &n, t);
}

/* The address alone, stored or derived; steps go to t. */
static void
derive(struct records *rs, size_t row, struct email_info *e,
    const struct trace *t)
{
	const struct store *st = rs->st;
	const char *stored = store_field(st, row, COL_EMAIL), *vwhy;
	const char *org = store_field(st, row, COL_ORG);
	const char *unit = store_field(st, row, COL_UNIT);
	const struct org_rule *o;
	int rc;

	memset(e, 0, sizeof(*e));
	if (*stored != '\0') {
		e->addr = xstrdup(stored);
		if (email_valid(stored, &vwhy) != 0)
			e->why = xstrdup(vwhy);
		return;
	}
	if ((o = record_org(rs, row)) == NULL) {
		/* Rare enough to match again for pcre2's word on the limit. */
		if (rs->v[row].done & ORG_TOO_COSTLY) {
			(void)rules_org_find(rs->r, org, unit, &o, &e->why);
			e->rule = o->name;
		} else if (*org == '\0' && *unit == '\0')
			e->why = xstrdup("no stored email and no organization "
			    "for a rule to cover");
		else
			e->why = xasprintf("no stored email and no rule covers "
			    "organization '%s'", *org ? org : unit);
		return;
	}
	e->rule = o->name;
	/* Officials share names: past a few, each part is spelled once. */
	if (t == NULL && rs->am == NULL && ++rs->nderived > 64)
		rs->am = ascii_memo_new();
	if (t == NULL && rs->am != NULL)
		rc = email_derive_memo(rs->r, o, store_field(st, row,
		    COL_GIVEN), store_field(st, row, COL_FAMILY), rs->am,
		    &e->addr, &e->why);
	else
		rc = email_derive(rs->r, o, store_field(st, row, COL_GIVEN),
		    store_field(st, row, COL_FAMILY), &e->addr, &e->why, t);
	if (rc != 0)
		e->addr = NULL;
}

static void
address_of(struct records *rs, size_t row)
{
	struct record *rec = &rs->v[row];

	if (!(rec->done & DONE_EMAIL)) {
		derive(rs, row, &rec->email, NULL);
		rec->done |= DONE_EMAIL;
	}
}

static int
cmp_addr(const void *a, const void *b, void *ctx)
{
	const struct record *v = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return strcasecmp(v[i].email.addr, v[j].email.addr);
}

/* Every address, then the flag on each that another official shares. */
static void
find_collisions(struct records *rs)
{
	size_t i, j, n = 0, *idx = xcalloc(rs->n, sizeof(*idx));

	for (i = 0; i < rs->n; i++) {
		address_of(rs, i);
		rs->v[i].email.collision = 0;
		if (rs->v[i].email.addr != NULL)
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof(*idx), cmp_addr, rs->v);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && cmp_addr(&idx[i], &idx[j], rs->v) == 0;
		    j++)
			;
		if (j - i > 1)
			for (; i < j; i++)
				rs->v[idx[i]].email.collision = 1;
	}
	free(idx);
	rs->collisions = 1;
}

const struct email_info *
record_email(struct records *rs, size_t row)
{
	if (rs->ix != NULL) {
		address_of(rs, row);
		rs->v[row].email.collision =
		    (rs->ix->row_flags[row] & INDEX_COLLISION) != 0;
		return &rs->v[row].email;
	}
	if (!rs->collisions)
		find_collisions(rs);
	return &rs->v[row].email;
}

void
record_explain_email(struct records *rs, size_t row, const struct trace *t)
{
	struct email_info e;

	derive(rs, row, &e, t);
	free(e.addr);
	free(e.why);
}

const struct words *
record_words(struct records *rs, size_t row)
{
	struct words *w = &rs->scratch;
	const struct index *ix = rs->ix;
	uint32_t i, from, to;
	char *name;

	if (ix != NULL) {
		from = ix->row_words[row];
		to = ix->row_words[row + 1];
		w = &rs->ixw;
		if (to - from + 1 > rs->ixcap) {
			rs->ixcap = (to - from + 1) * 2;
			w->w = xreallocarray(w->w, rs->ixcap, sizeof(*w->w));
		}
		for (i = from; i < to; i++)
			w->w[i - from] = (char *)(uintptr_t)index_word(ix,
			    ix->words[i]);
		w->n = to - from;
		return w;
	}
	if (rs->keep_words) {
		if (rs->words == NULL)
			rs->words = xcalloc(rs->n, sizeof(*rs->words));
		w = &rs->words[row];
		if (rs->v[row].done & DONE_WORDS)
			return w;
		rs->v[row].done |= DONE_WORDS;
	}
	words_release(w);
	name = store_name(rs->st, row);
	/* The store is valid UTF-8, so this cannot fail. */
	(void)fold_words(w, name);
	free(name);
	return w;
}
