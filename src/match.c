/* match.c: finds officials by name words, email address or phone number. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "email.h"
#include "fold.h"
#include "match.h"
#include "phone.h"
#include "rules.h"
#include "store.h"

#define WORD_SEPS " -'"

struct words {
	char *buf;
	char **w;
	size_t n;
};

/* Folds s and splits it at spaces, hyphens and apostrophes. */
static int
words_of(struct words *ws, const char *s)
{
	char *p;

	ws->n = 0;
	ws->w = NULL;
	if ((ws->buf = fold_key(s, strlen(s))) == NULL)
		return -1;
	ws->w = xreallocarray(NULL, strlen(ws->buf) / 2 + 1, sizeof(*ws->w));
	for (p = ws->buf; *p != '\0'; ) {
		p += strspn(p, WORD_SEPS);
		if (*p == '\0')
			break;
		ws->w[ws->n++] = p;
		p += strcspn(p, WORD_SEPS);
		if (*p != '\0')
			*p++ = '\0';
	}
	return 0;
}

static void
words_free(struct words *ws)
{
	free(ws->buf);
	free(ws->w);
}

const char *
match_row_region(const struct store *st, const struct rules *r, size_t row,
    const char *fallback)
{
	const struct org_rule *o = rules_org(r, store_field(st, row, COL_ORG),
	    store_field(st, row, COL_UNIT));

	if (o != NULL && o->region != NULL)
		return o->region;
	return fallback != NULL ? fallback : r->default_region;
}

/* Rank of a name against the query words; 0 if some word matches no word. */
static enum rank
rank_words(const struct words *q, const struct words *name,
    const struct words *extra)
{
	size_t i, j, whole = 0;
	int found;

	for (i = 0; i < q->n; i++) {
		size_t len = strlen(q->w[i]);
		int is_whole = 0;

		found = 0;
		for (j = 0; j < name->n; j++) {
			if (strncmp(name->w[j], q->w[i], len) == 0) {
				found = 1;
				if (name->w[j][len] == '\0')
					is_whole = 1;
			}
		}
		for (j = 0; extra != NULL && !found && j < extra->n; j++)
			if (strncmp(extra->w[j], q->w[i], len) == 0)
				found = 1;
		if (!found)
			return 0;
		whole += is_whole;
	}
	if (whole == q->n && q->n == name->n)
		return RANK_EXACT;
	return whole == q->n ? RANK_WORDS : RANK_PREFIX;
}

static int
match_phone(const struct store *st, const struct rules *r,
    const struct match_opts *mo, size_t row, const char *e164)
{
	static const enum column cols[] = { COL_PHONE, COL_MOBILE };
	const char *region = match_row_region(st, r, row, mo->region), *why;
	struct phone ph;
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *raw = store_field(st, row, cols[i]);

		if (*raw != '\0' && phone_parse(r, raw, region, &ph, &why, NULL) == 0 && strcmp(ph.e164, e164) == 0)
			return 1;
	}
	return 0;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static char *
joined(char *const *terms, size_t n)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(terms[i]) + 1;
	s = xmalloc(len);
	*s = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, terms[i]);
	}
	return s;
}

static int
all_phone_like(char *const *terms, size_t n)
{
	size_t i;
	char *s;
	int yes;

	for (i = 0; i < n; i++)
		if (strchr(terms[i], '@') != NULL)
			return 0;
	s = joined(terms, n);
	yes = phone_like(s);
	free(s);
	return yes;
}

int
match_run(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, struct hit **hits, size_t *nhits)
{
	struct words q = { 0 }, name, extra;
	struct phone ph;
	const char *why;
	char *query = joined(terms, nterms), *tmp;
	size_t row;
	enum rank rank;
	int kind = 0;

	*hits = NULL;
	*nhits = 0;
	if (nterms == 1 && strchr(terms[0], '@') != NULL) {
		kind = '@';
	} else if (all_phone_like(terms, nterms)) {
		kind = '+';
		if (phone_parse(r, query, mo->region ? mo->region :
		    r->default_region, &ph, &why, NULL) != 0) {
			diag("no official matches '%s': not a valid phone "
			    "number: %s", query, why);
			free(query);
			return ST_NOMATCH;
		}
	} else if (words_of(&q, query) != 0) {
		diag("the query is not valid UTF-8");
		free(query);
		return ST_USAGE;
	}
	for (row = 0; row < st->nrows; row++) {
		rank = 0;
		if (kind == '@') {
			if (em->e[row].addr != NULL &&
			    strcasecmp(em->e[row].addr, query) == 0)
				rank = RANK_EXACT;
		} else if (kind == '+') {
			if (match_phone(st, r, mo, row, ph.e164))
				rank = RANK_EXACT;
		} else if (q.n > 0) {
			tmp = store_name(st, row);
			words_of(&name, tmp);
			free(tmp);
			if (mo->all_fields) {
				tmp = xasprintf("%s %s %s %s",
				    store_field(st, row, COL_TITLE),
				    store_field(st, row, COL_ORG),
				    store_field(st, row, COL_UNIT),
				    store_field(st, row, COL_NOTE));
				words_of(&extra, tmp);
				free(tmp);
			}
			rank = rank_words(&q, &name,
			    mo->all_fields ? &extra : NULL);
			words_free(&name);
			if (mo->all_fields)
				words_free(&extra);
		}
		if (rank == 0)
			continue;
		*hits = xreallocarray(*hits, *nhits + 1, sizeof(**hits));
		(*hits)[*nhits].row = row;
		(*hits)[(*nhits)++].rank = rank;
	}
	words_free(&q);
	free(query);
	if (*nhits > 1)
		qsort(*hits, *nhits, sizeof(**hits), cmp_hit);
	return 0;
}

