/* vcard.c: reads vCard 2.1, 3.0 and 4.0 exports into entries and warnings. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uniconv.h>
#include <uninorm.h>
#include <unistr.h>

#include "diag.h"
#include "entry.h"
#include "names.h"
#include "vcard.h"

#define BOM "\xef\xbb\xbf"
#define DROPPED "%s '%s' not imported: the store keeps one phone, one " \
	"mobile and one email"

/* The TYPE values that decide where a number goes; others change nothing. */
enum {
	T_CELL = 1 << 0,
	T_FAX = 1 << 1,
	T_HOME = 1 << 2,
	T_PAGER = 1 << 3,
	T_PREF = 1 << 4,
};

static const struct {
	const char *name;
	unsigned bit;
} type_bits[] = {
	{ "cell", T_CELL },
	{ "fax", T_FAX },
	{ "home", T_HOME },
	{ "pager", T_PAGER },
	{ "pref", T_PREF },
};

enum kind {
	K_OTHER, K_BEGIN, K_END, K_EMAIL, K_FN, K_N, K_NOTE, K_ORG, K_TEL,
	K_TITLE,
};

static const struct {
	const char *name;
	enum kind kind;
} kinds[] = {
	{ "BEGIN", K_BEGIN },
	{ "EMAIL", K_EMAIL },
	{ "END", K_END },
	{ "FN", K_FN },
	{ "N", K_N },
	{ "NOTE", K_NOTE },
	{ "ORG", K_ORG },
	{ "TEL", K_TEL },
	{ "TITLE", K_TITLE },
};

/* What is left of the buffer, taken one physical line at a time. */
struct src {
	const char *p, *end;
	size_t no;		/* number of the line at p */
};

/* A content line put together from one or more physical lines. */
struct logical {
	struct strbuf b;
	size_t *off;		/* segment i starts at b.p + off[i] ... */
	size_t *no;		/* ... and was physical line no[i] */
	size_t nseg, cap;
	int nul;		/* a NUL byte was reported: skip the line */
	int head;		/* its name and parameters were looked at ... */
	int qp, b64;		/* ... and gave its encoding */
};

/* The parts of a content line the importer looks at. */
struct prop {
	enum kind kind;
	const char *value;	/* points into the logical line */
	size_t vlen;
	const char *charset;	/* NULL when none was given */
	size_t cslen;
	unsigned types;
	int pref;		/* 1 is most preferred; 0 when not said */
	int qp, b64;
};

struct piece {
	const char *p;
	size_t n;
};

struct phone {
	char *value;
	size_t line;
	unsigned types;
};

struct mail {
	char *value;
	size_t line;
	int pref;
};

/* What the card being read has said so far; NULL for what it has not. */
struct card {
	size_t line;		/* of its BEGIN:VCARD */
	size_t nerr;		/* errors recorded before it began */
	int has_n, has_org;
	char *given, *family, *fn, *title, *org, *unit, *note;
	struct phone *tel;
	size_t ntel, telcap;
	struct mail *mail;
	size_t nmail, mailcap;
};

struct reader {
	const char *file;
	struct errors *errs;
	/* Kept back until the whole file has been read without error. */
	struct errors warn;
	struct entries cards;
};

/*
 * libunistring reports a failed allocation as NULL with ENOMEM; leave the
 * way the x* wrappers do, through their out-of-memory exit.
 */
static void *
nomem(void)
{
	return xreallocarray(NULL, SIZE_MAX, SIZE_MAX);
}

static int
ieq(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
peek(const struct src *s, const char **line, size_t *len, const char **next)
{
	const char *nl;

	if (s->p >= s->end)
		return 0;
	nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
	*line = s->p;
	*len = (size_t)((nl != NULL ? nl : s->end) - s->p);
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	*next = nl != NULL ? nl + 1 : s->end;
	return 1;
}

static void
take(struct src *s, const char *next)
{
	s->p = next;
	s->no++;
}

static enum kind
kind_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (ieq(s, n, kinds[i].name))
			return kinds[i].kind;
	return K_OTHER;
}

