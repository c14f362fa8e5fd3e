/* match.c: finds officials by name words, email address or phone number. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fold.h"
#include "index.h"
#include "match.h"
#include "phone.h"
#include "record.h"
#include "rules.h"
#include "store.h"

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
match_phone(struct records *rs, size_t row, const char *e164)
{
	const struct number *n;
	size_t i;

	for (i = 0; i < 2; i++) {
		n = record_number(rs, row, i ? COL_MOBILE : COL_PHONE);
		if (*n->raw != '\0' && n->why == NULL &&
		    strcmp(n->ph.e164, e164) == 0)
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

char *
match_joined(char *const *terms, size_t n)
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
	s = match_joined(terms, n);
	yes = phone_like(s);
	free(s);
	return yes;
}

static int
cmp_row(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The index's words a query word begins, and the one it is, if any. */
struct range {
	uint32_t lo, hi, exact;
};

/* rank_words() on the word numbers of the row's name. */
static enum rank
rank_ids(const struct index *ix, const struct range *q, size_t nq,
    size_t row)
{
	const uint32_t *w = ix->words + ix->row_words[row];
	size_t i, j, n = ix->row_words[row + 1] - ix->row_words[row];
	size_t whole = 0;
	int found, is_whole;

	for (i = 0; i < nq; i++) {
		found = is_whole = 0;
		for (j = 0; j < n; j++) {
			if (w[j] >= q[i].lo && w[j] < q[i].hi)
				found = 1;
			if (w[j] == q[i].exact)
				is_whole = 1;
		}
		if (!found)
			return 0;
		whole += is_whole;
	}
	if (whole == nq && nq == n)
		return RANK_EXACT;
	return whole == nq ? RANK_WORDS : RANK_PREFIX;
}

/*
 * Keeps the rows (ascending) that word w has: a walk along w's rows that
 * leaps ahead, as those are many and the rows few. Returns how many.
 */
static size_t
intersect(const struct index *ix, uint32_t w, uint32_t *rows, size_t n)
{
	const uint32_t *v = ix->rows + ix->word_rows[w];
	size_t nv = ix->word_rows[w + 1] - ix->word_rows[w];
	size_t i, j, at = 0, step, lo, hi, m;

	for (i = j = 0; i < n && at < nv; i++) {
		/* Leap until past rows[i], then halve back to it. */
		for (step = 1, lo = at; at < nv && v[at] < rows[i]; step *= 2) {
			lo = at + 1;
			at = at + step < nv ? at + step : nv;
		}
		for (hi = at; lo < hi; ) {
			m = lo + (hi - lo) / 2;
			if (v[m] < rows[i])
				lo = m + 1;
			else
				hi = m;
		}
		at = lo;
		if (at < nv && v[at] == rows[i])
			rows[j++] = rows[i];
	}
	return j;
}

/*
 * Rows whose name has a word beginning with each query word: a superset,
 * from the query word with the fewest; each word's range into *ranges.
 */
static uint32_t *
word_rows(const struct index *ix, const struct words *q, size_t *n,
    struct range **ranges)
{
	uint32_t lo, hi, best_lo = 0, best_hi = 0, *rows, i, j;
	size_t k, size, best = (size_t)-1;