static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, best;

	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag_prev = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], cost = a[i - 1] != b[j - 1];

			best = diag_prev + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag_prev = up;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

size_t
match_suggest(const struct store *st, char *const *terms, size_t nterms,
    size_t *rows, size_t max)
{
	struct words q, name;
	size_t row, i, j, k, n = 0, *dist = xcalloc(max + 1, sizeof(*dist));
	char *query = joined(terms, nterms), *tmp;

	if (words_of(&q, query) != 0 || q.n == 0) {
		words_free(&q);
		free(query);
		free(dist);
		return 0;
	}
	for (row = 0; row < st->nrows; row++) {
		size_t total = 0, limit = 0;

		tmp = store_name(st, row);
		words_of(&name, tmp);
		free(tmp);
		for (i = 0; i < q.n; i++) {
			size_t best = (size_t)-1;

			for (j = 0; j < name.n; j++) {
				size_t d = distance(q.w[i], name.w[j]);

				if (d < best)
					best = d;
			}
			total += best;
			limit += strlen(q.w[i]) <= 4 ? 1 : 2;
		}
		words_free(&name);
		if (total > limit)
			continue;
		for (k = n; k > 0 && dist[k - 1] > total; k--)
			if (k < max) {
				rows[k] = rows[k - 1];
				dist[k] = dist[k - 1];
			}
		if (k < max) {
			rows[k] = row;
			dist[k] = total;
			if (n < max)
				n++;
		}
	}
	words_free(&q);
	free(query);
	free(dist);
	return n;
}

void
match_report_none(const struct store *st, char *const *terms, size_t nterms)
{
	size_t rows[3], n, i;
	char *query = joined(terms, nterms), *name;

	diag("no official matches '%s'", query);
	n = match_suggest(st, terms, nterms, rows, 3);
	for (i = 0; i < n; i++) {
		name = store_name(st, rows[i]);
		diag("did you mean '%s'?", name);
		free(name);
	}
	free(query);
}

int
match_pick(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row, size_t *nhits)
{
	struct hit *hits;
	int rc;

	if ((rc = match_run(st, r, em, mo, terms, nterms, &hits, nhits)) != 0)
		return rc;
	if (*nhits == 0)
		rc = ST_NOMATCH;
	else if (*nhits == 1 || (hits[0].rank == RANK_EXACT &&
	    hits[1].rank != RANK_EXACT))
		*row = hits[0].row;
	else
		rc = ST_AMBIGUOUS;
	free(hits);
	return rc;
}

int
match_one(const struct store *st, const struct rules *r,
    const struct email_table *em, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row)
{
	struct hit *hits;
	size_t nhits, i;
	char *query, *name;
	int rc;

	if ((rc = match_run(st, r, em, mo, terms, nterms, &hits, &nhits)) != 0)
		return rc;
	if (nhits == 0) {
		match_report_none(st, terms, nterms);
		free(hits);
		return ST_NOMATCH;
	}
	if (nhits == 1 || (hits[0].rank == RANK_EXACT &&
	    hits[1].rank != RANK_EXACT)) {
		*row = hits[0].row;
		free(hits);
		return 0;
	}
	query = joined(terms, nterms);
	diag("'%s' matches %zu officials; name one of them:", query, nhits);
	for (i = 0; i < nhits; i++) {
		const char *org = store_field(st, hits[i].row, COL_ORG);

		name = store_name(st, hits[i].row);
		diag("  id %s: %s%s%s%s", store_field(st, hits[i].row, COL_ID),
		    name, *org ? " (" : "", org, *org ? ")" : "");
		free(name);
	}
	free(query);
	free(hits);
	return ST_AMBIGUOUS;
}
