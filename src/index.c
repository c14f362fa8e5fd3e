/* index.c: builds, saves, maps and checks the index of a CSV store. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unistring/version.h>

#include "diag.h"
#include "email.h"
#include "fold.h"
#include "hash.h"
#include "index.h"
#include "rules.h"
#include "store.h"
#include "table.h"

/* Changed whenever what is stored, or how it is derived, changes. */
#define INDEX_VERSION 1
#define MAGIC "CNTIDX\0\1"

enum section {
	S_ROW_START, S_ROW_LINE, S_ROW_WORDS, S_WORDS, S_ROW_FLAGS, S_ROW_ADDR,
	S_ADDR, S_ROW_DIGITS, S_DIGITS, S_WORD_TEXT, S_TEXT, S_WORD_ROWS,
	S_ROWS, S__COUNT
};

struct header {
	char magic[8];
	uint64_t env;		/* rules, binary, Unicode tables, layout */
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns;
	uint64_t content;	/* checksum of the store's bytes */
	uint64_t nrows, nwords;
	uint64_t head_start, head_end;
	uint64_t sec[S__COUNT][2];	/* offset and length of each */
	uint64_t body;		/* checksum of the bytes after the header */
	uint64_t self;		/* checksum of the header before this field */
};

/*
 * Valid UTF-8 without NUL, the way u8_check() and the store see it: 0 if
 * not, 2 if a character from U+0300 on (which NFC may change) is in it,
 * else 1.
 */
static int
utf8_ok(const unsigned char *s, size_t n)
{
	const unsigned char *end = s + n;
	uint64_t w;
	int high = 0;

	while (s < end) {
		if (end - s >= 8) {
			memcpy(&w, s, 8);
			if ((w & 0x8080808080808080ULL) == 0 &&
			    ((w - 0x0101010101010101ULL) & ~w &
			    0x8080808080808080ULL) == 0) {
				s += 8;
				continue;
			}
		}
		if (*s == 0)
			return 0;
		if (*s < 0x80) {
			s++;
		} else if (*s >= 0xc2 && *s <= 0xdf) {
			if (end - s < 2 || (s[1] & 0xc0) != 0x80)
				return 0;
			high |= *s >= 0xcc;
			s += 2;
		} else if (*s >= 0xe0 && *s <= 0xef) {
			high = 1;
			if (end - s < 3 || (s[1] & 0xc0) != 0x80 ||
			    (s[2] & 0xc0) != 0x80 ||
			    (*s == 0xe0 && s[1] < 0xa0) ||
			    (*s == 0xed && s[1] >= 0xa0))
				return 0;
			s += 3;
		} else if (*s >= 0xf0 && *s <= 0xf4) {
			high = 1;
			if (end - s < 4 || (s[1] & 0xc0) != 0x80 ||
			    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80 ||
			    (*s == 0xf0 && s[1] < 0x90) ||
			    (*s == 0xf4 && s[1] >= 0x90))
				return 0;
			s += 4;
		} else {
			return 0;
		}
	}
	return 1 + high;
}

/*
 * Bytes [from, to) of the store at buf, len bytes, are valid UTF-8 without
 * NUL, and every CR in them ends a line with LF: a CR alone ends a record
 * within a line for the CSV reader, and such stores are left to it. 0 if
 * not, else what utf8_ok() says: 2 if NFC may change some of the text.
 */
static int
clean(const char *buf, size_t len, size_t from, size_t to)
{
	const char *cr = buf + from, *end = buf + to;
	int ok;

	if ((ok = utf8_ok((const unsigned char *)buf + from, to - from)) == 0)
		return 0;
	for (; (cr = memchr(cr, '\r', (size_t)(end - cr))) != NULL; cr++)
		if (cr + 1 >= buf + len || cr[1] != '\n')
			return 0;
	return ok;
}

/*
 * RFC 4180 as the store reads it (libcsv, strict, no space trimmed): a
 * field is a (start, length) in buf, or in scratch for a quoted field.
 */
struct field {
	size_t off, len;
	int quoted;
};

struct scan {
	const char *buf;
	size_t len, pos, line;
	struct field *f;
	size_t nf, fcap;
	struct vec scratch;
	size_t rec_line;	/* where the record read last began */
	int too_long;		/* a field past STORE_MAX_FIELD was read */
};

static void
add_field(struct scan *sc, size_t off, size_t len, int quoted)
{
	if (len > STORE_MAX_FIELD)
		sc->too_long = 1;
	if (sc->nf == sc->fcap) {
		sc->fcap = sc->fcap ? sc->fcap * 2 : 16;
		sc->f = xreallocarray(sc->f, sc->fcap, sizeof(*sc->f));
	}
	sc->f[sc->nf].off = off;
	sc->f[sc->nf].len = len;
	sc->f[sc->nf++].quoted = quoted;
}

/* A quoted field from sc->pos (just past the quote); -1 if malformed. */
static int
quoted_field(struct scan *sc)
{
	const char *b = sc->buf, *q, *nl;
	size_t start = sc->scratch.len;

	for (;;) {
		q = memchr(b + sc->pos, '"', sc->len - sc->pos);
		if (q == NULL)
			return -1;	/* unterminated */
		for (nl = b + sc->pos; (nl = memchr(nl, '\n',
		    (size_t)(q - nl))) != NULL; nl++)
			sc->line++;
		vec_add(&sc->scratch, b + sc->pos, (size_t)(q - (b + sc->pos)));
		sc->pos = (size_t)(q - b) + 1;
		if (sc->pos < sc->len && b[sc->pos] == '"') {
			vec_add(&sc->scratch, "\"", 1);
			sc->pos++;
			continue;
		}
		break;
	}
	if (sc->pos < sc->len && b[sc->pos] != ',' && b[sc->pos] != '\n' &&
	    b[sc->pos] != '\r')
		return -1;
	add_field(sc, start, sc->scratch.len - start, 1);
	vec_add(&sc->scratch, "", 1);
	return 0;
}

/* Past blank lines to where a record begins: 1, or 0 at the end. */
static int
skip_blank(struct scan *sc)
{
	const char *b = sc->buf;

	while (sc->pos < sc->len && (b[sc->pos] == '\n' || b[sc->pos] == '\r')) {
		sc->line += b[sc->pos] == '\n';
		sc->pos++;
	}
	sc->rec_line = sc->line;
	return sc->pos < sc->len;
}

