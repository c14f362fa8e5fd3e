/* fold.c: search keys and ASCII transliteration through libunistring. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diag.h"
#include "fold.h"

/* Letters that keep no ASCII base after NFD: the last step of every fold. */
static const struct {
	ucs4_t uc;
	const char *ascii;
} builtin[] = {
	{ 0x00df, "ss" },	/* ß */
	{ 0x00e6, "ae" },	/* æ */
	{ 0x00f0, "d" },	/* ð */
	{ 0x00f8, "o" },	/* ø */
	{ 0x00fe, "th" },	/* þ */
	{ 0x0111, "d" },	/* đ */
	{ 0x0127, "h" },	/* ħ */
	{ 0x0131, "i" },	/* ı */
	{ 0x0140, "l" },	/* ŀ */
	{ 0x0142, "l" },	/* ł */
	{ 0x0153, "oe" },	/* œ */
	{ 0x0167, "t" },	/* ŧ */
};

static void
buf_add_uc(struct strbuf *b, ucs4_t uc)
{
	uint8_t tmp[6];
	int n = u8_uctomb(tmp, uc, sizeof(tmp));

	if (n > 0)
		strbuf_add(b, tmp, (size_t)n);
}

static const char *
builtin_ascii(ucs4_t uc)
{
	size_t i;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (builtin[i].uc == uc)
			return builtin[i].ascii;
	return NULL;
}

static int
is_mark(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_M);
}

/* uc_is_space() leaves out the no-break spaces names are written with. */
static int
is_space(ucs4_t uc)
{
	return uc_is_space(uc) || uc == 0x00a0 || uc == 0x2007 || uc == 0x202f;
}

static int
is_apostrophe(ucs4_t uc)
{
	return uc == '\'' || uc == 0x2019 || uc == 0x2018 || uc == 0x02bc;
}

void
fold_utf8(ucs4_t uc, char *buf)
{
	int n = u8_uctomb((uint8_t *)buf, uc, 6);

	buf[n > 0 ? n : 0] = '\0';
}

char *
fold_key(const char *s, size_t n)
{
	struct strbuf b = { 0 };
	const uint8_t *p, *end;
	uint8_t *cf;
	size_t i, len;
	ucs4_t uc;

	for (i = 0; i < n && !(s[i] & 0x80); i++)
		;
	if (i == n) {
		char *out = xmalloc(n + 1);

		for (i = 0; i < n; i++) {
			char c = s[i];

			out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') :
			    (c == '\t' ? ' ' : c);
		}
		out[n] = '\0';
		return out;
	}
	if (u8_check((const uint8_t *)s, n) != NULL)
		return NULL;
	cf = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKD, NULL, &len);
	if (cf == NULL)
		return NULL;
	strbuf_add(&b, "", 0);
	for (p = cf, end = cf + len; p < end; ) {
		const char *ascii;
		int k = u8_mbtouc(&uc, p, (size_t)(end - p));

		p += k;
		if (is_mark(uc))
			continue;
		if ((ascii = builtin_ascii(uc)) != NULL)
			strbuf_add(&b, ascii, strlen(ascii));
		else if (is_apostrophe(uc))
			strbuf_add(&b, "'", 1);
		else if (uc != '-' && uc_is_property_dash(uc))
			strbuf_add(&b, "-", 1);
		else if (uc != ' ' && is_space(uc))
			strbuf_add(&b, " ", 1);
		else
			buf_add_uc(&b, uc);
	}
	free(cf);
	return b.p;
}

static const char *
map_find(const struct translit_map *map, size_t nmap, ucs4_t uc)
{
	size_t i;

	for (i = 0; i < nmap; i++)
		if (map[i].from == uc)
			return map[i].to;
	return NULL;
}

/*
 * A letter the table lacks, through its compatibility decomposition (NFKD):
 * the digraph ǆ is d and ž, the ligature ﬁ is f and i. Appends the ASCII
 * to b and returns 0, or -1 (b untouched) if a part has no ASCII form.
 */
static int
compat_ascii(ucs4_t uc, struct strbuf *b)
{
	uint8_t one[6], *nfkd;
	const uint8_t *p, *end;
	const char *ascii;
	struct strbuf out = { 0 };
	size_t len;
	int n = u8_uctomb(one, uc, sizeof(one));

	if (n <= 0 || (nfkd = u8_normalize(UNINORM_NFKD, one, (size_t)n, NULL,
	    &len)) == NULL)
		return -1;
	/* A letter with no decomposition comes back as itself. */
	if (len == (size_t)n && memcmp(nfkd, one, len) == 0) {
		free(nfkd);
		return -1;
	}
	for (p = nfkd, end = nfkd + len; p < end; ) {
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (is_mark(uc))
			continue;
		if (uc < 0x80) {
			char c = (char)(uc >= 'A' && uc <= 'Z' ? uc - 'A' + 'a' :
			    uc);

			strbuf_add(&out, &c, 1);
		} else if ((ascii = builtin_ascii(uc)) != NULL) {
			strbuf_add(&out, ascii, strlen(ascii));
		} else {
			free(nfkd);
			free(out.p);
			return -1;
		}
	}
	free(nfkd);
	strbuf_add(b, out.p, out.len);
	free(out.p);
	return 0;
}

