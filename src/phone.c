/* phone.c: the generic parse pipeline; every country fact comes from the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fold.h"
#include "phone.h"
#include "rules.h"

/*
 * Words that introduce an extension, matched case-insensitively; the dot
 * or colon after an abbreviation is skipped before they are compared.
 */
static const char *const ext_markers[] = {
	";ext=", "extension", "ext", "x", "#", "anknytning", "ankn",
	"alanumero",
};

/* Room on the stack for a number and its digits; longer ones go to the heap. */
#define LOCAL_MAX 256
/* Room for a grouped national number, its NUL included. */
#define GROUPED_MAX 80

static const struct {
	const char *name;
	enum phone_style style;
} styles[] = {
	{ "e164", PHONE_E164 },
	{ "international", PHONE_INTERNATIONAL },
	{ "national", PHONE_NATIONAL },
	{ "rfc3966", PHONE_RFC3966 },
};

struct parse {
	const struct rules *r;
	const struct trace *t;
};

static void
trace(const struct parse *p, const char *step, const char *value)
{
	trace_step(p->t, step, value);
}

int
phone_style_named(const char *name, enum phone_style *style)
{
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		if (strcmp(styles[i].name, name) == 0) {
			*style = styles[i].style;
			return 0;
		}
	}
	return -1;
}

static void split_ext(char *s, size_t n, char *ext, size_t extsz);

/* Characters that may separate digits in a written number. */
static int
separator(char c)
{
	switch (c) {
	case ' ': case '-': case '.': case '/': case '(': case ')': case '[':
	case ']': case '~':
		return 1;
	}
	return 0;
}

/* A short leading label such as "tfn", "Tel:" or "puh." */
static size_t
label_len(const char *s)
{
	size_t n = strcspn(s, "+(0123456789");
	size_t i;

	if (n > 16)
		return (size_t)-1;
	for (i = 0; i < n; i++)
		if (strchr(" .:", s[i]) == NULL && !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (unsigned char)s[i] >= 0x80))
			return (size_t)-1;
	return n;
}

int
phone_like(const char *raw)
{
	char *copy, *s, ext[16] = "";
	size_t digits = 0, skip;
	int like = 1;

	if ((skip = label_len(raw)) == (size_t)-1)
		return 0;
	copy = xstrdup(raw + skip);
	split_ext(copy, strlen(copy), ext, sizeof(ext));
	for (s = copy; *s != '\0' && like; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != '+' && !separator(*s))
			like = 0;
	}
	free(copy);
	return like && digits >= 4;
}

/* Splits a trailing extension off s, of length n (in place), into ext. */
static void
split_ext(char *s, size_t n, char *ext, size_t extsz)
{
	size_t end, start, i, m;
	char last;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	end = n;
	while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9')
		n--;
	start = n;
	if (start == end || end - start >= extsz)
		return;
	while (n > 0 && strchr(" :.", s[n - 1]) != NULL && s[n - 1] != '\0')
		n--;
	if (n == 0)
		return;
	/* Most numbers end in a digit here, which ends no marker. */
	last = s[n - 1] >= 'A' && s[n - 1] <= 'Z' ? s[n - 1] - 'A' + 'a' :
	    s[n - 1];
	for (i = 0; i < sizeof(ext_markers) / sizeof(ext_markers[0]); i++) {
		m = strlen(ext_markers[i]);
		if (n < m || ext_markers[i][m - 1] != last ||
		    strncasecmp(s + n - m, ext_markers[i], m) != 0)
			continue;
		/* The marker must stand apart from a preceding word. */
		if (n > m && ((s[n - m - 1] >= 'a' && s[n - m - 1] <= 'z') ||
		    (s[n - m - 1] >= 'A' && s[n - m - 1] <= 'Z')))
			continue;
		memcpy(ext, s + start, end - start);
		ext[end - start] = '\0';
		s[n - m] = '\0';
		return;
	}
}

/*
 * pcre2_match() over the digits s, length n, captures in r->md, under the
 * rules' limits. Digits are valid UTF-8, so the JIT's fast path, which
 * skips that check, will do; where the JIT gives up (its stack) or could
 * not compile re, the interpreter answers. A pattern that passed the match
 * limit would only pass it again there.
 */