static void
add_type(struct prop *p, const char *s, size_t n)
{
	size_t i;

	while (n > 0 && is_blank(*s))
		s++, n--;
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	for (i = 0; i < sizeof(type_bits) / sizeof(type_bits[0]); i++) {
		if (!ieq(s, n, type_bits[i].name))
			continue;
		p->types |= type_bits[i].bit;
		if (type_bits[i].bit == T_PREF)
			p->pref = 1;
	}
}

/* 2.1 parameters without a name: "TEL;WORK;VOICE:", "NOTE;QUOTED-PRINTABLE:" */
static void
bare_param(struct prop *p, const char *s, size_t n)
{
	const char *comma;
	size_t len;

	for (;;) {
		comma = memchr(s, ',', n);
		len = comma != NULL ? (size_t)(comma - s) : n;
		if (ieq(s, len, "QUOTED-PRINTABLE"))
			p->qp = 1;
		else if (ieq(s, len, "BASE64"))
			p->b64 = 1;
		else
			add_type(p, s, len);
		if (comma == NULL)
			return;
		n -= len + 1;
		s = comma + 1;
	}
}

static void
param(struct prop *p, const char *name, size_t nlen, const char *v, size_t n)
{
	int pref = 0;
	size_t i;

	if (ieq(name, nlen, "TYPE")) {
		/* A quoted TYPE="cell,voice" is a list all the same. */
		bare_param(p, v, n);
	} else if (ieq(name, nlen, "ENCODING")) {
		if (ieq(v, n, "QUOTED-PRINTABLE"))
			p->qp = 1;
		else if (ieq(v, n, "B") || ieq(v, n, "BASE64"))
			p->b64 = 1;
	} else if (ieq(name, nlen, "CHARSET")) {
		p->charset = v;
		p->cslen = n;
	} else if (ieq(name, nlen, "PREF")) {
		for (i = 0; i < n && i < 3 && v[i] >= '0' && v[i] <= '9'; i++)
			pref = pref * 10 + (v[i] - '0');
		if (i == n && pref >= 1 && (p->pref == 0 || pref < p->pref))
			p->pref = pref;
	}
}

/*
 * Splits "group.NAME;PARAM=value;PARAM="quoted":value"; NULL, or what is
 * wrong with the line.
 */
static const char *
prop_parse(const char *s, size_t n, struct prop *p)
{
	const char *name, *pname, *q;
	size_t i, start, plen;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < n && s[i] != ';' && s[i] != ':'; i++)
		;
	if (i == n)
		return "content line without ':'";
	for (name = s + i; name > s && name[-1] != '.'; name--)
		;
	if (name == s + i)
		return "content line without a property name";
	p->kind = kind_of(name, (size_t)(s + i - name));
	while (i < n && s[i] == ';') {
		start = ++i;
		while (i < n && s[i] != '=' && s[i] != ';' && s[i] != ':')
			i++;
		if (i == n || s[i] != '=') {
			bare_param(p, s + start, i - start);
			continue;
		}
		pname = s + start;
		plen = i++ - start;
		for (;;) {
			if (i < n && s[i] == '"') {
				q = memchr(s + i + 1, '"', n - i - 1);
				if (q == NULL)
					return "unterminated quoted parameter "
					    "value";
				param(p, pname, plen, s + i + 1,
				    (size_t)(q - s) - i - 1);
				i = (size_t)(q - s) + 1;
			} else {
				start = i;
				while (i < n && s[i] != ',' && s[i] != ';' &&
				    s[i] != ':')
					i++;
				param(p, pname, plen, s + start, i - start);
			}
			if (i == n || s[i] != ',')
				break;
			i++;
		}
	}
	if (i == n || s[i] != ':')
		return "content line without ':'";
	p->value = s + i + 1;
	p->vlen = n - i - 1;
	return NULL;
}