static int scan_fields(struct scan *);

/*
 * The next record into sc->f: 1, 0 at the end, -1 if malformed or with a
 * field the store refuses as too long.
 */
static int
scan_record(struct scan *sc)
{
	int rc;

	sc->too_long = 0;
	rc = scan_fields(sc);
	return rc == 1 && sc->too_long ? -1 : rc;
}

static int
scan_fields(struct scan *sc)
{
	const char *b = sc->buf, *nl, *q, *c, *comma;
	size_t end;

	sc->nf = 0;
	sc->scratch.len = 0;
	if (!skip_blank(sc))
		return 0;
	nl = memchr(b + sc->pos, '\n', sc->len - sc->pos);
	end = nl != NULL ? (size_t)(nl - b) : sc->len;
	q = memchr(b + sc->pos, '"', end - sc->pos);
	if (q == NULL) {
		/* The common line: no quote, split at commas. */
		size_t stop = end > sc->pos && b[end - 1] == '\r' ? end - 1 : end;

		for (c = b + sc->pos;; c = comma + 1) {
			comma = memchr(c, ',', (size_t)(b + stop - c));
			if (comma == NULL) {
				add_field(sc, (size_t)(c - b),
				    (size_t)(b + stop - c), 0);
				break;
			}
			add_field(sc, (size_t)(c - b), (size_t)(comma - c), 0);
		}
		sc->pos = end < sc->len ? end + 1 : end;
		if (nl != NULL)
			sc->line++;
		return 1;
	}
	for (;;) {
		if (sc->pos < sc->len && b[sc->pos] == '"') {
			sc->pos++;
			if (quoted_field(sc) != 0)
				return -1;
		} else {
			size_t start = sc->pos;

			/* The buffer ends in a NUL and holds no other. */
			sc->pos += strcspn(b + sc->pos, ",\n\r\"");
			if (sc->pos < sc->len && b[sc->pos] == '"')
				return -1;
			add_field(sc, start, sc->pos - start, 0);
		}
		if (sc->pos >= sc->len)
			return 1;
		if (b[sc->pos] == ',') {
			sc->pos++;
			continue;
		}
		if (b[sc->pos] == '\r')
			sc->pos++;
		if (sc->pos < sc->len && b[sc->pos] == '\n') {
			sc->pos++;
			sc->line++;
		}
		return 1;
	}
}

/*
 * Steps over the next record by quote parity alone, counting lines: 1, or
 * 0 at the end. Fast, and blind to malformed quoting: each part reads its
 * records again with scan_record(), which must end where this did.
 */
static int
next_record(struct scan *sc)
{
	const char *b = sc->buf, *nl, *q, *p;
	size_t end;
	int inq = 0;

	if (!skip_blank(sc))
		return 0;
	for (;;) {
		nl = memchr(b + sc->pos, '\n', sc->len - sc->pos);
		end = nl != NULL ? (size_t)(nl - b) : sc->len;
		for (p = b + sc->pos; (q = memchr(p, '"', (size_t)(b + end - p))) !=
		    NULL; p = q + 1)
			inq = !inq;
		if (nl == NULL) {
			sc->pos = sc->len;
			return 1;
		}
		sc->pos = end + 1;
		sc->line++;
		if (!inq)
			return 1;
	}
}

static const char *
field_ptr(const struct scan *sc, size_t i)
{
	const struct field *f = &sc->f[i];

	return f->quoted ? sc->scratch.p + f->off : sc->buf + f->off;
}

size_t
index_records(const char *buf, size_t len,
    void (*fn)(void *arg, const char *text, size_t textlen, size_t nfield),
    void *arg)
{
	struct scan sc;
	struct vec text = { 0 };
	size_t i, n = 0;

	memset(&sc, 0, sizeof(sc));
	sc.buf = buf;
	sc.len = len;
	sc.line = 1;
	while (scan_record(&sc) == 1) {
		text.len = 0;
		for (i = 0; i < sc.nf; i++) {
			vec_add(&text, field_ptr(&sc, i), sc.f[i].len);
			vec_add(&text, "", 1);
		}
		fn(arg, text.p, text.len, sc.nf);
		n++;
	}
	free(sc.f);
	free(sc.scratch.p);
	free(text.p);
	return n;
}

/*
 * A share of the rows, read, folded and derived by a thread of its own:
 * its own tables, its own output, merged after.
 */
struct part {
	const struct rules *r;
	pthread_mutex_t *rules_lock;	/* the rules' match data is shared */
	const char *buf;		/* the store, NUL-terminated */
	size_t len;
	const int *col;
	size_t ncol;
	const uint64_t *start;
	size_t nrows;
	size_t from, to;		/* its rows */
	int failed;
	int nfc;			/* its text may change under NFC */
	struct vec row_words;		/* u32: where each row's words begin */
	struct vec words;		/* u32: word numbers in dict */
	struct vec row_addr;		/* u32: offset into addr; 0 for none */
	struct vec addr;
	struct vec addr_hash;		/* u64: each row's address, hashed */
	struct vec row_digits;		/* u32: offset into digits */
	struct vec digits;
	struct table dict;		/* folded word -> its number */
	struct table memo;		/* a name part as written -> words */
	struct vec memo_words;
	struct table orgs;		/* organization and unit -> profile + 1 */
	struct ascii_memo *am;
	const char *cell[COL__COUNT];
	struct vec cells;		/* the text cell[] points into */
	struct vec key;			/* scratch */
};

static void
word_id(struct part *p, const char *w, size_t n)
{
	int isnew;
	struct slot *s = table_get(&p->dict, w, n, &isnew);

	if (isnew)
		s->val = (uint32_t)(p->dict.n - 1);
	vec_u32(&p->words, s->val);
}

static void
fold_into(struct part *p, const char *s)
{
	struct words ws;
	size_t i;

	(void)fold_words(&ws, s);
	for (i = 0; i < ws.n; i++)
		word_id(p, ws.w[i], strlen(ws.w[i]));
	words_release(&ws);
}