	*ranges = xcalloc(q->n, sizeof(**ranges));
	for (k = 0; k < q->n; k++) {
		index_prefix(ix, q->w[k], &lo, &hi);
		(*ranges)[k].lo = lo;
		(*ranges)[k].hi = hi;
		(*ranges)[k].exact = lo < hi &&
		    strcmp(index_word(ix, lo), q->w[k]) == 0 ? lo : UINT32_MAX;
		size = ix->word_rows[hi] - ix->word_rows[lo];
		if (size < best) {
			best = size;
			best_lo = lo;
			best_hi = hi;
		}
	}
	if (best == (size_t)-1)
		best = 0;
	rows = xcalloc(best + 1, sizeof(*rows));
	memcpy(rows, ix->rows + ix->word_rows[best_lo], best * sizeof(*rows));
	if (best_hi - best_lo > 1) {
		qsort(rows, best, sizeof(*rows), cmp_row);
		for (i = j = 0; i < best; i++)
			if (j == 0 || rows[j - 1] != rows[i])
				rows[j++] = rows[i];
		best = j;
	}
	*n = best;
	/* The other query words, where their rows are few to look in. */
	for (k = 0; k < q->n; k++) {
		lo = (*ranges)[k].lo;
		hi = (*ranges)[k].hi;
		/* A few rows are ranked as cheaply as they are looked up. */
		if (lo != best_lo && hi - lo == 1 && *n > 4)
			*n = intersect(ix, lo, rows, *n);
	}
	return rows;
}

/*
 * An address query as users type it: "local@domain", "local@", "@domain",
 * or a dot-separated local part alone; lowercase, as addresses are
 * compared. local is matched as a prefix or a substring of an address's
 * local part, domain whole.
 */
struct addr_query {
	char *text;		/* the query, lowercase */
	const char *local;	/* "" for none */
	const char *domain;	/* NULL for none */
};

static int
addr_query(const char *term, struct addr_query *aq)
{
	const char *s;
	char *at;
	int dot = 0, letters = 0;

	if (strchr(term, '@') == NULL) {
		/*
		 * A local part alone: atext and dots, a dot between two, and a
		 * letter (050.324.8366 is a number).
		 */
		for (s = term; *s != '\0'; s++) {
			if (*s == '.') {
				if (s == term || s[1] == '\0' || s[1] == '.')
					return 0;
				dot = 1;
			} else if ((*s >= 'a' && *s <= 'z') ||
			    (*s >= 'A' && *s <= 'Z')) {
				letters = 1;
			} else if ((*s >= '0' && *s <= '9')) {
				continue;
			} else if (strchr("!#$%&'*+/=?^_`{|}~-", *s) == NULL) {
				return 0;
			}
		}
		if (!dot || !letters)
			return 0;
	}
	aq->text = xstrdup(term);
	for (at = aq->text; *at != '\0'; at++)
		if (*at >= 'A' && *at <= 'Z')
			*at = (char)(*at - 'A' + 'a');
	aq->local = aq->text;
	aq->domain = NULL;
	if ((at = strrchr(aq->text, '@')) != NULL) {
		*at = '\0';
		aq->domain = at + 1;
	}
	return 1;
}

/*
 * How addr (lowercase) answers the query: exact for the whole address, a
 * whole local part, a local part that begins so, one that holds it; 0 for
 * none. A domain given must be the address's own.
 */
static enum rank
rank_address(const struct addr_query *aq, const char *addr)
{
	const char *at = strrchr(addr, '@');
	size_t n = at != NULL ? (size_t)(at - addr) : strlen(addr);
	size_t k = strlen(aq->local);

	if (aq->domain != NULL && *aq->domain != '\0' &&
	    (at == NULL || strcmp(at + 1, aq->domain) != 0))
		return 0;
	if (k == 0)
		return aq->domain != NULL && *aq->domain != '\0' ?
		    RANK_PREFIX : 0;
	if (k == n && strncmp(addr, aq->local, n) == 0)
		return aq->domain != NULL && *aq->domain != '\0' ?
		    RANK_EXACT : RANK_WORDS;
	if (k < n && strncmp(addr, aq->local, k) == 0)
		return RANK_PREFIX;
	return memmem(addr, n, aq->local, k) != NULL ? RANK_PREFIX : 0;
}

/* Rows whose address, as the index keeps it, answers the query. */
static uint32_t *
address_rows(const struct index *ix, const struct addr_query *aq, size_t *n)
{
	uint32_t *rows = NULL, row;

	*n = 0;
	for (row = 0; row < ix->nrows; row++) {
		if (ix->row_addr[row] == 0 ||
		    rank_address(aq, ix->addr + ix->row_addr[row]) == 0)
			continue;
		if ((*n & (*n - 1)) == 0)
			rows = xreallocarray(rows, *n ? *n * 2 : 1,
			    sizeof(*rows));
		rows[(*n)++] = row;
	}
	return rows;
}