static void
logical_add(struct reader *r, struct logical *l, const char *s, size_t n,
    size_t no)
{
	struct prop p;

	if (memchr(s, '\0', n) != NULL) {
		errors_add(r->errs, r->file, no, 0, "NUL byte");
		l->nul = 1;
	}
	if (l->nseg == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->off = xreallocarray(l->off, l->cap, sizeof(*l->off));
		l->no = xreallocarray(l->no, l->cap, sizeof(*l->no));
	}
	l->off[l->nseg] = l->b.len;
	l->no[l->nseg++] = no;
	strbuf_add(&l->b, s, n);
	/* Once, at the first ':', so that a long folded value costs no more. */
	if (!l->head && memchr(s, ':', n) != NULL) {
		l->head = 1;
		if (prop_parse(l->b.p, l->b.len, &p) == NULL) {
			l->qp = p.qp;
			l->b64 = p.b64;
		}
	}
}

/* The physical line that byte off of the logical line came from. */
static size_t
logical_line_at(const struct logical *l, size_t off)
{
	size_t i = l->nseg - 1;

	while (i > 0 && l->off[i] > off)
		i--;
	return l->no[i];
}

static int
is_end_vcard(const char *s, size_t n)
{
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	return ieq(s, n, "END:VCARD");
}

/* A quoted-printable value that ends in '=' goes on on the next line. */
static int
soft_break(const struct logical *l, const char *next, size_t n)
{
	return l->qp && l->b.len > 0 && l->b.p[l->b.len - 1] == '=' &&
	    !is_end_vcard(next, n);
}

/*
 * vCard 2.1 lets base64 run on over lines that are not indented, up to a
 * blank line; a line of base64 has no ':' to make it a property.
 */
static int
base64_more(const struct logical *l, const char *s, size_t n)
{
	size_t i;
	char c;

	if (!l->b64 || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '/' ||
		    c == '=' || is_blank(c)))
			return 0;
	}
	return 1;
}

/*
 * The next content line, unfolded (RFC 6350 3.2: one leading space or tab
 * joins a line to the one before) and with quoted-printable soft breaks
 * joined; 0 at the end of the buffer.
 */
static int
logical_read(struct reader *r, struct src *s, struct logical *l)
{
	const char *line, *next;
	size_t len;

	if (!peek(s, &line, &len, &next))
		return 0;
	l->b.len = l->nseg = 0;
	l->nul = l->head = l->qp = l->b64 = 0;
	logical_add(r, l, line, len, s->no);
	take(s, next);
	while (peek(s, &line, &len, &next)) {
		if (soft_break(l, line, len)) {
			l->b.p[--l->b.len] = '\0';
			/* Writers differ on indenting the rest of the value. */
			if (len > 0 && is_blank(*line))
				line++, len--;
		} else if (len > 0 && is_blank(*line)) {
			line++, len--;
		} else if (!base64_more(l, line, len)) {
			break;
		}
		logical_add(r, l, line, len, s->no);
		take(s, next);
	}
	return 1;
}

static int
logical_blank(const struct logical *l)
{
	size_t i;

	for (i = 0; i < l->b.len; i++)
		if (!is_blank(l->b.p[i]))
			return 0;
	return 1;
}

/*
 * Reports the first bad byte of s at its physical line: s lies at offset
 * off of l, or was decoded from it when off is SIZE_MAX.
 */
