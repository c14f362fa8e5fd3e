/* rules.c: parses the rule file and compiles its pcre2 patterns. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <idn2.h>
#include <unictype.h>
#include <unistr.h>
#include <uninorm.h>

#include "diag.h"
#include "email.h"
#include "fold.h"
#include "hash.h"
#include "rules.h"

enum block { B_NONE, B_ORG, B_TRANSLIT, B_REGION, B_EXTRACT };

const char *const extract_attr_name[EX_NATTR] = {
	"header", "release", "date", "name", "title", "title-word", "unit",
	"org", "at", "joiner", "number", "phone-label", "mobile-label",
	"addresses", "given-word", "family-word",
};

/* Includes may nest this deep, which also stops a file including itself. */
#define MAX_INCLUDE_DEPTH 8

/*
 * What one match of a rule pattern may spend. A sound pattern over an
 * organization or a phone number needs a few thousand steps; pcre2's own
 * defaults (ten million steps, a depth as large, 20 GB of heap) would let
 * a runaway one such as (a+)+$ run for minutes. These stop it within
 * milliseconds. MATCH_LIMIT counts backtracking steps (the JIT counts its
 * own way, to the same end), DEPTH_LIMIT nested backtracking points, and
 * HEAP_LIMIT, in kibibytes, the interpreter's memory for them.
 */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT (20 * 1024)

/*
 * rules_probe() runs each pattern over PROBE_RUN repeats of a character
 * it names (at most PROBE_CHARS of them): longer than most organizations,
 * enough for an exponential pattern to pass MATCH_LIMIT many times over.
 */
#define PROBE_RUN 64
#define PROBE_CHARS 32

struct parser {
	struct rules *r;
	const char *path;
	int depth;
	enum block block;
	size_t line;
	const char *linestart;
};

static int load_file(struct rules *r, const char *path, int depth);
static const struct pattern *pattern_of(const struct rules *r,
    const pcre2_code *re);

void
rules_init(struct rules *r)
{
	memset(r, 0, sizeof(*r));
}

void
rules_release(struct rules *r)
{
	size_t i, j;

	for (i = 0; i < r->norg; i++) {
		struct org_rule *o = &r->org[i];

		free(o->name);
		free(o->match);
		pcre2_code_free(o->re);
		free(o->template);
		free(o->domain);
		free(o->domain_ascii);
		free(o->translit);
		free(o->region);
	}
	free(r->org);
	for (i = 0; i < r->ntr; i++) {
		for (j = 0; j < r->tr[i].nmap; j++)
			free(r->tr[i].map[j].to);
		free(r->tr[i].map);
		free(r->tr[i].name);
	}
	free(r->tr);
	for (i = 0; i < r->nregion; i++) {
		struct region *g = &r->region[i];

		free(g->name);
		free(g->code);
		free(g->trunk);
		free(g->intl_src);
		pcre2_code_free(g->trunk_strip);
		pcre2_code_free(g->intl);
		pcre2_code_free(g->general);
		for (j = 0; j < g->nvalid; j++)
			pcre2_code_free(g->valid[j]);
		free(g->valid);
		for (j = 0; j < g->nmobile; j++)
			pcre2_code_free(g->mobile[j]);
		free(g->mobile);
		for (j = 0; j < g->nfmt; j++) {
			pcre2_code_free(g->fmt[j].re);
			free(g->fmt[j].repl);
		}
		free(g->fmt);
		for (j = 0; j < g->nnat; j++) {
			pcre2_code_free(g->nat[j].re);
			free(g->nat[j].repl);
		}
		free(g->nat);
	}
	free(r->region);
	for (i = 0; i < r->nex; i++) {
		struct extract_rule *x = &r->ex[i];
		size_t a;

		for (a = 0; a < EX_NATTR; a++) {
			for (j = 0; j < x->n[a]; j++)
				pcre2_code_free(x->re[a][j]);
			free(x->re[a]);
		}
		free(x->name);
		free(x->note);
	}
	free(r->ex);
	free(r->default_region);
	free(r->path);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->reading);
	for (i = 0; i < r->npat; i++)
		free(r->pat[i].chars);
	free(r->pat);
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	rules_init(r);
}

static size_t
col_of(const struct parser *p, const char *at)
{
	return (size_t)(at - p->linestart) + 1;
}