int
fold_ascii(const char *s, const struct translit_map *map, size_t nmap,
    char **out, ucs4_t *bad, const struct trace *t)
{
	struct strbuf mapped = { 0 }, b = { 0 };
	const uint8_t *p, *end;
	uint8_t *lower, *nfd;
	size_t len, nlen;
	ucs4_t uc;

	if (u8_check((const uint8_t *)s, strlen(s)) != NULL) {
		*bad = 0xfffd;
		return -1;
	}
	lower = u8_tolower((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
	    NULL, &len);
	if (lower == NULL) {
		*bad = 0xfffd;
		return -1;
	}
	strbuf_add(&mapped, "", 0);
	for (p = lower, end = lower + len; p < end; ) {
		const char *to;

		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if ((to = map_find(map, nmap, uc)) != NULL)
			strbuf_add(&mapped, to, strlen(to));
		else
			buf_add_uc(&mapped, uc);
	}
	free(lower);
	trace_step(t, "lowercased, profile applied", mapped.p);
	nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)mapped.p, mapped.len,
	    NULL, &nlen);
	free(mapped.p);
	if (nfd == NULL) {
		*bad = 0xfffd;
		return -1;
	}
	strbuf_add(&b, "", 0);
	for (p = nfd, end = nfd + nlen; p < end; ) {
		const char *ascii;

		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (is_mark(uc))
			continue;
		if (uc < 0x80) {
			char c = (char)uc;

			strbuf_add(&b, &c, 1);
		} else if ((ascii = builtin_ascii(uc)) != NULL) {
			strbuf_add(&b, ascii, strlen(ascii));
		} else if (is_apostrophe(uc)) {
			strbuf_add(&b, "'", 1);
		} else if (compat_ascii(uc, &b) != 0) {
			*bad = uc;
			free(nfd);
			free(b.p);
			return -1;
		}
	}
	free(nfd);
	trace_step(t, "marks stripped, built-in table", b.p);
	*out = b.p;
	return 0;
}

char *
fold_nfc(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	uint8_t *nfc;
	size_t i, len;

	/*
	 * Lead bytes below 0xcc start characters below U+0300, all NFC. Eight
	 * bytes at a time while they are ASCII, as most fields are.
	 */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	for (; i < n && p[i] < 0xcc; i++)
		;
	/* Bytes that are not UTF-8 are left for the caller to refuse. */
	if (i == n || u8_check(p, n) != NULL)
		return NULL;
	nfc = u8_normalize(UNINORM_NFC, p, n, NULL, &len);
	if (nfc == NULL || (len == n && memcmp(nfc, s, n) == 0)) {
		free(nfc);
		return NULL;
	}
	nfc = xreallocarray(nfc, len + 1, 1);
	nfc[len] = '\0';
	*outlen = len;
	return (char *)nfc;
}

char *
fold_phone(const char *s)
{
	struct strbuf b = { 0 };
	const uint8_t *p, *end;
	size_t n = strlen(s);
	ucs4_t uc;

	if (u8_check((const uint8_t *)s, n) != NULL)
		return NULL;
	strbuf_add(&b, "", 0);
	for (p = (const uint8_t *)s, end = p + n; p < end; ) {
		int d;

		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc < 0x80) {
			char c = (char)uc;

			strbuf_add(&b, &c, 1);
		} else if ((d = uc_decimal_value(uc)) >= 0) {
			char c = (char)('0' + d);

			strbuf_add(&b, &c, 1);
		} else if (uc == 0xff0b || uc == 0x2795) {
			strbuf_add(&b, "+", 1);
		} else if (uc_is_property_dash(uc)) {
			strbuf_add(&b, "-", 1);
		} else if (is_space(uc)) {
			strbuf_add(&b, " ", 1);
		} else if (uc == 0xff08 || uc == 0xff09) {
			strbuf_add(&b, uc == 0xff08 ? "(" : ")", 1);
		} else {
			buf_add_uc(&b, uc);
		}
	}
	return b.p;
}

#define WORD_SEPS " -'"

int
fold_words(struct words *ws, const char *s)
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

void
words_release(struct words *ws)
{
	free(ws->buf);
	free(ws->w);
	ws->buf = NULL;
	ws->w = NULL;
	ws->n = 0;
}