static int
check_utf8(struct reader *r, const struct logical *l, const char *s,
    size_t n, size_t off)
{
	const uint8_t *bad;

	if ((bad = u8_check((const uint8_t *)s, n)) == NULL)
		return 0;
	errors_add(r->errs, r->file, off == SIZE_MAX ? l->no[0] :
	    logical_line_at(l, off + (size_t)((const char *)bad - s)), 0,
	    "invalid UTF-8");
	return -1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int
unqp(struct reader *r, const struct logical *l, const char *v, size_t n,
    struct strbuf *b)
{
	size_t i;
	char c;

	strbuf_add(b, "", 0);
	for (i = 0; i < n; i++) {
		if (v[i] != '=') {
			strbuf_add(b, v + i, 1);
			continue;
		}
		/* A soft break that was kept from swallowing END:VCARD. */
		if (i + 1 == n)
			break;
		if (i + 2 == n || hexval(v[i + 1]) < 0 ||
		    hexval(v[i + 2]) < 0) {
			errors_add(r->errs, r->file, l->no[0], 0,
			    "bad quoted-printable sequence '%.*s'",
			    i + 2 == n ? 2 : 3, v + i);
			return -1;
		}
		c = (char)(hexval(v[i + 1]) << 4 | hexval(v[i + 2]));
		strbuf_add(b, &c, 1);
		i += 2;
	}
	return 0;
}

static int
is_utf8_name(const char *s, size_t n)
{
	return ieq(s, n, "UTF-8") || ieq(s, n, "UTF8");
}

/*
 * The value of p as valid UTF-8, its transfer encoding and charset undone:
 * a new buffer of *len bytes and a NUL; NULL after an error record.
 */
static char *
decode(struct reader *r, const struct logical *l, const struct prop *p,
    size_t *len)
{
	struct strbuf b = { 0 };
	const char *v = p->value;
	size_t n = p->vlen, off = (size_t)(p->value - l->b.p);
	char *cs = NULL, *out = NULL;
	iconv_t cd;
	uint8_t *u;

	if (p->qp) {
		if (unqp(r, l, v, n, &b) != 0)
			goto done;
		v = b.p;
		n = b.len;
		off = SIZE_MAX;
	}
	if (p->charset != NULL && p->cslen > 0 &&
	    !is_utf8_name(p->charset, p->cslen)) {
		cs = xstrndup(p->charset, p->cslen);
		/*
		 * Asked first, as u8_conv_from_encoding() fails with EINVAL
		 * for an unknown charset and for a value cut short alike.
		 */
		if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1) {
			errors_add(r->errs, r->file, l->no[0], 0,
			    "unknown charset '%s'", cs);
			goto done;
		}
		iconv_close(cd);
		u = u8_conv_from_encoding(cs, iconveh_error, v, n, NULL, NULL,
		    len);
		if (u == NULL && errno == ENOMEM)
			nomem();
		if (u == NULL) {
			errors_add(r->errs, r->file, l->no[0], 0,
			    "text is not valid in charset '%s'", cs);
			goto done;
		}
		out = xstrndup((const char *)u, *len);
		free(u);
	} else {
		if (check_utf8(r, l, v, n, off) != 0)
			goto done;
		out = xstrndup(v, n);
		*len = n;
	}
	/* Only decoding can make one: NULs in the file were reported. */
	if (memchr(out, '\0', *len) != NULL) {
		errors_add(r->errs, r->file, l->no[0], 0, "NUL byte");
		free(out);
		out = NULL;
	}
done:
	free(cs);
	free(b.p);
	return out;
}

/* s cut at each sep that no backslash escapes. Caller frees. */
static struct piece *
split(const char *s, size_t n, char sep, size_t *count)
{
	struct piece *v = NULL;
	size_t i, start = 0, cap = 0;

	*count = 0;
	for (i = 0; i <= n; i++) {
		if (i + 1 < n && s[i] == '\\') {
			i++;
			continue;
		}
		if (i < n && s[i] != sep)
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[*count].p = s + start;
		v[(*count)++].n = i - start;
		start = i + 1;
	}
	return v;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * s as a column value: escapes undone, line breaks as "\n", no blanks
 * around it, NFC. NULL when nothing is left; caller frees.
 */
static char *
text(const char *s, size_t n)
{
	struct strbuf b = { 0 };
	size_t i, start, end, len;
	uint8_t *u;
	char c, *t;

	strbuf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\\' && i + 1 < n && s[i + 1] != '\0' &&
		    strchr("nN,;:\\", s[i + 1]) != NULL) {
			c = s[++i];
			if (c == 'n' || c == 'N')
				c = '\n';
		} else if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		strbuf_add(&b, &c, 1);
	}
	for (start = 0; start < b.len && is_space(b.p[start]); start++)
		;
	for (end = b.len; end > start && is_space(b.p[end - 1]); end--)
		;
	if (start == end) {
		free(b.p);
		return NULL;
	}
	u = u8_normalize(UNINORM_NFC, (const uint8_t *)b.p + start,
	    end - start, NULL, &len);
	free(b.p);
	if (u == NULL)
		return nomem();
	t = xstrndup((const char *)u, len);
	free(u);
	return t;
}