static int fail(const struct parser *, const char *, const char *, ...)
    PRINTF_LIKE(3, 4);

static int
fail(const struct parser *p, const char *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	errors_add(p->r->errs, p->path, p->line, at ? col_of(p, at) : 0, "%s",
	    msg);
	return -1;
}

/* Adds c, UTF-8 encoded, to the NUL-terminated set of characters. */
static void
add_char(char *set, size_t *n, ucs4_t c)
{
	uint8_t u[6];
	int k;

	if (*n >= PROBE_CHARS || u8_strchr((const uint8_t *)set, c) != NULL)
		return;
	k = u8_uctomb(u, c, sizeof(u));
	memcpy(set + strlen(set), u, (size_t)k);
	(*n)++;
}

/*
 * The characters rules_probe() repeats for the pattern src (length len):
 * every digit for a phone pattern; for an organization pattern the letters,
 * digits and spaces it names, and 'a', '0' and ' ' for its classes.
 */
static char *
probe_chars(const char *src, size_t len, int digits)
{
	char *set = xcalloc(PROBE_CHARS, 4 + 1);
	const uint8_t *s = (const uint8_t *)src, *end = s + len;
	size_t n = 0;
	ucs4_t c;
	int k;

	if (digits) {
		memcpy(set, "0123456789", 11);
		return set;
	}
	add_char(set, &n, 'a');
	add_char(set, &n, '0');
	add_char(set, &n, ' ');
	for (; s < end; s += k) {
		k = u8_mbtouc(&c, s, (size_t)(end - s));
		if (c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' &&
		    c <= 'Z') || (c >= '0' && c <= '9') : uc_is_alpha(c))
			add_char(set, &n, c);
	}
	return set;
}

/*
 * src points into the current line, so errors can name their column.
 * digits: the pattern is matched against phone digits only.
 */