/* Rows with a number whose digits hold the number's last ones. */
static uint32_t *
number_rows(const struct index *ix, const struct phone *ph, size_t *n)
{
	const char *blob = ix->digits, *hit, *end;
	uint32_t *rows = NULL, a, b, m;
	char needle[8];
	size_t k = index_needle(ph->e164, ph->cclen, needle, sizeof(needle));

	*n = 0;
	if (ix->nrows == 0)
		return NULL;
	end = blob + ix->row_digits[ix->nrows - 1];
	end += strlen(end) + 1;
	end += strlen(end) + 1;
	for (hit = blob; (hit = memmem(hit, (size_t)(end - hit), needle, k)) !=
	    NULL; ) {
		/* The row whose digits hold the hit. */
		for (a = 0, b = ix->nrows; b - a > 1; ) {
			m = a + (b - a) / 2;
			if (ix->row_digits[m] <= (size_t)(hit - blob))
				a = m;
			else
				b = m;
		}
		rows = xreallocarray(rows, *n + 1, sizeof(*rows));
		rows[(*n)++] = a;
		if (a + 1 >= ix->nrows)
			break;
		hit = blob + ix->row_digits[a + 1];
	}
	return rows;
}

int
match_run(struct records *rs, const struct match_opts *mo,
    char *const *terms, size_t nterms, struct hit **hits, size_t *nhits,
    const char **why)
{
	const struct store *st = rs->st;
	const struct rules *r = rs->r;
	struct words q = { 0 }, extra;
	struct phone ph;
	char *query = match_joined(terms, nterms), *tmp;
	size_t row, k, n = store_count(st);
	uint32_t *cand = NULL;
	struct range *ranges = NULL;
	struct addr_query aq = { NULL, "", NULL };
	char *s;
	enum rank rank;
	int kind = 0, narrowed;

	*hits = NULL;
	*nhits = 0;
	*why = NULL;
	if (nterms == 1 && addr_query(terms[0], &aq)) {
		kind = '@';
	} else if (all_phone_like(terms, nterms)) {
		kind = '+';
		if (phone_parse(r, query, mo->region ? mo->region :
		    r->default_region, &ph, why, NULL) != 0) {
			free(query);
			return ST_NOMATCH;
		}
	} else if (fold_words(&q, query) != 0) {
		free(query);
		*why = "not valid UTF-8";
		return ST_USAGE;
	}
	/* The index narrows the rows to look at; the test below is the same. */
	if (rs->ix != NULL && kind == '@')
		cand = address_rows(rs->ix, &aq, &n);
	else if (rs->ix != NULL && kind == '+')
		cand = number_rows(rs->ix, &ph, &n);
	else if (rs->ix != NULL && q.n > 0 && !mo->all_fields)
		cand = word_rows(rs->ix, &q, &n, &ranges);
	/* No list of candidates, yet fewer rows: the index found none. */
	narrowed = cand != NULL;
	if (!narrowed && n != store_count(st))
		n = 0;
	/* The candidates' words are far apart: ask for them all at once. */
	for (k = 0; narrowed && ranges != NULL && k < n; k++)
		__builtin_prefetch(&rs->ix->row_words[cand[k]]);
	for (k = 0; narrowed && ranges != NULL && k < n; k++)
		__builtin_prefetch(&rs->ix->words[rs->ix->row_words[cand[k]]]);
	for (k = 0; k < n; k++) {
		row = narrowed ? cand[k] : k;
		rank = 0;
		if (kind == '@') {
			const struct email_info *e = record_email(rs, row);

			if (e->addr != NULL) {
				tmp = xstrdup(e->addr);
				for (s = tmp; *s != '\0'; s++)
					if (*s >= 'A' && *s <= 'Z')
						*s = (char)(*s - 'A' + 'a');
				rank = rank_address(&aq, tmp);
				free(tmp);
			}
		} else if (kind == '+') {
			if (match_phone(rs, row, ph.e164))
				rank = RANK_EXACT;
		} else if (q.n > 0) {
			if (mo->all_fields) {
				tmp = xasprintf("%s %s %s %s",
				    store_field(st, row, COL_TITLE),
				    store_field(st, row, COL_ORG),
				    store_field(st, row, COL_UNIT),
				    store_field(st, row, COL_NOTE));
				fold_words(&extra, tmp);
				free(tmp);
			}
			rank = ranges != NULL ?
			    rank_ids(rs->ix, ranges, q.n, row) :
			    rank_words(&q, record_words(rs, row),
			    mo->all_fields ? &extra : NULL);
			if (mo->all_fields)
				words_release(&extra);
		}
		if (rank == 0)
			continue;
		if ((*nhits & (*nhits - 1)) == 0)
			*hits = xreallocarray(*hits, *nhits ? *nhits * 2 : 1,
			    sizeof(**hits));
		(*hits)[*nhits].row = row;
		(*hits)[(*nhits)++].rank = rank;
	}
	words_release(&q);
	free(query);
	free(cand);
	free(ranges);
	free(aq.text);
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
match_suggest(struct records *rs, char *const *terms, size_t nterms,
    size_t *rows, size_t max)
{
	const struct index *ix = rs->ix;
	struct words q;
	const struct words *name = NULL;
	const uint32_t *ids = NULL;
	size_t row, i, j, k, n = 0, nw, nrows = store_count(rs->st);
	size_t *dist = xcalloc(max + 1, sizeof(*dist)), *wd = NULL;
	char *query = match_joined(terms, nterms);

	if (fold_words(&q, query) != 0 || q.n == 0) {
		words_release(&q);
		free(query);
		free(dist);
		return 0;
	}
	/* Names share words: each distinct word is measured once. */
	if (ix != NULL && q.n * ix->nwords <= (1 << 22)) {
		wd = xcalloc(q.n * ix->nwords + 1, sizeof(*wd));
		for (i = 0; i < q.n; i++)
			for (j = 0; j < ix->nwords; j++)
				wd[i * ix->nwords + j] = distance(q.w[i],
				    index_word(ix, (uint32_t)j));
	}
	for (row = 0; row < nrows; row++) {
		size_t total = 0, limit = 0;

		if (wd != NULL) {
			ids = ix->words + ix->row_words[row];
			nw = ix->row_words[row + 1] - ix->row_words[row];
		} else {
			name = record_words(rs, row);
			nw = name->n;
		}
		for (i = 0; i < q.n; i++) {
			size_t best = (size_t)-1;

			for (j = 0; j < nw; j++) {
				size_t d = wd != NULL ?
				    wd[i * ix->nwords + ids[j]] :
				    distance(q.w[i], name->w[j]);

				if (d < best)
					best = d;
			}
			total += best;
			limit += strlen(q.w[i]) <= 4 ? 1 : 2;
		}
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
	words_release(&q);
	free(query);
	free(dist);
	free(wd);
	return n;
}

int
match_pick(struct records *rs, const struct match_opts *mo,
    char *const *terms, size_t nterms, size_t *row, struct hit **hits,
    size_t *nhits, const char **why)
{
	int rc;

	*hits = NULL;
	if ((rc = match_run(rs, mo, terms, nterms, hits, nhits, why)) != 0)
		return rc;
	if (*nhits == 0) {
		rc = ST_NOMATCH;
	} else if (*nhits == 1 || ((*hits)[0].rank == RANK_EXACT &&
	    (*hits)[1].rank != RANK_EXACT)) {
		*row = (*hits)[0].row;
	} else {
		return ST_AMBIGUOUS;
	}
	free(*hits);
	*hits = NULL;
	return rc;
}