/* The texts of v[0..n) that are not empty, joined by sep; NULL when none. */
static char *
join(const struct piece *v, size_t n, const char *sep)
{
	struct strbuf b = { 0 };
	size_t i;
	char *t;

	for (i = 0; i < n; i++) {
		if ((t = text(v[i].p, v[i].n)) == NULL)
			continue;
		if (b.len > 0)
			strbuf_add(&b, sep, strlen(sep));
		strbuf_add(&b, t, strlen(t));
		free(t);
	}
	return b.p;
}

/* Component i of N, its comma-separated names joined by spaces. */
static char *
n_part(const struct piece *v, size_t n, size_t i)
{
	struct piece *w;
	size_t nw;
	char *s;

	if (i >= n)
		return NULL;
	w = split(v[i].p, v[i].n, ',', &nw);
	s = join(w, nw, " ");
	free(w);
	return s;
}

static void
set_n(struct card *c, const char *v, size_t n)
{
	struct piece *parts;
	size_t np;
	char *given, *more;

	parts = split(v, n, ';', &np);
	c->family = n_part(parts, np, 0);
	given = n_part(parts, np, 1);
	more = n_part(parts, np, 2);
	if (given != NULL && more != NULL) {
		c->given = xasprintf("%s %s", given, more);
		free(given);
		free(more);
	} else
		c->given = given != NULL ? given : more;
	free(parts);
}

static void
set_org(struct card *c, const char *v, size_t n)
{
	struct piece *parts;
	size_t np;

	parts = split(v, n, ';', &np);
	c->org = text(parts[0].p, parts[0].n);
	c->unit = join(parts + 1, np - 1, ", ");
	free(parts);
}