static int
compile(const struct parser *p, const char *src, size_t len, uint32_t flags,
    int digits, pcre2_code **out)
{
	struct rules *r = p->r;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;

	*out = pcre2_compile((PCRE2_SPTR)src, len,
	    flags | PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (*out != NULL) {
		r->pat = xreallocarray(r->pat, r->npat + 1, sizeof(*r->pat));
		r->pat[r->npat++] = (struct pattern){ *out, p->path, p->line,
		    col_of(p, src), digits, probe_chars(src, len, digits) };
		return 0;
	}
	pcre2_get_error_message(err, msg, sizeof(msg));
	errors_add(p->r->errs, p->path, p->line, col_of(p, src) + off, "%s",
	    (char *)msg);
	return -1;
}

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The end of the word at s; an escaped space ("\\ ") is part of it. */
static const char *
word_end(const char *s)
{
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s += s[0] == '\\' && s[1] != '\0' ? 2 : 1;
	return s;
}

static int
one_word(const struct parser *p, const char *key, const char *val)
{
	if (*val == '\0')
		return fail(p, val, "'%s' needs a value", key);
	if (*skip_space(word_end(val)) != '\0')
		return fail(p, skip_space(word_end(val)),
		    "'%s' takes one word", key);
	return 0;
}

static int
set_once(const struct parser *p, const char *key, const char *val,
    char **slot)
{
	if (*slot != NULL)
		return fail(p, val, "'%s' given twice", key);
	if (one_word(p, key, val) != 0)
		return -1;
	*slot = xstrdup(val);
	return 0;
}

static int
check_template(const struct parser *p, const char *t)
{
	static const char *const known[] = {
		"{first}", "{given}", "{last}", "{f}", "{l}",
	};
	const char *s;
	size_t i;

	for (s = t; *s != '\0'; s++) {
		if (*s == '}')
			return fail(p, s, "unmatched '}' in template");
		if (*s != '{')
			continue;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strncmp(s, known[i], strlen(known[i])) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fail(p, s, "unknown placeholder '%.20s'", s);
		s += strlen(known[i]) - 1;
	}
	return 0;
}

static int
org_attr(struct parser *p, const char *key, const char *val)
{
	struct org_rule *o = &p->r->org[p->r->norg - 1];

	if (strcmp(key, "match") == 0) {
		if (o->re != NULL)
			return fail(p, val, "'%s' given twice", key);
		if (*val == '\0')
			return fail(p, val, "'%s' needs a pattern", key);
		o->match = xstrdup(val);
		return compile(p, val, strlen(val), PCRE2_CASELESS, 0, &o->re);
	}
	if (strcmp(key, "template") == 0)
		return set_once(p, key, val, &o->template) != 0 ? -1 :
		    check_template(p, val);
	if (strcmp(key, "domain") == 0) {
		const char *why;

		if (set_once(p, key, val, &o->domain) != 0)
			return -1;
		if (email_domain_ascii(val, &o->domain_ascii, &why) != 0)
			return fail(p, val, "invalid domain: %s", why);
		return 0;
	}
	if (strcmp(key, "translit") == 0)
		return set_once(p, key, val, &o->translit);
	if (strcmp(key, "region") == 0)
		return set_once(p, key, val, &o->region);
	if (strcmp(key, "particles") == 0) {
		if (strcmp(val, "keep") != 0 && strcmp(val, "drop") != 0)
			return fail(p, val, "particles must be 'keep' or 'drop', "
			    "not '%s'", val);
		o->drop_particles = val[0] == 'd';
		return 0;
	}
	if (strcmp(key, "spaces") == 0) {
		if (strcmp(val, "drop") == 0)
			o->space = 0;
		else if (strcmp(val, "-") == 0 || strcmp(val, "_") == 0 ||
		    strcmp(val, ".") == 0)
			o->space = *val;
		else
			return fail(p, val, "spaces must be '-', '_', '.' or "
			    "'drop', not '%s'", val);
		return 0;
	}
	return fail(p, key, "unknown org attribute '%s'", key);
}

static int
translit_attr(struct parser *p, const char *key, const char *val)
{
	struct translit *t = &p->r->tr[p->r->ntr - 1];
	const char *to, *end;
	uint8_t *nfc;
	size_t n;
	ucs4_t uc;

	if (strcmp(key, "map") != 0)
		return fail(p, key, "unknown translit attribute '%s'", key);
	end = word_end(val);
	to = skip_space(end);
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)val,
	    (size_t)(end - val), NULL, &n);
	if (nfc == NULL || n == 0 || u8_mbtouc(&uc, nfc, n) != (int)n) {
		free(nfc);
		return fail(p, val, "'map' takes one letter, then its "
		    "ASCII form");
	}
	free(nfc);
	if (*to == '\0' || *skip_space(word_end(to)) != '\0')
		return fail(p, to, "'map' takes one letter, then its ASCII "
		    "form");
	for (end = to; *end != '\0'; end++)
		if ((unsigned char)*end >= 0x80)
			return fail(p, end, "'%s' is not ASCII", to);
	t->map = xreallocarray(t->map, t->nmap + 1, sizeof(*t->map));
	t->map[t->nmap].from = uc;
	t->map[t->nmap++].to = xstrdup(to);
	return 0;
}