static int
match(const struct rules *r, pcre2_code *re, const char *s, size_t n)
{
	int rc;

	rules_jit(r, re);
	rc = pcre2_jit_match(re, (PCRE2_SPTR)s, n, 0, 0, r->md, r->mctx);
	if (rc < 0 && rc != PCRE2_ERROR_NOMATCH &&
	    rc != PCRE2_ERROR_MATCHLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_JIT, r->md,
		    r->mctx);
	return rc;
}

/*
 * rules_prefix() for the trunk-strip and intl patterns, which are compiled
 * anchored: the match-time PCRE2_ANCHORED it adds would keep the JIT out.
 */
static int
prefix(const struct rules *r, pcre2_code *re, const char *s)
{
	if (match(r, re, s, strlen(s)) < 0)
		return -1;
	return (int)pcre2_get_ovector_pointer(r->md)[1];
}

static int
valid_nsn(const struct parse *p, const struct region *g, const char *nsn)
{
	size_t i, n = strlen(nsn);

	if (g->nvalid == 0)
		return n >= 2 && n + strlen(g->code) <= 15;
	for (i = 0; i < g->nvalid; i++)
		if (match(p->r, g->valid[i], nsn, n) >= 0)
			return 1;
	return 0;
}

/*
 * The national significant number of digits in region g: the trunk prefix
 * is stripped where what remains is valid, as libphonenumber does.
 */
static const char *
region_nsn(const struct parse *p, const struct region *g, const char *digits)
{
	int k;

	if (g->trunk_strip != NULL &&
	    (k = prefix(p->r, g->trunk_strip, digits)) > 0 &&
	    valid_nsn(p, g, digits + k)) {
		trace(p, "trunk prefix stripped", digits + k);
		return digits + k;
	}
	return valid_nsn(p, g, digits) ? digits : NULL;
}

static int
accept(const struct region *g, const char *nsn, struct phone *out,
    const char **why)
{
	size_t cl = strlen(g->code), nl = strlen(nsn);
	char *e = out->e164;

	if (cl + nl > 15) {
		*why = "longer than 15 digits";
		return -1;
	}
	/* What snprintf "+%.3s%.15s" wrote; it always fits. */
	*e++ = '+';
	memcpy(e, g->code, cl < 3 ? cl : 3);
	e += cl < 3 ? cl : 3;
	memcpy(e, nsn, nl);
	e[nl] = '\0';
	out->region = g;
	out->cclen = cl;
	return 0;
}

/* Non-zero if code is the n digits at cc. */
static int
code_is(const char *code, const char *cc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (code[i] != cc[i])
			return 0;
	return code[n] == '\0';
}

/* Tries every region with calling code cc but skip, first as listed first. */
static int
by_code(const struct parse *p, const char *cc, size_t cclen,
    const char *nsn, const struct region *skip, struct phone *out,
    const char **why)
{
	const struct rules *r = p->r;
	const char *n;
	size_t i;

	for (i = 0; i < r->nregion; i++) {
		const struct region *g = &r->region[i];

		if (g == skip || !code_is(g->code, cc, cclen))
			continue;
		if ((n = region_nsn(p, g, nsn)) != NULL) {
			trace(p, "valid in region", g->name);
			return accept(g, n, out, why);
		}
	}
	return -1;
}

static int
international(const struct parse *p, const char *digits, struct phone *out,
    const char **why)
{
	const struct rules *r = p->r;
	const struct region *cc = NULL;
	size_t len = 4, i, k, n = strlen(digits);

	/*
	 * Calling codes are prefix-free: the first region with the shortest
	 * code that digits start with has it.
	 */
	for (i = 0; i < r->nregion; i++) {
		const char *code = r->region[i].code;

		for (k = 0; k < 3 && k < n && code[k] == digits[k]; k++)
			;
		if (k > 0 && code[k] == '\0' && k < len) {
			cc = &r->region[i];
			len = k;
		}
	}
	if (cc == NULL) {
		*why = n < 3 ? "too short" : "unknown country calling code";
		return -1;
	}
	if (len == n) {
		*why = "a calling code and no number";
		return -1;
	}
	trace(p, "calling code", cc->code);
	if (by_code(p, digits, len, digits + len, NULL, out, why) == 0)
		return 0;
	*why = n - len < 5 ? "too short for its country" :
	    "not a valid number for its country";
	return -1;
}