/* The words of one name part as written, folded once for all rows. */
static void
part_words(struct part *p, const char *s, size_t n)
{
	struct slot *sl;
	uint32_t *ids, k, at, cnt;
	size_t first = p->words.len / 4;
	char *copy;
	int isnew;

	sl = table_get(&p->memo, s, n, &isnew);
	if (isnew || sl->val == UINT32_MAX) {
		copy = xstrndup(s, n);
		fold_into(p, copy);
		free(copy);
		if (!isnew)
			return;
		at = (uint32_t)(p->memo_words.len / 4);
		cnt = (uint32_t)(p->words.len / 4 - first);
		/* A part's words are few: where and how many in one number. */
		if (cnt > 0xff || at > 0xffffff) {
			sl->val = UINT32_MAX;
			return;
		}
		vec_add(&p->memo_words, p->words.p + first * 4, cnt * 4);
		sl->val = at << 8 | cnt;
		return;
	}
	at = sl->val >> 8;
	cnt = sl->val & 0xff;
	ids = (uint32_t *)(void *)p->memo_words.p + at;
	for (k = 0; k < cnt; k++)
		vec_u32(&p->words, ids[k]);
}

/*
 * The folded words of "GIVEN FAMILY", as record_words() gives them. Folding
 * treats each part between spaces, hyphens and apostrophes alone, so parts
 * are folded once; a name with a control character is folded whole.
 */
