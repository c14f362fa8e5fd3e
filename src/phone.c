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

/* Characters that may separate digits in a written number. */
static const char separators[] = " -./()[]~";

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

static void split_ext(char *s, char *ext, size_t extsz);

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
	split_ext(copy, ext, sizeof(ext));
	for (s = copy; *s != '\0' && like; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != '+' && strchr(separators, *s) == NULL)
			like = 0;
	}
	free(copy);
	return like && digits >= 4;
}

/* Splits a trailing extension off s (in place) into ext. */
static void
split_ext(char *s, char *ext, size_t extsz)
{
	size_t n = strlen(s), end, start, i, m;

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
	for (i = 0; i < sizeof(ext_markers) / sizeof(ext_markers[0]); i++) {
		m = strlen(ext_markers[i]);
		if (n < m || strncasecmp(s + n - m, ext_markers[i], m) != 0)
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

static int
valid_nsn(const struct parse *p, const struct region *g, const char *nsn)
{
	size_t i, n = strlen(nsn);

	if (g->nvalid == 0)
		return n >= 2 && n + strlen(g->code) <= 15;
	for (i = 0; i < g->nvalid; i++)
		if (rules_match(p->r, g->valid[i], nsn, n))
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
	    (k = rules_prefix(p->r, g->trunk_strip, digits)) > 0 &&
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
	if (strlen(g->code) + strlen(nsn) > 15) {
		*why = "longer than 15 digits";
		return -1;
	}
	snprintf(out->e164, sizeof(out->e164), "+%.3s%.15s", g->code, nsn);
	out->region = g;
	out->cclen = strlen(g->code);
	return 0;
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

		if (g == skip || strlen(g->code) != cclen ||
		    strncmp(g->code, cc, cclen) != 0)
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
	size_t len, i, n = strlen(digits);

	/* Calling codes are prefix-free: the first that a region has is it. */
	for (len = 1; len <= 3 && len <= n; len++) {
		for (i = 0; i < r->nregion; i++)
			if (strlen(r->region[i].code) == len &&
			    strncmp(r->region[i].code, digits, len) == 0)
				break;
		if (i == r->nregion)
			continue;
		if (len == n) {
			*why = "a calling code and no number";
			return -1;
		}
		trace(p, "calling code", r->region[i].code);
		if (by_code(p, digits, len, digits + len, NULL, out, why) == 0)
			return 0;
		*why = n - len < 5 ? "too short for its country" :
		    "not a valid number for its country";
		return -1;
	}
	*why = n < 3 ? "too short" : "unknown country calling code";
	return -1;
}

static int
national(const struct parse *p, const struct region *g, const char *digits,
    struct phone *out, const char **why)
{
	const char *nsn;
	int k;

	if (g->intl != NULL && (k = rules_prefix(p->r, g->intl, digits)) > 0) {
		trace(p, "international prefix", g->intl_src);
		return international(p, digits + k, out, why);
	}
	if ((nsn = region_nsn(p, g, digits)) != NULL) {
		trace(p, "valid in region", g->name);
		return accept(g, nsn, out, why);
	}
	/* Written with the country code but without '+'. */
	if (strncmp(digits, g->code, strlen(g->code)) == 0 &&
	    (nsn = region_nsn(p, g, digits + strlen(g->code))) != NULL) {
		trace(p, "own calling code without '+'", g->code);
		return accept(g, nsn, out, why);
	}
	/* Regions sharing the calling code: Åland's 18 under FI. */
	if (by_code(p, g->code, strlen(g->code), digits, g, out, why) == 0)
		return 0;
	*why = strlen(digits) < 5 ? "too short" : "not a valid number for "
	    "the region";
	return -1;
}

int
phone_parse(const struct rules *r, const char *raw, const char *region,
    struct phone *out, const char **why, const struct trace *t)
{
	struct parse p = { r, t };
	char *folded, *s, *digits, *d;
	const struct region *g = NULL;
	int plus = 0, rc;

	memset(out, 0, sizeof(*out));
	if ((folded = fold_phone(raw)) == NULL) {
		*why = "invalid UTF-8";
		return -1;
	}
	trace(&p, "folded", folded);
	split_ext(folded, out->ext, sizeof(out->ext));
	if (out->ext[0] != '\0')
		trace(&p, "extension", out->ext);
	s = folded + strcspn(folded, "+(0123456789");
	if (s != folded)
		trace(&p, "label dropped", s);
	digits = d = xmalloc(strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			*d++ = *s;
		} else if (*s == '+' && d == digits && !plus) {
			plus = 1;
		} else if (strchr(separators, *s) == NULL) {
			*why = *s == '+' ? "'+' inside the number" :
			    "a character that is not part of a number";
			free(folded);
			free(digits);
			return -1;
		}
	}
	*d = '\0';
	free(folded);
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
	free(digits);
	if (rc != 0)
		out->ext[0] = '\0';
	return rc;
}

/* The national number through the first fitting format of list; NULL if none fits. */
static char *
grouped(const struct rules *r, const struct phone *p,
    const struct region_format *list, size_t n)
{
	const char *nsn = p->e164 + 1 + p->cclen;
	PCRE2_UCHAR buf[80];
	PCRE2_SIZE len;
	size_t i;

	for (i = 0; i < n; i++) {
		len = sizeof(buf);
		if (pcre2_substitute(list[i].re, (PCRE2_SPTR)nsn,
		    PCRE2_ZERO_TERMINATED, 0, PCRE2_SUBSTITUTE_UNSET_EMPTY,
		    r->md, NULL, (PCRE2_SPTR)list[i].repl,
		    PCRE2_ZERO_TERMINATED, buf, &len) > 0)
			return xstrdup((char *)buf);
	}
	return NULL;
}

static char *
international_group(const struct rules *r, const struct phone *p)
{
	char *g = grouped(r, p, p->region->fmt, p->region->nfmt);

	return g != NULL ? g : xstrdup(p->e164 + 1 + p->cclen);
}

char *
phone_format(const struct rules *r, const struct phone *p,
    enum phone_style style)
{
	char *g, *s, *out;

	switch (style) {
	case PHONE_E164:
		break;
	case PHONE_INTERNATIONAL:
		g = international_group(r, p);
		out = xasprintf("+%.*s %s%s%s", (int)p->cclen, p->e164 + 1, g,
		    *p->ext ? " ext. " : "", p->ext);
		free(g);
		return out;
	case PHONE_NATIONAL:
		if ((g = grouped(r, p, p->region->nat, p->region->nnat)) != NULL)
			out = xasprintf("%s%s%s", g, *p->ext ? " ext. " : "",
			    p->ext);
		else {
			g = international_group(r, p);
			out = xasprintf("%s%s%s%s", p->region->trunk, g,
			    *p->ext ? " ext. " : "", p->ext);
		}
		free(g);
		return out;
	case PHONE_RFC3966:
		g = international_group(r, p);
		for (s = g; *s != '\0'; s++)
			if (*s == ' ' || *s == '(' || *s == ')')
				*s = '-';
		out = xasprintf("tel:+%.*s-%s%s%s", (int)p->cclen, p->e164 + 1,
		    g, *p->ext ? ";ext=" : "", p->ext);
		free(g);
		return out;
	}
	return xasprintf("%s%s%s", p->e164, *p->ext ? " ext. " : "", p->ext);
}