/*
 * Non-zero if nsn has the shape of region g's numbers: its 'general'
 * pattern, or its valid lines where it has none.
 */
static int
general_nsn(const struct parse *p, const struct region *g, const char *nsn)
{
	if (g->general == NULL)
		return valid_nsn(p, g, nsn);
	return match(p->r, g->general, nsn, strlen(nsn)) >= 0;
}

/*
 * What follows g's calling code at the start of digits, or NULL: its trunk
 * prefix is stripped unless only the unstripped number has g's shape, as
 * libphonenumber's maybeStripNationalPrefixAndCarrierCode() does.
 */
static const char *
after_code(const struct parse *p, const struct region *g, const char *digits)
{
	size_t cl = strlen(g->code);
	const char *rest;
	int k;

	if (strncmp(digits, g->code, cl) != 0)
		return NULL;
	rest = digits + cl;
	if (g->trunk_strip != NULL && (k = prefix(p->r, g->trunk_strip,
	    rest)) > 0 && (!general_nsn(p, g, rest) ||
	    general_nsn(p, g, rest + k)))
		rest += k;
	return rest;
}

/*
 * libphonenumber's maybeExtractCountryCode(): digits that start with the
 * region's own calling code are read with it if only what follows the code
 * has the region's shape, or if digits are too long for the region. A
 * number read so is never read nationally as well: the shape decides.
 */
static int
own_code(const struct parse *p, const struct region *g, const char *digits,
    const char *rest)
{
	return (!general_nsn(p, g, digits) && general_nsn(p, g, rest)) ||
	    (g->longest > 0 && strlen(digits) > g->longest);
}

static int
national(const struct parse *p, const struct region *g, const char *digits,
    struct phone *out, const char **why)
{
	const char *nsn, *rest;
	int k;

	if (g->intl != NULL && (k = prefix(p->r, g->intl, digits)) > 0) {
		trace(p, "international prefix", g->intl_src);
		return international(p, digits + k, out, why);
	}
	if ((rest = after_code(p, g, digits)) != NULL &&
	    own_code(p, g, digits, rest)) {
		trace(p, "own calling code without '+'", g->code);
		/* Any region with the code: Finland's 358 read in Åland. */
		if (by_code(p, g->code, strlen(g->code), rest, NULL, out,
		    why) == 0)
			return 0;
	} else {
		if ((nsn = region_nsn(p, g, digits)) != NULL) {
			trace(p, "valid in region", g->name);
			return accept(g, nsn, out, why);
		}
		/* Regions sharing the calling code: Åland's 18 under FI. */
		if (by_code(p, g->code, strlen(g->code), digits, g, out,
		    why) == 0)
			return 0;
	}
	*why = strlen(digits) < 5 ? "too short" : "not a valid number for "
	    "the region";
	return -1;
}

/*
 * raw as fold_phone() gives it, in local (LOCAL_MAX bytes) where it fits;
 * NULL if raw is not valid UTF-8. Free with local_free().
 */
static char *
local_fold(const char *raw, char *local)
{
	size_t n;
	char *s;

	/* ASCII folds to itself. */
	for (n = 0; raw[n] != '\0'; n++)
		if ((unsigned char)raw[n] >= 0x80)
			return fold_phone(raw);
	s = n < LOCAL_MAX ? local : xmalloc(n + 1);
	memcpy(s, raw, n + 1);
	return s;
}

static void
local_free(char *s, const char *local)
{
	if (s != local)
		free(s);
}

int
phone_parse(const struct rules *r, const char *raw, const char *region,
    struct phone *out, const char **why, const struct trace *t)
{
	struct parse p = { r, t };
	char local[LOCAL_MAX], localdigits[LOCAL_MAX];
	char *folded, *s, *digits, *d;
	const struct region *g = NULL;
	size_t n;
	int plus = 0, rc;