static void
name_words(struct part *p)
{
	const char *g = p->cell[COL_GIVEN], *f = p->cell[COL_FAMILY], *s, *e;
	const char *half[2] = { g, f };
	size_t i, n;
	char *name;

	for (i = 0; i < 2; i++)
		for (s = half[i]; *s != '\0'; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				goto whole;
	for (i = 0; i < 2; i++) {
		for (s = half[i]; *s != '\0'; s = e) {
			s += strspn(s, " -'");
			n = strcspn(s, " -'");
			e = s + n;
			if (n > 0)
				part_words(p, s, n);
		}
	}
	return;
whole:
	name = xasprintf("%s%s%s", g, *g && *f ? " " : "", f);
	fold_into(p, name);
	free(name);
}

/* The address a row has, stored or derived, lowercase; NULL if none. */
static char *
address(struct part *p)
{
	const char *stored = p->cell[COL_EMAIL];
	const char *org = p->cell[COL_ORG], *unit = p->cell[COL_UNIT];
	const struct org_rule *o;
	struct slot *sl;
	char *a = NULL, *why = NULL, *s;
	int isnew;

	if (*stored != '\0') {
		a = xstrdup(stored);
	} else {
		p->key.len = 0;
		vec_add(&p->key, org, strlen(org));
		vec_add(&p->key, "\x1f", 1);
		vec_add(&p->key, unit, strlen(unit));
		sl = table_get(&p->orgs, p->key.p, p->key.len, &isnew);
		if (isnew) {
			pthread_mutex_lock(p->rules_lock);
			o = rules_org(p->r, org, unit);
			pthread_mutex_unlock(p->rules_lock);
			sl->val = o == NULL ? 0 : (uint32_t)(o - p->r->org) + 1;
		}
		if (sl->val == 0)
			return NULL;
		o = &p->r->org[sl->val - 1];
		if (email_derive_memo(p->r, o, p->cell[COL_GIVEN],
		    p->cell[COL_FAMILY], p->am, &a, &why) != 0) {
			free(why);
			return NULL;
		}
	}
	for (s = a; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	return a;
}

/* The decimal digits of a number as written, Unicode digits folded. */
static void
number_digits(struct part *p, const char *raw)
{
	char *folded = NULL, d[64];
	const char *s;
	size_t n = 0;

	for (s = raw; *s != '\0' && !(*s & 0x80); s++)
		;
	if (*s != '\0' && (folded = fold_phone(raw)) != NULL)
		raw = folded;
	for (s = raw; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			d[n++] = *s;
		if (n == sizeof(d)) {
			vec_add(&p->digits, d, n);
			n = 0;
		}
	}
	d[n++] = '\0';
	vec_add(&p->digits, d, n);
	free(folded);
}

/* Reads, folds and derives one row from the fields sc holds. */
static int
add_row(struct part *p, struct scan *sc)
{
	static const enum column used[] = { COL_GIVEN, COL_FAMILY, COL_ORG,
	    COL_UNIT, COL_EMAIL, COL_PHONE, COL_MOBILE };
	uint64_t h = 0;
	size_t k, i, nfclen;
	char *a, *nfc;
	int c;

	size_t at[sizeof(used) / sizeof(used[0])];

	if (sc->nf > p->ncol)
		return -1;
	/* The fields used, copied and ended: the store's bytes stay as read. */
	p->cells.len = 0;
	for (k = 0; k < sizeof(used) / sizeof(used[0]); k++) {
		c = p->col[used[k]];
		i = c < 0 ? (size_t)-1 : (size_t)c;
		at[k] = p->cells.len;
		/* Only a part with text from U+0300 on is worth composing. */
		if (p->nfc && i < sc->nf && (nfc = fold_nfc(field_ptr(sc, i),
		    sc->f[i].len, &nfclen)) != NULL) {
			vec_add(&p->cells, nfc, nfclen);
			free(nfc);
		} else if (i < sc->nf) {
			vec_add(&p->cells, field_ptr(sc, i), sc->f[i].len);
		}
		vec_add(&p->cells, "", 1);
	}
	for (k = 0; k < sizeof(used) / sizeof(used[0]); k++)
		p->cell[used[k]] = p->cells.p + at[k];
	if (*p->cell[COL_GIVEN] == '\0' && *p->cell[COL_FAMILY] == '\0')
		return -1;
	vec_u32(&p->row_words, (uint32_t)(p->words.len / 4));
	name_words(p);
	if ((a = address(p)) != NULL) {
		vec_u32(&p->row_addr, (uint32_t)p->addr.len);
		vec_add(&p->addr, a, strlen(a) + 1);
		h = table_hash(a, strlen(a));
		free(a);
	} else {
		vec_u32(&p->row_addr, 0);
	}
	vec_add(&p->addr_hash, &h, sizeof(h));
	vec_u32(&p->row_digits, (uint32_t)p->digits.len);
	number_digits(p, p->cell[COL_PHONE]);
	number_digits(p, p->cell[COL_MOBILE]);
	if (p->words.len / 4 > UINT32_MAX / 4 || p->addr.len > UINT32_MAX / 4 ||
	    p->digits.len > UINT32_MAX / 4)
		return -1;
	return 0;
}

static void *
run_part(void *arg)
{
	struct part *p = arg;
	struct scan sc;
	size_t row;

	memset(&sc, 0, sizeof(sc));
	sc.buf = p->buf;
	sc.len = p->len;
	/* Offset 0 of the addresses means none. */
	vec_add(&p->addr, "", 1);
	switch (clean(p->buf, p->len, p->start[p->from], p->start[p->to])) {
	case 0:
		p->failed = 1;
		break;
	case 2:
		p->nfc = 1;
		break;
	}
	for (row = p->from; row < p->to && !p->failed; row++) {
		sc.pos = p->start[row];
		/* Each record ends where the count of quotes said it would. */
		if (scan_record(&sc) != 1 || add_row(p, &sc) != 0 ||
		    (row + 1 < p->nrows ? sc.pos != p->start[row + 1] :
		    scan_record(&sc) != 0))
			p->failed = 1;
	}
	free(sc.f);
	free(sc.scratch.p);
	return NULL;
}

static void
part_release(struct part *p)
{
	struct vec *v[] = { &p->row_words, &p->words, &p->row_addr, &p->addr,
	    &p->addr_hash, &p->row_digits, &p->digits, &p->memo_words,
	    &p->key, &p->cells };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		free(v[i]->p);
	table_release(&p->dict);
	table_release(&p->memo);
	table_release(&p->orgs);
	ascii_memo_free(p->am);
}

/* Known columns from the header; -1 for one the store would refuse. */
static int
header_cols(int *col, struct scan *sc)
{
	struct table seen;
	size_t i;
	int c, isnew, rc = 0;

	for (i = 0; i < COL__COUNT; i++)
		col[i] = -1;
	table_init(&seen, 64);
	for (i = 0; i < sc->nf && rc == 0; i++) {
		char *name = xstrndup(field_ptr(sc, i), sc->f[i].len);

		if ((c = column_named(name)) >= 0) {
			if (col[c] >= 0)
				rc = -1;
			col[c] = (int)i;
		} else {
			table_get(&seen, name, strlen(name), &isnew);
			if (!isnew)
				rc = -1;
		}
		free(name);
	}
	table_release(&seen);
	if (col[COL_GIVEN] < 0 && col[COL_FAMILY] < 0)
		rc = -1;
	return rc;
}

/* The index's parts, gathered: what is written after the header. */
struct whole {
	uint32_t nrows;
	struct vec start, line;
	struct vec row_words, words, flags, row_addr, addr, row_digits;
	struct vec digits, word_text, text, word_rows, rows;
};

static void
whole_release(struct whole *w)
{
	struct vec *v[] = { &w->start, &w->line, &w->row_words, &w->words,
	    &w->flags, &w->row_addr, &w->addr, &w->row_digits, &w->digits,
	    &w->word_text, &w->text, &w->word_rows, &w->rows };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		free(v[i]->p);
}

/* Appends n u32 values, each plus add (0 stays 0 if keep0). */
static void
append_u32(struct vec *to, const struct vec *from, uint32_t add, int keep0)
{
	const uint32_t *v = (const uint32_t *)(const void *)from->p;
	size_t i, n = from->len / 4;
	uint32_t x;

	for (i = 0; i < n; i++) {
		x = v[i];
		if (!(keep0 && x == 0))
			x += add;
		vec_u32(to, x);
	}
}

struct addr_row {
	uint64_t hash;
	uint32_t row;
};

/* By checksum: four passes of a radix sort over 16 bits each. */
static void
sort_by_hash(struct addr_row *v, size_t n)
{
	struct addr_row *tmp = xcalloc(n + 1, sizeof(*tmp)), *from = v;
	struct addr_row *to = tmp, *t;
	size_t *count = xcalloc(65536, sizeof(*count)), i, sum, c;
	int shift;

	for (shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (i = 0; i < n; i++)
			count[(from[i].hash >> shift) & 0xffff]++;
		for (i = sum = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i].hash >> shift) & 0xffff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* An even number of passes: the sorted rows are back in v. */
	free(tmp);
	free(count);
}

static int
cmp_addr(const void *x, const void *y, void *arg)
{
	const struct whole *w = arg;
	const uint32_t *ra = (const uint32_t *)(const void *)w->row_addr.p;
	const struct addr_row *a = x, *b = y;

	return strcmp(w->addr.p + ra[a->row], w->addr.p + ra[b->row]);
}

/* The flag on every address that more than one row has. */
static void
collisions(struct whole *w, const struct part *parts, size_t nparts)
{
	struct addr_row *v = xcalloc(w->nrows + 1, sizeof(*v));
	const uint32_t *ra = (const uint32_t *)(const void *)w->row_addr.p;
	const uint64_t *h;
	size_t i, j, k, m, n = 0, row = 0;

	for (k = 0; k < nparts; k++) {
		h = (const uint64_t *)(const void *)parts[k].addr_hash.p;
		for (i = 0; i < parts[k].to - parts[k].from; i++, row++)
			if (ra[row] != 0) {
				v[n].hash = h[i];
				v[n++].row = (uint32_t)row;
			}
	}
	sort_by_hash(v, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].hash == v[i].hash; j++)
			;
		if (j - i == 1)
			continue;
		/* Equal checksums: the addresses themselves decide. */
		qsort_r(v + i, j - i, sizeof(*v), cmp_addr, w);
		for (k = i; k < j; k = m) {
			for (m = k + 1; m < j && cmp_addr(&v[k], &v[m], w) == 0;
			    m++)
				;
			if (m - k > 1)
				for (; k < m; k++)
					w->flags.p[v[k].row] |= INDEX_COLLISION;
		}
	}
	free(v);
}

struct collisions_job {
	struct whole *w;
	const struct part *parts;
	size_t nparts;
};

static void *
run_collisions(void *arg)
{
	struct collisions_job *job = arg;

	collisions(job->w, job->parts, job->nparts);
	return NULL;
}

static int
cmp_text(const void *x, const void *y, void *arg)
{
	const char *arena = arg;
	const struct slot *a = *(const struct slot *const *)x;
	const struct slot *b = *(const struct slot *const *)y;

	return strcmp(arena + a->off, arena + b->off);
}