/* t without the "tel:" or "mailto:" of a 4.0 URI value. */
static char *
unscheme(char *t, const char *scheme)
{
	size_t n = strlen(scheme);

	if (t != NULL && strncasecmp(t, scheme, n) == 0)
		memmove(t, t + n, strlen(t + n) + 1);
	if (t != NULL && *t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

static void
add_tel(struct card *c, char *value, size_t line, unsigned types)
{
	if (c->ntel == c->telcap) {
		c->telcap = c->telcap ? c->telcap * 2 : 4;
		c->tel = xreallocarray(c->tel, c->telcap, sizeof(*c->tel));
	}
	c->tel[c->ntel].value = value;
	c->tel[c->ntel].line = line;
	c->tel[c->ntel++].types = types;
}

static void
add_mail(struct card *c, char *value, size_t line, int pref)
{
	if (c->nmail == c->mailcap) {
		c->mailcap = c->mailcap ? c->mailcap * 2 : 4;
		c->mail = xreallocarray(c->mail, c->mailcap, sizeof(*c->mail));
	}
	c->mail[c->nmail].value = value;
	c->mail[c->nmail].line = line;
	c->mail[c->nmail++].pref = pref;
}

static void
card_begin(struct card *c, size_t line, size_t nerr)
{
	memset(c, 0, sizeof(*c));
	c->line = line;
	c->nerr = nerr;
}

static void
card_free(struct card *c)
{
	size_t i;

	free(c->given);
	free(c->family);
	free(c->fn);
	free(c->title);
	free(c->org);
	free(c->unit);
	free(c->note);
	for (i = 0; i < c->ntel; i++)
		free(c->tel[i].value);
	free(c->tel);
	for (i = 0; i < c->nmail; i++)
		free(c->mail[i].value);
	free(c->mail);
	memset(c, 0, sizeof(*c));
}

static void
card_prop(struct reader *r, struct card *c, const struct logical *l,
    const struct prop *p)
{
	size_t off = (size_t)(p->value - l->b.p), len;
	char *v, *t;

	if (check_utf8(r, l, l->b.p, off, 0) != 0)
		return;
	/* PHOTO, LOGO, KEY, SOUND: nothing the store keeps. */
	if (p->b64)
		return;
	if (p->kind == K_OTHER) {
		/* Unused, but bytes that are not UTF-8 mean a wrong file. */
		if (!p->qp && p->charset == NULL)
			check_utf8(r, l, p->value, p->vlen, off);
		return;
	}
	if ((v = decode(r, l, p, &len)) == NULL)
		return;
	switch (p->kind) {
	case K_N:
		if (!c->has_n)
			set_n(c, v, len);
		c->has_n = 1;
		break;
	case K_FN:
		if (c->fn == NULL)
			c->fn = text(v, len);
		break;
	case K_ORG:
		if (!c->has_org)
			set_org(c, v, len);
		c->has_org = 1;
		break;
	case K_TITLE:
		if (c->title == NULL)
			c->title = text(v, len);
		break;
	case K_NOTE:
		if (c->note == NULL)
			c->note = text(v, len);
		break;
	case K_TEL:
		if ((t = unscheme(text(v, len), "tel:")) != NULL)
			add_tel(c, t, l->no[0], p->types);
		break;
	case K_EMAIL:
		if ((t = unscheme(text(v, len), "mailto:")) != NULL)
			add_mail(c, t, l->no[0], p->pref);
		break;
	default:
		break;
	}
	free(v);
}

static void
set(struct entry *e, const char *column, const char *value)
{
	if (value != NULL)
		entry_set(e, column, value);
}

/* Every TEL and EMAIL the entry does not hold, in the order of the file. */
static void
warn_dropped(struct reader *r, const struct card *c, size_t phone,
    size_t mobile, size_t email)
{
	const char *p = phone < c->ntel ? c->tel[phone].value : "";
	const char *m = mobile < c->ntel ? c->tel[mobile].value : "";
	const char *e = email < c->nmail ? c->mail[email].value : "";
	size_t i = 0, j = 0;

	while (i < c->ntel || j < c->nmail) {
		if (j == c->nmail || (i < c->ntel &&
		    c->tel[i].line <= c->mail[j].line)) {
			/* The same number twice loses nothing. */
			if (i != phone && i != mobile &&
			    strcmp(c->tel[i].value, p) != 0 &&
			    strcmp(c->tel[i].value, m) != 0)
				errors_add(&r->warn, r->file, c->tel[i].line, 0,
				    DROPPED, "TEL", c->tel[i].value);
			i++;
		} else {
			if (j != email && strcasecmp(c->mail[j].value, e) != 0)
				errors_add(&r->warn, r->file, c->mail[j].line,
				    0, DROPPED, "EMAIL", c->mail[j].value);
			j++;
		}
	}
}

static char *
nonempty(char *s)
{
	if (s != NULL && *s == '\0') {
		free(s);
		s = NULL;
	}
	return s;
}

static void
card_end(struct reader *r, struct card *c)
{
	const unsigned notphone = T_CELL | T_FAX | T_PAGER | T_HOME;
	size_t i, phone = SIZE_MAX, mobile = SIZE_MAX, email = SIZE_MAX;
	char *given = c->given, *family = c->family, *g = NULL, *f = NULL;
	struct entry *e;

	/* Its errors are reported; a name it lost to one is no news. */
	if (r->errs->n > c->nerr) {
		card_free(c);
		return;
	}
	if (given == NULL && family == NULL && c->fn != NULL) {
		names_split(c->fn, &g, &f);
		given = g = nonempty(g);
		family = f = nonempty(f);
	}
	if (given == NULL && family == NULL) {
		errors_add(r->errs, r->file, c->line, 0,
		    "card has no name (N or FN)");
		card_free(c);
		return;
	}
	for (i = 0; i < c->ntel; i++) {
		if (c->tel[i].types & T_CELL) {
			if (mobile == SIZE_MAX)
				mobile = i;
		} else if (!(c->tel[i].types & notphone) && phone == SIZE_MAX)
			phone = i;
	}
	for (i = 0; i < c->ntel && phone == SIZE_MAX; i++)
		if ((c->tel[i].types & notphone) == T_HOME)
			phone = i;
	for (i = 0; i < c->nmail; i++)
		if (c->mail[i].pref > 0 && (email == SIZE_MAX ||
		    c->mail[i].pref < c->mail[email].pref))
			email = i;
	if (email == SIZE_MAX && c->nmail > 0)
		email = 0;

	e = entries_add(&r->cards, r->file, c->line);
	set(e, "given_name", given);
	set(e, "family_name", family);
	set(e, "title", c->title);
	set(e, "organization", c->org);
	set(e, "unit", c->unit);
	set(e, "phone", phone != SIZE_MAX ? c->tel[phone].value : NULL);
	set(e, "mobile", mobile != SIZE_MAX ? c->tel[mobile].value : NULL);
	set(e, "email", email != SIZE_MAX ? c->mail[email].value : NULL);
	set(e, "note", c->note);
	warn_dropped(r, c, phone, mobile, email);
	free(g);
	free(f);
	card_free(c);
}

/* BEGIN:VCARD or END:VCARD, as kind says. */
static int
is_vcard(const struct prop *p, enum kind kind)
{
	const char *v = p->value;
	size_t n = p->vlen;

	while (n > 0 && is_blank(*v))
		v++, n--;
	while (n > 0 && is_blank(v[n - 1]))
		n--;
	return p->kind == kind && ieq(v, n, "VCARD");
}

int
vcard_sniff(const char *buf, size_t len)
{
	struct src s = { buf, NULL, 1 };
	const char *line, *next;
	size_t n;

	if (len == 0)
		return 0;
	s.end = buf + len;
	if (len >= 3 && memcmp(buf, BOM, 3) == 0)
		s.p += 3;
	while (peek(&s, &line, &n, &next)) {
		while (n > 0 && is_blank(line[n - 1]))
			n--;
		if (n > 0)
			return ieq(line, n, "BEGIN:VCARD");
		take(&s, next);
	}
	return 0;
}

static void
card_lost(struct reader *r, struct card *c)
{
	errors_add(r->errs, r->file, c->line, 0,
	    "card begun here has no END:VCARD");
	card_free(c);
}

int
vcard_read(const char *file, const char *buf, size_t len,
    struct entries *out, struct errors *errs, struct errors *warn)
{
	struct reader r = { file, errs, { 0 }, { 0 } };
	struct src s = { buf, buf, 1 };
	struct logical l = { { 0 }, NULL, NULL, 0, 0, 0, 0, 0, 0 };
	struct card c;
	struct prop p;
	struct entry *e, *from;
	const char *msg;
	size_t nerr = errs->n, i, j;
	int in = 0, junk = 0;

	/* buf may be NULL for an empty file. */
	if (len > 0)
		s.end = buf + len;
	if (len >= 3 && memcmp(buf, BOM, 3) == 0)
		s.p += 3;
	while (logical_read(&r, &s, &l)) {
		if (logical_blank(&l)) {
			junk = 0;
			continue;
		}
		if (l.nul)
			continue;
		msg = prop_parse(l.b.p, l.b.len, &p);
		if (!in) {
			if (msg == NULL && is_vcard(&p, K_BEGIN)) {
				card_begin(&c, l.no[0], errs->n);
				in = 1;
			} else if (msg == NULL && is_vcard(&p, K_END))
				errors_add(errs, file, l.no[0], 0,
				    "END:VCARD without BEGIN:VCARD");
			/* One report for a run of lines is enough. */
			else if (!junk)
				errors_add(errs, file, l.no[0], 0,
				    "text outside BEGIN:VCARD and END:VCARD");
			junk = !in;
			continue;
		}
		if (msg != NULL)
			errors_add(errs, file, l.no[0], 0, "%s", msg);
		else if (is_vcard(&p, K_BEGIN)) {
			card_lost(&r, &c);
			card_begin(&c, l.no[0], errs->n);
		} else if (is_vcard(&p, K_END)) {
			card_end(&r, &c);
			in = 0;
		} else
			card_prop(&r, &c, &l, &p);
	}
	if (in)
		card_lost(&r, &c);
	free(l.b.p);
	free(l.off);
	free(l.no);

	if (errs->n == nerr) {
		for (i = 0; i < r.cards.n; i++) {
			from = &r.cards.v[i];
			e = entries_add(out, from->file, from->line);
			for (j = 0; j < from->n; j++)
				entry_set(e, from->name[j], from->value[j]);
		}
		for (i = 0; warn != NULL && i < r.warn.n; i++)
			errors_add(warn, r.warn.v[i].file, r.warn.v[i].line,
			    r.warn.v[i].col, "%s", r.warn.v[i].msg);
	}
	entries_release(&r.cards);
	errors_release(&r.warn);
	return errs->n == nerr ? 0 : ST_DATA;
}