	memset(out, 0, sizeof(*out));
	if ((folded = local_fold(raw, local)) == NULL) {
		*why = "invalid UTF-8";
		return -1;
	}
	trace(&p, "folded", folded);
	n = strlen(folded);
	split_ext(folded, n, out->ext, sizeof(out->ext));
	if (out->ext[0] != '\0')
		trace(&p, "extension", out->ext);
	s = folded + strcspn(folded, "+(0123456789");
	if (s != folded)
		trace(&p, "label dropped", s);
	n = strlen(s);
	digits = d = n < LOCAL_MAX ? localdigits : xmalloc(n + 1);
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			*d++ = *s;
		} else if (*s == '+' && d == digits && !plus) {
			plus = 1;
		} else if (!separator(*s)) {
			*why = *s == '+' ? "'+' inside the number" :
			    "a character that is not part of a number";
			local_free(folded, local);
			local_free(digits, localdigits);
			return -1;
		}
	}
	*d = '\0';
	local_free(folded, local);
	trace(&p, "digits", digits);
	if (*digits == '\0') {
		*why = "no digits";
		rc = -1;
	} else if (plus) {
		rc = international(&p, digits, out, why);
	} else if (region == NULL || (g = rules_region(r, region)) == NULL) {
		*why = region == NULL ? "no '+' and no default region" :
		    "unknown region";
		rc = -1;
	} else {
		rc = national(&p, g, digits, out, why);
	}
	local_free(digits, localdigits);
	if (rc != 0)
		out->ext[0] = '\0';
	return rc;
}

/*
 * The grouping pcre2_substitute() with PCRE2_SUBSTITUTE_UNSET_EMPTY would
 * write into buf (GROUPED_MAX bytes), from the match of re over s (length
 * n) that match() left in r->md with rc. Replacements of ASCII text and $N
 * only, which the rules use, are done here without matching again; -1 for
 * anything else, which only pcre2_substitute() can say.
 */
static int
substitute(const struct rules *r, const pcre2_code *re, int rc,
    const char *s, size_t n, const char *repl, char *buf)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	uint32_t top, novec = pcre2_get_ovector_count(r->md);
	size_t len, at, g;
	const char *q;

	if (rc <= 0 || ov[0] > ov[1] ||
	    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &top) != 0)
		return -1;
	/* The subject around the match stays; buf keeps its NUL. */
	len = ov[0] + (n - ov[1]);
	if (len >= GROUPED_MAX)
		return -1;
	memcpy(buf, s, ov[0]);
	at = ov[0];
	for (q = repl; *q != '\0'; q++) {
		if ((unsigned char)*q >= 0x80)
			return -1;
		if (*q != '$') {
			if (++len >= GROUPED_MAX)
				return -1;
			buf[at++] = *q;
			continue;
		}
		if (q[1] < '1' || q[1] > '9')
			return -1;
		for (g = 0; q[1] >= '0' && q[1] <= '9'; q++)
			if ((g = g * 10 + (size_t)(q[1] - '0')) > top)
				return -1;
		if (g >= novec || (ov[2 * g] != PCRE2_UNSET &&
		    ov[2 * g] > ov[2 * g + 1]))
			return -1;
		if (ov[2 * g] == PCRE2_UNSET)
			continue;
		if ((len += ov[2 * g + 1] - ov[2 * g]) >= GROUPED_MAX)
			return -1;
		memcpy(buf + at, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		at += ov[2 * g + 1] - ov[2 * g];
	}
	memcpy(buf + at, s + ov[1], n - ov[1]);
	buf[at + n - ov[1]] = '\0';
	return 0;
}

/*
 * pcre2_substitute() of repl for the match of re over s (length n): into
 * buf (GROUPED_MAX bytes) where it fits, else into as much of the heap as
 * pcre2 says it needs; NULL if it fails. Free with local_free(out, buf).
 */