/* The parts' words in one sorted list, and each word's rows. */
static void
dictionary(struct whole *w, struct part *parts, size_t nparts)
{
	struct table *dict = &parts[0].dict;
	size_t nw, i, j, k, n;
	struct slot **sorted, *sl;
	uint32_t *remap, *rank, *wr, *fill, *words, *rw, *rows;
	uint32_t base;
	int isnew;

	/* Every part's word numbers, made the first part's. */
	for (k = 0; k < nparts; k++) {
		remap = xcalloc(parts[k].dict.n + 1, sizeof(*remap));
		for (i = 0; k > 0 && i < parts[k].dict.cap; i++) {
			struct slot *s = &parts[k].dict.s[i];

			if (s->len == UINT32_MAX)
				continue;
			sl = table_get(dict, parts[k].dict.arena.p + s->off,
			    s->len, &isnew);
			if (isnew)
				sl->val = (uint32_t)(dict->n - 1);
			remap[s->val] = sl->val;
		}
		base = (uint32_t)(w->words.len / 4);
		append_u32(&w->row_words, &parts[k].row_words, base, 0);
		words = (uint32_t *)(void *)parts[k].words.p;
		for (i = 0; i < parts[k].words.len / 4; i++)
			vec_u32(&w->words, k > 0 ? remap[words[i]] : words[i]);
		free(remap);
	}
	vec_u32(&w->row_words, (uint32_t)(w->words.len / 4));
	nw = dict->n;
	sorted = xcalloc(nw + 1, sizeof(*sorted));
	rank = xcalloc(nw + 1, sizeof(*rank));
	for (i = j = 0; i < dict->cap; i++)
		if (dict->s[i].len != UINT32_MAX)
			sorted[j++] = &dict->s[i];
	qsort_r(sorted, nw, sizeof(*sorted), cmp_text, dict->arena.p);
	vec_add(&w->text, "", 1);
	for (i = 0; i < nw; i++) {
		rank[sorted[i]->val] = (uint32_t)i;
		vec_u32(&w->word_text, (uint32_t)w->text.len);
		vec_add(&w->text, dict->arena.p + sorted[i]->off,
		    sorted[i]->len + 1);
	}
	words = (uint32_t *)(void *)w->words.p;
	for (i = 0; i < w->words.len / 4; i++)
		words[i] = rank[words[i]];
	/* Each word's rows, counted then placed; a row once per word. */
	rw = (uint32_t *)(void *)w->row_words.p;
	wr = xcalloc(nw + 2, sizeof(*wr));
	fill = xcalloc(nw + 1, sizeof(*fill));
	for (i = 0; i < nw; i++)
		fill[i] = UINT32_MAX;
	for (i = 0; i < w->nrows; i++)
		for (k = rw[i]; k < rw[i + 1]; k++)
			if (fill[words[k]] != i) {
				fill[words[k]] = (uint32_t)i;
				wr[words[k] + 1]++;
			}
	for (i = 0; i < nw; i++)
		wr[i + 1] += wr[i];
	n = wr[nw];
	rows = xcalloc(n + 1, sizeof(*rows));
	memcpy(fill, wr, nw * sizeof(*fill));
	for (i = 0; i < nw; i++)
		rank[i] = UINT32_MAX;
	for (i = 0; i < w->nrows; i++)
		for (k = rw[i]; k < rw[i + 1]; k++)
			if (rank[words[k]] != i) {
				rank[words[k]] = (uint32_t)i;
				rows[fill[words[k]]++] = (uint32_t)i;
			}
	vec_add(&w->word_rows, wr, (nw + 1) * sizeof(*wr));
	vec_add(&w->rows, rows, n * sizeof(*rows));
	free(sorted);
	free(rank);
	free(wr);
	free(fill);
	free(rows);
}

/* The parts, in row order, as one index. */
static void
merge(struct whole *w, struct part *parts, size_t nparts)
{
	struct collisions_job job;
	pthread_t tid;
	size_t k;
	uint32_t base;

	vec_add(&w->addr, "", 1);
	for (k = 0; k < nparts; k++) {
		/* Each part's addresses begin with its own empty string. */
		base = (uint32_t)w->addr.len;
		append_u32(&w->row_addr, &parts[k].row_addr, base - 1, 1);
		vec_add(&w->addr, parts[k].addr.p + 1, parts[k].addr.len - 1);
		base = (uint32_t)w->digits.len;
		append_u32(&w->row_digits, &parts[k].row_digits, base, 0);
		vec_add(&w->digits, parts[k].digits.p, parts[k].digits.len);
	}
	w->flags.p = xcalloc(w->nrows + 1, 1);
	w->flags.len = w->nrows;
	w->flags.cap = w->nrows + 1;
	/* Addresses and words are apart: one thread each. */
	job.w = w;
	job.parts = parts;
	job.nparts = nparts;
	if (nparts > 1 && pthread_create(&tid, NULL, run_collisions,
	    &job) == 0) {
		dictionary(w, parts, nparts);
		pthread_join(tid, NULL);
	} else {
		collisions(w, parts, nparts);
		dictionary(w, parts, nparts);
	}
}

static void
sections(const struct whole *w, const struct vec *sec[S__COUNT])
{
	sec[S_ROW_START] = &w->start;
	sec[S_ROW_LINE] = &w->line;
	sec[S_ROW_WORDS] = &w->row_words;
	sec[S_WORDS] = &w->words;
	sec[S_ROW_FLAGS] = &w->flags;
	sec[S_ROW_ADDR] = &w->row_addr;
	sec[S_ADDR] = &w->addr;
	sec[S_ROW_DIGITS] = &w->row_digits;
	sec[S_DIGITS] = &w->digits;
	sec[S_WORD_TEXT] = &w->word_text;
	sec[S_TEXT] = &w->text;
	sec[S_WORD_ROWS] = &w->word_rows;
	sec[S_ROWS] = &w->rows;
}

static const char zeros[8];

/* Where each section goes after the header, and the checksums; the size. */
static size_t
lay_out(const struct whole *w, struct header *h)
{
	const struct vec *sec[S__COUNT];
	size_t off = sizeof(*h), i;
	struct hash sum;

	sections(w, sec);
	hash_init(&sum, 0);
	for (i = 0; i < S__COUNT; i++) {
		h->sec[i][0] = off;
		h->sec[i][1] = sec[i]->len;
		off += (sec[i]->len + 7) & ~(size_t)7;
		hash_add(&sum, sec[i]->p, sec[i]->len);
		hash_add(&sum, zeros, -sec[i]->len & 7);
	}
	h->nrows = w->nrows;
	h->nwords = w->word_text.len / 4;
	h->body = hash_end(&sum);
	h->self = hash_bytes(h, offsetof(struct header, self), 0);
	return off;
}