static int
digits_only(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
region_attr(struct parser *p, const char *key, const char *val)
{
	struct region *g = &p->r->region[p->r->nregion - 1];

	if (strcmp(key, "code") == 0) {
		if (set_once(p, key, val, &g->code) != 0)
			return -1;
		if (!digits_only(val) || strlen(val) > 3)
			return fail(p, val, "calling code '%s' must be 1 to 3 "
			    "digits", val);
		return 0;
	}
	if (strcmp(key, "trunk") == 0) {
		if (set_once(p, key, val, &g->trunk) != 0)
			return -1;
		if (!digits_only(val))
			return fail(p, val, "trunk prefix '%s' must be digits",
			    val);
		return 0;
	}
	if (strcmp(key, "trunk-strip") == 0 || strcmp(key, "intl") == 0 ||
	    strcmp(key, "general") == 0) {
		pcre2_code **slot = key[0] == 't' ? &g->trunk_strip :
		    key[0] == 'i' ? &g->intl : &g->general;

		if (*slot != NULL)
			return fail(p, val, "'%s' given twice", key);
		if (one_word(p, key, val) != 0)
			return -1;
		if (key[0] == 'i')
			g->intl_src = xstrdup(val);
		return compile(p, val, strlen(val), key[0] == 'g' ?
		    PCRE2_ANCHORED | PCRE2_ENDANCHORED : PCRE2_ANCHORED, 1, slot);
	}
	if (strcmp(key, "longest") == 0) {
		if (g->longest != 0)
			return fail(p, val, "'%s' given twice", key);
		if (one_word(p, key, val) != 0)
			return -1;
		if (!digits_only(val) || strlen(val) > 2 || atoi(val) < 1 ||
		    atoi(val) > 15)
			return fail(p, val, "longest '%s' must be a count "
			    "from 1 to 15", val);
		g->longest = (size_t)atoi(val);
		return 0;
	}
	if (strcmp(key, "valid") == 0 || strcmp(key, "mobile") == 0) {
		pcre2_code ***list = key[0] == 'v' ? &g->valid : &g->mobile;
		size_t *n = key[0] == 'v' ? &g->nvalid : &g->nmobile;

		if (one_word(p, key, val) != 0)
			return -1;
		*list = xreallocarray(*list, *n + 1, sizeof(**list));
		(*list)[*n] = NULL;
		return compile(p, val, strlen(val),
		    PCRE2_ANCHORED | PCRE2_ENDANCHORED, 1, &(*list)[(*n)++]);
	}
	if (strcmp(key, "format") == 0 || strcmp(key, "national") == 0) {
		const char *end = word_end(val), *repl = skip_space(end);
		struct region_format **list = key[0] == 'f' ? &g->fmt : &g->nat;
		size_t *n = key[0] == 'f' ? &g->nfmt : &g->nnat;
		struct region_format *f;

		if (*val == '\0' || *repl == '\0')
			return fail(p, val, "'%s' takes a pattern, then a "
			    "replacement", key);
		*list = xreallocarray(*list, *n + 1, sizeof(**list));
		f = &(*list)[(*n)++];
		f->re = NULL;
		f->repl = xstrdup(repl);
		return compile(p, val, (size_t)(end - val),
		    PCRE2_ANCHORED | PCRE2_ENDANCHORED, 1, &f->re);
	}
	return fail(p, key, "unknown region attribute '%s'", key);
}

/*
 * Patterns of an extract block are matched as written, case and all: a
 * name is told by its capitals. (?i) ignores case where a word may be
 * written either way. A name is a whole part of an entry, so anchored.
 */
static int
extract_attr(struct parser *p, const char *key, const char *val)
{
	struct extract_rule *x = &p->r->ex[p->r->nex - 1];
	size_t a;

	if (strcmp(key, "note") == 0) {
		if (x->note != NULL)
			return fail(p, val, "'%s' given twice", key);
		if (*val == '\0')
			return fail(p, val, "'%s' needs a value", key);
		x->note = xstrdup(val);
		return 0;
	}
	for (a = 0; a < EX_NATTR; a++)
		if (strcmp(key, extract_attr_name[a]) == 0)
			break;
	if (a == EX_NATTR)
		return fail(p, key, "unknown extract attribute '%s'", key);
	if (one_word(p, key, val) != 0)
		return -1;
	x->re[a] = xreallocarray(x->re[a], x->n[a] + 1, sizeof(*x->re[a]));
	x->re[a][x->n[a]] = NULL;
	return compile(p, val, strlen(val), a == EX_NAME ?
	    PCRE2_ANCHORED | PCRE2_ENDANCHORED : 0, 0, &x->re[a][x->n[a]++]);
}

/* "include bundled" or "include PATH", PATH relative to the including file. */
static int
include(struct parser *p, const char *val)
{
	const char *slash = strrchr(p->path, '/');
	char *path;
	char *real;
	size_t i;
	int rc;

	p->block = B_NONE;
	if (p->depth + 1 >= MAX_INCLUDE_DEPTH)
		return fail(p, val, "includes nested more than %d deep",
		    MAX_INCLUDE_DEPTH);
	if (strcmp(val, "bundled") == 0) {
		if (p->r->bundled == NULL)
			return fail(p, val, "no bundled rule file to include");
		path = xstrdup(p->r->bundled);
	} else if (val[0] == '/' || slash == NULL) {
		path = xstrdup(val);
	} else {
		path = xasprintf("%.*s/%s", (int)(slash - p->path), p->path,
		    val);
	}
	if ((real = realpath(path, NULL)) != NULL) {
		for (i = 0; i < p->r->nreading; i++) {
			if (strcmp(p->r->reading[i], real) != 0)
				continue;
			free(real);
			free(path);
			return fail(p, val, "include loop: '%s' is already "
			    "being read", val);
		}
		free(real);
	}
	rc = load_file(p->r, path, p->depth + 1);
	free(path);
	if (rc == ST_SYSTEM)
		errors_add(p->r->errs, p->path, p->line, col_of(p, val),
		    "included here");
	/* A file that cannot be read stays a system error. */
	return rc == 0 ? 0 : rc == ST_SYSTEM ? ST_SYSTEM : -1;
}

static int
open_block(struct parser *p, const char *key, const char *val)
{
	struct rules *r = p->r;

	if (strcmp(key, "default-region") == 0) {
		p->block = B_NONE;
		r->default_file = p->path;
		r->default_line = p->line;
		return set_once(p, key, val, &r->default_region);
	}
	if (one_word(p, key, val) != 0)
		return -1;
	if (strcmp(key, "include") == 0)
		return include(p, val);
	if (strcmp(key, "org") == 0) {
		struct org_rule *o;

		r->org = xreallocarray(r->org, r->norg + 1, sizeof(*r->org));
		o = &r->org[r->norg++];
		memset(o, 0, sizeof(*o));
		o->name = xstrdup(val);
		o->space = '-';
		o->tr = (size_t)-1;
		o->file = p->path;
		o->line = p->line;
		p->block = B_ORG;
	} else if (strcmp(key, "translit") == 0) {
		struct translit *t;

		r->tr = xreallocarray(r->tr, r->ntr + 1, sizeof(*r->tr));
		t = &r->tr[r->ntr++];
		memset(t, 0, sizeof(*t));
		t->name = xstrdup(val);
		t->file = p->path;
		t->line = p->line;
		p->block = B_TRANSLIT;
	} else if (strcmp(key, "region") == 0) {
		struct region *g;

		r->region = xreallocarray(r->region, r->nregion + 1,
		    sizeof(*r->region));
		g = &r->region[r->nregion++];
		memset(g, 0, sizeof(*g));
		g->name = xstrdup(val);
		g->file = p->path;
		g->line = p->line;
		p->block = B_REGION;
	} else if (strcmp(key, "extract") == 0) {
		struct extract_rule *x;

		r->ex = xreallocarray(r->ex, r->nex + 1, sizeof(*r->ex));
		x = &r->ex[r->nex++];
		memset(x, 0, sizeof(*x));
		x->name = xstrdup(val);
		x->file = p->path;
		x->line = p->line;
		p->block = B_EXTRACT;
	} else {
		return fail(p, key, "unknown directive '%s'", key);
	}
	return 0;
}

static int
parse_line(struct parser *p, char *line)
{
	char *s, *key, *val, *end;
	int indented = (*line == ' ' || *line == '\t');

	/* '#' starts a comment at the start of a line or after white space. */
	for (s = line; *s != '\0'; s++)
		if (*s == '#' && (s == line || s[-1] == ' ' || s[-1] == '\t'))
			break;
	*s = '\0';
	while (s > line && (s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\r'))
		*--s = '\0';
	key = (char *)skip_space(line);
	if (*key == '\0')
		return 0;
	end = (char *)word_end(key);
	val = (char *)skip_space(end);
	*end = '\0';
	if (!indented)
		return open_block(p, key, val);
	switch (p->block) {
	case B_ORG:
		return org_attr(p, key, val);
	case B_TRANSLIT:
		return translit_attr(p, key, val);
	case B_REGION:
		return region_attr(p, key, val);
	case B_EXTRACT:
		return extract_attr(p, key, val);
	case B_NONE:
		break;
	}
	return fail(p, key, "'%s' outside an org, translit, region or "
	    "extract block", key);
}

/* An extract block has what extraction cannot do without, and no twin. */
static int
check_extract(struct rules *r, size_t i)
{
	static const enum extract_attr need[] = { EX_HEADER, EX_NAME,
	    EX_NUMBER };
	static const char *const group[] = { "org", "local", "domain" };
	struct extract_rule *x = &r->ex[i];
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(x->name, r->ex[j].name) == 0) {
			errors_add(r->errs, x->file, x->line, 0, "extract '%s' "
			    "already defined on line %zu", x->name,
			    r->ex[j].line);
			return -1;
		}
	for (j = 0; j < sizeof(need) / sizeof(need[0]); j++)
		if (x->n[need[j]] == 0) {
			errors_add(r->errs, x->file, x->line, 0, "extract '%s' "
			    "has no '%s'", x->name, extract_attr_name[need[j]]);
			return -1;
		}
	if (x->note == NULL)
		x->note = xstrdup("");
	for (j = 0; j < x->n[EX_ADDRESSES] * 3; j++)
		if (pcre2_substring_number_from_name(x->re[EX_ADDRESSES][j / 3],
		    (PCRE2_SPTR)group[j % 3]) < 0) {
			const struct pattern *at = pattern_of(r,
			    x->re[EX_ADDRESSES][j / 3]);

			errors_add(r->errs, at->file, at->line, at->col,
			    "'addresses' needs a group (?<%s>...)", group[j % 3]);
			return -1;
		}
	return 0;
}

static int
finish(struct rules *r)
{
	struct errors *e = r->errs;
	size_t i, j;

	for (i = 0; i < r->norg; i++)
		for (j = 0; j < i; j++)
			if (strcmp(r->org[i].name, r->org[j].name) == 0) {
				errors_add(e, r->org[i].file, r->org[i].line,
				    0, "org '%s' already defined on line %zu",
				    r->org[i].name, r->org[j].line);
				return -1;
			}
	for (i = 0; i < r->ntr; i++)
		for (j = 0; j < i; j++)
			if (strcmp(r->tr[i].name, r->tr[j].name) == 0) {
				errors_add(e, r->tr[i].file, r->tr[i].line, 0,
				    "translit '%s' already defined on line %zu",
				    r->tr[i].name, r->tr[j].line);
				return -1;
			}
	for (i = 0; i < r->nregion; i++)
		for (j = 0; j < i; j++)
			if (strcasecmp(r->region[i].name, r->region[j].name) == 0) {
				errors_add(e, r->region[i].file,
				    r->region[i].line, 0, "region '%s' already "
				    "defined on line %zu", r->region[i].name,
				    r->region[j].line);
				return -1;
			}
	for (i = 0; i < r->norg; i++) {
		struct org_rule *o = &r->org[i];
		const char *miss = o->re == NULL ? "match" :
		    o->template == NULL ? "template" :
		    o->domain == NULL ? "domain" : NULL;

		if (miss != NULL) {
			errors_add(e, o->file, o->line, 0,
			    "org '%s' has no '%s'", o->name, miss);
			return -1;
		}
		if (o->translit != NULL) {
			for (j = 0; j < r->ntr; j++)
				if (strcmp(r->tr[j].name, o->translit) == 0)
					o->tr = j;
			if (o->tr == (size_t)-1) {
				errors_add(e, o->file, o->line, 0, "org '%s': "
				    "no translit profile '%s'", o->name,
				    o->translit);
				return -1;
			}
		}
		if (o->region != NULL && rules_region(r, o->region) == NULL) {
			errors_add(e, o->file, o->line, 0, "org '%s': no region "
			    "'%s'", o->name, o->region);
			return -1;
		}
	}
	for (i = 0; i < r->nregion; i++) {
		if (r->region[i].code == NULL) {
			errors_add(e, r->region[i].file, r->region[i].line,
			    0, "region '%s' has no 'code'", r->region[i].name);
			return -1;
		}
		if (r->region[i].trunk == NULL)
			r->region[i].trunk = xstrdup("");
	}
	for (i = 0; i < r->nex; i++)
		if (check_extract(r, i) != 0)
			return -1;
	if (r->default_region != NULL &&
	    rules_region(r, r->default_region) == NULL) {
		errors_add(e, r->default_file, r->default_line, 0,
		    "default-region '%s' is not a region in the file",
		    r->default_region);
		return -1;
	}
	return 0;
}

/* Remembers path for the positions of what it defines. */
static const char *
intern_path(struct rules *r, const char *path)
{
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	return r->files[r->nfiles++] = xstrdup(path);
}

static int
parse_text(struct rules *r, const char *path, const char *text, int depth)
{
	struct parser p = { r, intern_path(r, path), depth, B_NONE, 0, NULL };
	const uint8_t *bad;
	const char *s, *nl;
	char *line, *nfc;
	size_t nfclen;
	int rc = 0, k;

	r->digest = hash_bytes(path, strlen(path) + 1, r->digest);
	r->digest = hash_bytes(text, strlen(text), r->digest);
	if ((bad = u8_check((const uint8_t *)text, strlen(text))) != NULL) {
		size_t ln = 1;

		for (s = text; s < (const char *)bad; s++)
			ln += *s == '\n';
		errors_add(r->errs, path, ln, 0, "invalid UTF-8");
		return ST_DATA;
	}
	for (s = text; *s != '\0' && rc == 0; s = nl) {
		nl = strchr(s, '\n');
		nl = nl != NULL ? nl + 1 : s + strlen(s);
		line = xstrndup(s, (size_t)(nl - s) - (nl[-1] == '\n'));
		/* Organizations written decomposed match the store's NFC. */
		if ((nfc = fold_nfc(line, strlen(line), &nfclen)) != NULL) {
			free(line);
			line = nfc;
		}
		p.line++;
		p.linestart = line;
		if ((k = parse_line(&p, line)) != 0)
			rc = k == ST_SYSTEM ? ST_SYSTEM : ST_DATA;
		free(line);
	}
	return rc;
}

static int
load_file(struct rules *r, const char *path, int depth)
{
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if ((fp = fopen(path, "re")) == NULL) {
		errors_add(r->errs, NULL, 0, 0, "cannot open '%s': %s", path,
		    strerror(errno));
		return ST_SYSTEM;
	}
	do {
		if (cap - len < 4096) {
			cap = cap * 2 + 8192;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len - 1, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		errors_add(r->errs, NULL, 0, 0, "cannot read '%s': %s", path,
		    strerror(errno));
		fclose(fp);
		free(buf);
		return ST_SYSTEM;
	}
	fclose(fp);
	buf[len] = '\0';
	if (memchr(buf, '\0', len) != NULL) {
		errors_add(r->errs, NULL, 0, 0, "%s: NUL byte in rule file", path);
		free(buf);
		return ST_DATA;
	}
	/* What is being read, for include to see a loop by. */
	r->reading = xreallocarray(r->reading, r->nreading + 1,
	    sizeof(*r->reading));
	if ((r->reading[r->nreading] = realpath(path, NULL)) == NULL)
		r->reading[r->nreading] = xstrdup(path);
	r->nreading++;
	rc = parse_text(r, path, buf, depth);
	free(r->reading[--r->nreading]);
	free(buf);
	return rc;
}

static void
start(struct rules *r, const char *path, struct errors *errs)
{
	r->errs = errs;
	r->path = xstrdup(path);
	r->md = pcre2_match_data_create(32, NULL);
	if (pcre2_config(PCRE2_CONFIG_JIT, &r->jit) != 0)
		r->jit = 0;
	r->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(r->mctx, HEAP_LIMIT);
}

int
rules_load_mem(struct rules *r, const char *path, const char *text,
    struct errors *errs)
{
	int rc;

	start(r, path, errs);
	rc = parse_text(r, path, text, 0);
	if (rc == 0 && finish(r) != 0)
		rc = ST_DATA;
	return rc;
}

int
rules_load(struct rules *r, const char *path, struct errors *errs)
{
	int rc;

	start(r, path, errs);
	rc = load_file(r, path, 0);
	if (rc == 0 && finish(r) != 0)
		rc = ST_DATA;
	return rc;
}

void
rules_jit(const struct rules *r, pcre2_code *re)
{
	size_t size;

	if (r->jit && pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 &&
	    size == 0)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}

/*
 * pcre2_match() of a rule pattern under the limits, through the JIT where
 * it compiles the pattern. The JIT's stack is small; the interpreter's
 * depth and heap are limited too, so it gets the last word.
 */
static int
limited_match(const struct rules *r, pcre2_code *re, const char *s,
    size_t n, uint32_t opts)
{
	int rc;

	if (!(opts & PCRE2_NO_JIT))
		rules_jit(r, re);
	rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, opts, r->md, r->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, opts | PCRE2_NO_JIT,
		    r->md, r->mctx);
	return rc;
}

/* Non-zero if rc, from a match, says a limit stopped it, not a mismatch. */
static int
rules_too_costly(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

int
rules_match(const struct rules *r, pcre2_code *re, const char *s,
    size_t n)
{
	return limited_match(r, re, s, n, 0) >= 0;
}

int
rules_match_opts(const struct rules *r, pcre2_code *re, const char *s,
    size_t n, uint32_t opts)
{
	return limited_match(r, re, s, n, opts) >= 0;
}

int
rules_prefix(const struct rules *r, pcre2_code *re, const char *s)
{
	PCRE2_SIZE *ov;

	if (limited_match(r, re, s, strlen(s), PCRE2_ANCHORED) < 0)
		return -1;
	ov = pcre2_get_ovector_pointer(r->md);
	return (int)ov[1];
}

static const struct pattern *
pattern_of(const struct rules *r, const pcre2_code *re)
{
	size_t i;

	for (i = 0; i < r->npat; i++)
		if (r->pat[i].re == re)
			break;
	return &r->pat[i];
}

int
rules_org_find(const struct rules *r, const char *org, const char *unit,
    const struct org_rule **o, char **why)
{
	static const char *const field[] = { "organization", "unit" };
	const char *subject[] = { org, unit };
	const struct pattern *at;
	PCRE2_UCHAR msg[128];
	size_t i, k;
	int rc;

	for (i = 0; i < r->norg; i++) {
		for (k = 0; k < 2; k++) {
			if (*subject[k] == '\0')
				continue;
			rc = limited_match(r, r->org[i].re, subject[k],
			    strlen(subject[k]), 0);
			*o = &r->org[i];
			if (rc >= 0)
				return 0;
			/* A later profile cannot apply until this one says no. */
			if (!rules_too_costly(rc))
				continue;
			if (why != NULL) {
				at = pattern_of(r, r->org[i].re);
				pcre2_get_error_message(rc, msg, sizeof(msg));
				*why = xasprintf("%s:%zu:%zu: pattern too costly "
				    "for the %s: %s", at->file, at->line,
				    at->col, field[k], (char *)msg);
			}
			return -1;
		}
	}
	*o = NULL;
	return 0;
}

const struct org_rule *
rules_org(const struct rules *r, const char *org, const char *unit)
{
	const struct org_rule *o;

	return rules_org_find(r, org, unit, &o, NULL) == 0 ? o : NULL;
}

/* Reports pattern at if a run of a character it names costs too much. */
static int
probe(const struct rules *r, const struct pattern *at, struct errors *errs)
{
	char subject[PROBE_RUN * 4 + 2], *s;
	const uint8_t *c;
	PCRE2_UCHAR msg[128];
	size_t i, n;
	int k, rc, tail;

	for (c = (const uint8_t *)at->chars; *c != '\0'; c += k) {
		k = u8_mblen(c, 4);
		for (s = subject, i = 0; i < PROBE_RUN; i++, s += k)
			memcpy(s, c, (size_t)k);
		n = (size_t)(s - subject);
		/*
		 * The run alone, and then with a character after it that it
		 * does not hold: a digit for a phone pattern, which sees no
		 * other, else a control character no field holds.
		 */
		for (tail = 0; tail < 2; tail++) {
			if (tail)
				subject[n++] = at->digits ?
				    (char)('0' + (*c - '0' + 1) % 10) : '\x01';
			rc = limited_match(r, at->re, subject, n, 0);
			if (!rules_too_costly(rc))
				continue;
			pcre2_get_error_message(rc, msg, sizeof(msg));
			errors_add(errs, at->file, at->line, at->col,
			    "pattern too costly: %s on %d '%.*s'%s",
			    (char *)msg, PROBE_RUN, k, (const char *)c,
			    tail ? " and one other character" : "");
			return -1;
		}
	}
	return 0;
}

int
rules_probe(const struct rules *r, struct errors *errs)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < r->npat; i++)
		if (probe(r, &r->pat[i], errs) != 0)
			rc = ST_DATA;
	return rc;
}

const struct region *
rules_region(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nregion; i++)
		if (strcasecmp(r->region[i].name, name) == 0)
			return &r->region[i];
	return NULL;
}

const struct translit *
rules_translit(const struct rules *r, const struct org_rule *o)
{
	return o->tr == (size_t)-1 ? NULL : &r->tr[o->tr];
}