static char *
substitute_pcre2(const struct rules *r, const pcre2_code *re, const char *s,
    size_t n, const char *repl, char *buf)
{
	/* The interpreter, which match() may have fallen back to. */
	const uint32_t opts = PCRE2_SUBSTITUTE_UNSET_EMPTY |
	    PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_NO_JIT;
	PCRE2_SIZE len = GROUPED_MAX;
	char *out = buf;
	int rc;

	rc = pcre2_substitute(re, (PCRE2_SPTR)s, n, 0, opts, r->md, r->mctx,
	    (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)out,
	    &len);
	if (rc == PCRE2_ERROR_NOMEMORY) {
		/* len is now the size needed, its NUL included. */
		out = xmalloc(len);
		rc = pcre2_substitute(re, (PCRE2_SPTR)s, n, 0, opts, r->md,
		    r->mctx, (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED,
		    (PCRE2_UCHAR *)out, &len);
	}
	if (rc > 0)
		return out;
	local_free(out, buf);
	return NULL;
}

/*
 * The national number through the first fitting format of list, in buf
 * (GROUPED_MAX bytes) or on the heap; NULL if none fits. Free with
 * local_free(grouped, buf).
 */
static char *
grouped(const struct rules *r, const struct phone *p,
    const struct region_format *list, size_t n, char *buf)
{
	const char *nsn = p->e164 + 1 + p->cclen;
	size_t nl = strlen(nsn), i;
	char *s;
	int rc;

	for (i = 0; i < n; i++) {
		/* A format that does not match would substitute nothing. */
		if ((rc = match(r, list[i].re, nsn, nl)) < 0)
			continue;
		if (substitute(r, list[i].re, rc, nsn, nl, list[i].repl,
		    buf) == 0)
			return buf;
		if ((s = substitute_pcre2(r, list[i].re, nsn, nl,
		    list[i].repl, buf)) != NULL)
			return s;
	}
	return NULL;
}

/*
 * The international grouping, or the bare national number: in buf
 * (GROUPED_MAX bytes) or on the heap. Free with local_free(group, buf).
 */
static char *
international_group(const struct rules *r, const struct phone *p, char *buf)
{
	char *s = grouped(r, p, p->region->fmt, p->region->nfmt, buf);

	if (s != NULL)
		return s;
	snprintf(buf, GROUPED_MAX, "%s", p->e164 + 1 + p->cclen);
	return buf;
}

/* "+CC GROUPED[ ext. EXT]", the international style, without printf. */
static char *
international_form(const struct rules *r, const struct phone *p)
{
	char buf[GROUPED_MAX], *g, *out, *o;
	size_t cc = strnlen(p->e164 + 1, p->cclen), gl, el;

	g = international_group(r, p, buf);
	gl = strlen(g);
	el = strlen(p->ext);
	o = out = xmalloc(1 + cc + 1 + gl + (el > 0 ? 6 + el : 0) + 1);
	*o++ = '+';
	memcpy(o, p->e164 + 1, cc);
	o += cc;
	*o++ = ' ';
	memcpy(o, g, gl);
	o += gl;
	if (el > 0) {
		memcpy(o, " ext. ", 6);
		memcpy(o + 6, p->ext, el);
		o += 6 + el;
	}
	*o = '\0';
	local_free(g, buf);
	return out;
}

char *
phone_format(const struct rules *r, const struct phone *p,
    enum phone_style style)
{
	char buf[GROUPED_MAX], *g, *s, *out;

	switch (style) {
	case PHONE_E164:
		break;
	case PHONE_INTERNATIONAL:
		return international_form(r, p);
	case PHONE_NATIONAL:
		if ((g = grouped(r, p, p->region->nat, p->region->nnat,
		    buf)) != NULL) {
			out = xasprintf("%s%s%s", g, *p->ext ? " ext. " : "",
			    p->ext);
		} else {
			g = international_group(r, p, buf);
			out = xasprintf("%s%s%s%s", p->region->trunk, g,
			    *p->ext ? " ext. " : "", p->ext);
		}
		local_free(g, buf);
		return out;
	case PHONE_RFC3966:
		g = international_group(r, p, buf);
		for (s = g; *s != '\0'; s++)
			if (*s == ' ' || *s == '(' || *s == ')')
				*s = '-';
		out = xasprintf("tel:+%.*s-%s%s%s", (int)p->cclen,
		    p->e164 + 1, g, *p->ext ? ";ext=" : "", p->ext);
		local_free(g, buf);
		return out;
	}
	return xasprintf("%s%s%s", p->e164, *p->ext ? " ext. " : "", p->ext);
}

int
phone_is_mobile(const struct rules *r, const struct phone *p)
{
	const char *nsn = p->e164 + 1 + p->cclen;
	size_t i;

	if (p->region == NULL)
		return 0;
	for (i = 0; i < p->region->nmobile; i++)
		if (rules_match(r, p->region->mobile[i], nsn, strlen(nsn)))
			return 1;
	return 0;
}