/* The index in one buffer, for when it could not be saved and mapped. */
static void *
assemble(const struct whole *w, const struct header *h, size_t len)
{
	const struct vec *sec[S__COUNT];
	char *mem = xcalloc(1, len);
	size_t i;

	sections(w, sec);
	memcpy(mem, h, sizeof(*h));
	for (i = 0; i < S__COUNT; i++)
		if (sec[i]->len > 0)
			memcpy(mem + h->sec[i][0], sec[i]->p, sec[i]->len);
	return mem;
}

/* Below this many rows one thread does all. */
#define ROWS_PER_THREAD 20000
#define MAX_PARTS 4

/*
 * The index of len bytes at buf (a NUL after them, no other) into w, and
 * its header's fields into h. -1 if the store would not be read cleanly:
 * then it is read the usual way, which says why.
 */
static int
build(const struct rules *r, const char *buf, size_t len, struct header *h,
    struct whole *w)
{
	struct part parts[MAX_PARTS];
	pthread_t tid[MAX_PARTS];
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct scan sc;
	int col[COL__COUNT], started[MAX_PARTS], failed = 1;
	size_t nparts, k, nrows, ncol;
	uint64_t at;
	long cpus;

	memset(&sc, 0, sizeof(sc));
	sc.buf = buf;
	sc.len = len;
	sc.line = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		sc.pos = 3;
	h->head_start = sc.pos;
	/* Past the store's limits the CSV reader says what is wrong. */
	if (scan_record(&sc) != 1 || sc.nf > STORE_MAX_COLUMNS ||
	    sc.pos > STORE_MAX_RECORD || header_cols(col, &sc) != 0)
		goto out;
	h->head_end = sc.pos;
	ncol = sc.nf;
	/* Where each row begins and its line: the rest is done in parts. */
	for (;;) {
		at = sc.pos;
		if (next_record(&sc) == 0)
			break;
		if (sc.pos - at > STORE_MAX_RECORD || sc.rec_line > UINT32_MAX ||
		    w->start.len / 8 >= UINT32_MAX - 1)
			goto out;
		vec_add(&w->start, &at, sizeof(at));
		vec_u32(&w->line, (uint32_t)sc.rec_line);
	}
	nrows = w->start.len / 8;
	/* What follows the last row belongs to it, as it is read. */
	at = len;
	vec_add(&w->start, &at, sizeof(at));
	/* The header and what precedes the rows; the parts check theirs. */
	if (!clean(buf, len, 0, (size_t)((uint64_t *)(void *)w->start.p)[0]))
		goto out;
	w->nrows = (uint32_t)nrows;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	nparts = nrows / ROWS_PER_THREAD + 1;
	if (cpus > 0 && nparts > (size_t)cpus)
		nparts = (size_t)cpus;
	if (nparts > MAX_PARTS)
		nparts = MAX_PARTS;
	memset(parts, 0, sizeof(parts));
	for (k = 0; k < nparts; k++) {
		parts[k].r = r;
		parts[k].rules_lock = &lock;
		parts[k].buf = buf;
		parts[k].len = len;
		parts[k].col = col;
		parts[k].ncol = ncol;
		parts[k].start = (const uint64_t *)(void *)w->start.p;
		parts[k].nrows = nrows;
		parts[k].from = nrows * k / nparts;
		parts[k].to = nrows * (k + 1) / nparts;
		table_init(&parts[k].dict, 1 << 14);
		table_init(&parts[k].memo, 1 << 14);
		table_init(&parts[k].orgs, 1 << 8);
		parts[k].am = ascii_memo_new();
	}
	for (k = 1; k < nparts; k++) {
		started[k] = pthread_create(&tid[k], NULL, run_part,
		    &parts[k]) == 0;
		if (!started[k])
			run_part(&parts[k]);
	}
	run_part(&parts[0]);
	for (k = 1; k < nparts; k++)
		if (started[k])
			pthread_join(tid[k], NULL);
	for (k = failed = 0; k < nparts; k++)
		failed |= parts[k].failed;
	if (!failed)
		merge(w, parts, nparts);
	for (k = 0; k < nparts; k++)
		part_release(&parts[k]);
out:
	free(sc.f);
	free(sc.scratch.p);
	return failed ? -1 : 0;
}

/* Points ix into mem after checking the header's sections fit. */
static int
attach(struct index *ix, void *mem, size_t len)
{
	const struct header *h = mem;
	const char *p = mem;
	size_t i, nrows, nw;
	static const size_t unit[S__COUNT] = {
		[S_ROW_START] = 8, [S_ROW_LINE] = 4, [S_ROW_WORDS] = 4,
		[S_WORDS] = 4, [S_ROW_FLAGS] = 1, [S_ROW_ADDR] = 4,
		[S_ADDR] = 1, [S_ROW_DIGITS] = 4, [S_DIGITS] = 1,
		[S_WORD_TEXT] = 4, [S_TEXT] = 1, [S_WORD_ROWS] = 4,
		[S_ROWS] = 4,
	};

	if (len < sizeof(*h) || h->nrows >= UINT32_MAX ||
	    h->nwords >= UINT32_MAX)
		return -1;
	nrows = h->nrows;
	nw = h->nwords;
	for (i = 0; i < S__COUNT; i++)
		if (h->sec[i][0] < sizeof(*h) || h->sec[i][0] % 8 != 0 ||
		    h->sec[i][0] > len || h->sec[i][1] > len - h->sec[i][0] ||
		    h->sec[i][1] % unit[i] != 0)
			return -1;
	if (h->sec[S_ROW_START][1] != (nrows + 1) * 8 ||
	    h->sec[S_ROW_LINE][1] != nrows * 4 ||
	    h->sec[S_ROW_WORDS][1] != (nrows + 1) * 4 ||
	    h->sec[S_ROW_FLAGS][1] != nrows ||
	    h->sec[S_ROW_ADDR][1] != nrows * 4 ||
	    h->sec[S_ROW_DIGITS][1] != nrows * 4 ||
	    h->sec[S_WORD_TEXT][1] != nw * 4 ||
	    h->sec[S_WORD_ROWS][1] != (nw + 1) * 4 ||
	    h->sec[S_TEXT][1] == 0)
		return -1;
	ix->nrows = (uint32_t)nrows;
	ix->nwords = (uint32_t)nw;
	ix->head_start = h->head_start;
	ix->head_end = h->head_end;
#define AT(s) ((const void *)(p + h->sec[s][0]))
	ix->row_start = AT(S_ROW_START);
	ix->row_line = AT(S_ROW_LINE);
	ix->row_words = AT(S_ROW_WORDS);
	ix->words = AT(S_WORDS);
	ix->row_flags = AT(S_ROW_FLAGS);
	ix->row_addr = AT(S_ROW_ADDR);
	ix->addr = AT(S_ADDR);
	ix->row_digits = AT(S_ROW_DIGITS);
	ix->digits = AT(S_DIGITS);
	ix->word_text = AT(S_WORD_TEXT);
	ix->text = AT(S_TEXT);
	ix->word_rows = AT(S_WORD_ROWS);
	ix->rows = AT(S_ROWS);
#undef AT
	ix->mem = mem;
	ix->memlen = len;
	return 0;
}

/* What else the index depends on: the rules, this binary, Unicode tables. */
static uint64_t
environment(const struct rules *r)
{
	struct stat sb;
	uint64_t v[8] = { INDEX_VERSION, sizeof(struct header), 0x0102030405060708ULL,
	    r->digest, (uint64_t)_libunistring_version, 0, 0, 0 };

	if (stat("/proc/self/exe", &sb) == 0) {
		v[5] = (uint64_t)sb.st_ino ^ (uint64_t)sb.st_dev << 32;
		v[6] = (uint64_t)sb.st_size;
		v[7] = (uint64_t)sb.st_mtim.tv_sec * 1000000000ULL +
		    (uint64_t)sb.st_mtim.tv_nsec;
	}
	return hash_bytes(v, sizeof(v), 0);
}

size_t
index_read(int fd, char *buf, size_t n, uint64_t off)
{
	size_t got = 0;
	ssize_t k;

	while (got < n) {
		k = pread(fd, buf + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return got;
}

/*
 * Bytes [off, off + n) of fd into buf + off, a piece at a time. A whole
 * piece with no line end in it means a line longer than STORE_MAX_RECORD:
 * both readers stop (*stop), and the CSV reader says where, having read no
 * more than that line.
 */
struct read_job {
	int fd;
	char *buf;
	size_t off, n, got;
	int *stop;
};

static void *
run_read(void *arg)
{
	enum { PIECE = STORE_MAX_RECORD };
	struct read_job *j = arg;
	size_t k, want;

	for (j->got = 0; j->got < j->n &&
	    !__atomic_load_n(j->stop, __ATOMIC_RELAXED); j->got += k) {
		want = j->n - j->got < PIECE ? j->n - j->got : PIECE;
		k = index_read(j->fd, j->buf + j->off + j->got, want,
		    j->off + j->got);
		if (k != want)
			break;
		if (k == PIECE && memchr(j->buf + j->off + j->got, '\n',
		    k) == NULL)
			__atomic_store_n(j->stop, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/*
 * Reads the size bytes of fd into a fresh mapping of size + 1 (*cap)
 * bytes, so a NUL follows them; two threads share the copying. NULL if it
 * cannot, or if fd no longer has size bytes.
 */
static char *
read_all(int fd, size_t size, size_t *cap)
{
	struct read_job job[2];
	pthread_t tid;
	char *buf, extra;
	int stop = 0, started;

	*cap = size + 1;
	buf = mmap(NULL, *cap, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return NULL;
	memset(job, 0, sizeof(job));
	job[0].fd = job[1].fd = fd;
	job[0].buf = job[1].buf = buf;
	job[0].stop = job[1].stop = &stop;
	job[0].n = size / 2;
	job[1].off = size / 2;
	job[1].n = size - size / 2;
	started = pthread_create(&tid, NULL, run_read, &job[1]) == 0;
	run_read(&job[0]);
	if (started)
		pthread_join(tid, NULL);
	else
		run_read(&job[1]);
	/* Grown since: the next call will see its new size and time. */
	if (job[0].got != job[0].n || job[1].got != job[1].n ||
	    pread(fd, &extra, 1, (off_t)size) != 0) {
		munmap(buf, *cap);
		return NULL;
	}
	return buf;
}

struct checksum_job {
	const char *buf;
	size_t len;
	uint64_t sum;
};

static void *
run_checksum(void *arg)
{
	struct checksum_job *job = arg;

	job->sum = hash_bytes(job->buf, job->len, 0);
	return NULL;
}

/* The checksum of fd's bytes from off on, read in pieces; -1 on error. */
static int
checksum(int fd, off_t off, uint64_t *sum, uint64_t *total)
{
	enum { PIECE = 1 << 18 };
	char *piece = xmalloc(PIECE);
	struct hash h;
	ssize_t n;

	hash_init(&h, 0);
	*total = 0;
	for (;;) {
		n = pread(fd, piece, PIECE, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		hash_add(&h, piece, (size_t)n);
		off += n;
		*total += (uint64_t)n;
	}
	free(piece);
	*sum = hash_end(&h);
	return n < 0 ? -1 : 0;
}

/* The cache file of the store at path: one per store. */
static char *
cache_file(const char *dir, const char *path)
{
	char *real = realpath(path, NULL);
	const char *key = real != NULL ? real : path;
	char *f;

	f = xasprintf("%s/%016llx.idx", dir,
	    (unsigned long long)hash_bytes(key, strlen(key), 0));
	free(real);
	return f;
}

/* The saved index at file, if it is whole and answers for h's store. */
static int
load(struct index *ix, const char *file, const struct header *want, int sfd)
{
	struct header h;
	struct stat sb;
	uint64_t sum, total;
	void *mem;
	int fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    memcmp(h.magic, MAGIC, 8) != 0 ||
	    h.self != hash_bytes(&h, offsetof(struct header, self), 0) ||
	    h.env != want->env || h.dev != want->dev || h.ino != want->ino ||
	    h.size != want->size || h.mtime_s != want->mtime_s ||
	    h.mtime_ns != want->mtime_ns)
		goto fail;
	/* Whole, as written: a torn or damaged file is never trusted. */
	if (checksum(fd, sizeof(h), &sum, &total) != 0 || sum != h.body ||
	    total != (uint64_t)sb.st_size - sizeof(h))
		goto fail;
	/* The store's bytes, unchanged even where its times are not. */
	if (checksum(sfd, 0, &sum, &total) != 0 || sum != h.content ||
	    total != h.size)
		goto fail;
	mem = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (mem == MAP_FAILED)
		return -1;
	if (attach(ix, mem, (size_t)sb.st_size) != 0) {
		munmap(mem, (size_t)sb.st_size);
		return -1;
	}
	ix->mapped = 1;
	return 0;
fail:
	close(fd);
	return -1;
}

static int
make_dir(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Writes n bytes; -1 on a short write. */
static int
put(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t k;

	while (n > 0) {
		k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* A save older than this was cut short by a kill: its file is litter. */
#define STALE_SECONDS 3600

/* Removes the temporary files of saves long dead. */
static void
remove_stale(const char *dir)
{
	struct dirent *e;
	struct stat sb;
	DIR *d;
	char *p;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, ".tmp.", 5) != 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_mtime < time(NULL) - STALE_SECONDS)
			(void)unlink(p);
		free(p);
	}
	closedir(d);
}

/* Saves the index as file, whole or not at all; 0 if it was saved. */
static int
save(const char *dir, const char *file, const struct header *h,
    const struct whole *w)
{
	const struct vec *sec[S__COUNT];
	char *tmp;
	size_t i;
	int fd, rc;

	if (make_dir(dir) != 0)
		return -1;
	remove_stale(dir);
	tmp = xasprintf("%s/.tmp.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return -1;
	}
	sections(w, sec);
	rc = put(fd, h, sizeof(*h));
	for (i = 0; i < S__COUNT && rc == 0; i++)
		if ((rc = put(fd, sec[i]->p, sec[i]->len)) == 0)
			rc = put(fd, zeros, -sec[i]->len & 7);
	if (close(fd) != 0 || rc != 0 || rename(tmp, file) != 0) {
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/* Maps the index just saved, if it is still the one with header h. */
static int
map_saved(struct index *ix, const char *file, const struct header *h,
    size_t len)
{
	struct stat sb;
	void *mem;
	int fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || (size_t)sb.st_size != len) {
		close(fd);
		return -1;
	}
	mem = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (mem == MAP_FAILED)
		return -1;
	/* Another call may have saved one for other bytes since. */
	if (memcmp(mem, h, sizeof(*h)) != 0 || attach(ix, mem, len) != 0) {
		munmap(mem, len);
		return -1;
	}
	ix->mapped = 1;
	return 0;
}

int
index_open(struct index **ixp, const char *path, const struct rules *r,
    const char *dir)
{
	struct index *ix = xcalloc(1, sizeof(*ix));
	struct header h;
	struct stat sb;
	struct whole w;
	struct checksum_job sum;
	pthread_t tid;
	char *file = NULL, *buf;
	size_t len, cap, memlen = 0;
	int summing;
	void *mem;
	int rc;

	*ixp = NULL;
	ix->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (ix->fd < 0 || fstat(ix->fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		goto fail;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.env = environment(r);
	h.dev = (uint64_t)sb.st_dev;
	h.ino = (uint64_t)sb.st_ino;
	h.size = (uint64_t)sb.st_size;
	h.mtime_s = (int64_t)sb.st_mtim.tv_sec;
	h.mtime_ns = (int64_t)sb.st_mtim.tv_nsec;
	if (dir != NULL) {
		file = cache_file(dir, path);
		if (load(ix, file, &h, ix->fd) == 0) {
			free(file);
			*ixp = ix;
			return 0;
		}
	}
	/* Changed while it was read: the file's times will say so next time. */
	len = (size_t)sb.st_size;
	if (len > STORE_MAX_BYTES)
		goto fail;
	if ((buf = read_all(ix->fd, len, &cap)) == NULL)
		goto fail;
	memset(&w, 0, sizeof(w));
	/* The checksum, beside the build. */
	sum.buf = buf;
	sum.len = len;
	summing = pthread_create(&tid, NULL, run_checksum, &sum) == 0;
	if (!summing)
		run_checksum(&sum);
	rc = build(r, buf, len, &h, &w);
	if (summing)
		pthread_join(tid, NULL);
	h.content = sum.sum;
	munmap(buf, cap);
	if (rc != 0) {
		whole_release(&w);
		goto fail;
	}
	memlen = lay_out(&w, &h);
	if (file == NULL || save(dir, file, &h, &w) != 0 ||
	    map_saved(ix, file, &h, memlen) != 0) {
		mem = assemble(&w, &h, memlen);
		if (attach(ix, mem, memlen) != 0) {
			free(mem);
			whole_release(&w);
			goto fail;
		}
	}
	whole_release(&w);
	free(file);
	ix->built = 1;
	*ixp = ix;
	return 0;
fail:
	free(file);
	if (ix->fd >= 0)
		close(ix->fd);
	free(ix);
	return -1;
}

void
index_close(struct index *ix)
{
	if (ix == NULL)
		return;
	if (ix->mapped)
		munmap(ix->mem, ix->memlen);
	else
		free(ix->mem);
	close(ix->fd);
	free(ix);
}

void
index_prefix(const struct index *ix, const char *prefix, uint32_t *lo,
    uint32_t *hi)
{
	size_t n = strlen(prefix);
	uint32_t a = 0, b = ix->nwords, m;

	while (a < b) {
		m = a + (b - a) / 2;
		if (strcmp(index_word(ix, m), prefix) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = ix->nwords;
	while (a < b) {
		m = a + (b - a) / 2;
		if (strncmp(index_word(ix, m), prefix, n) == 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

size_t
index_needle(const char *e164, size_t cclen, char *out, size_t outsz)
{
	const char *nsn = e164 + 1 + cclen;
	size_t n = strlen(nsn), k = n < 6 ? n : 6;

	if (k + 1 > outsz)
		k = outsz - 1;
	memcpy(out, nsn + n - k, k);
	out[k] = '\0';
	return k;
}
