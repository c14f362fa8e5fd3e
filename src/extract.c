/* extract.c: reads the contact block of a press release into officials, by the patterns of the rule file. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "diag.h"
#include "email.h"
#include "entry.h"
#include "extract.h"
#include "fold.h"
#include "names.h"
#include "phone.h"
#include "rules.h"

/* A part of an entry: what lies between commas, semicolons and line ends. */
struct part {
	char *s;
	size_t line;
};

struct parts {
	struct part *v;
	size_t n;
};

/* A number as written and what its label says of it. */
enum kind { K_NONE, K_PHONE, K_MOBILE };

struct number {
	char *s;
	enum kind kind;
};

/* A person as the block names them, before the columns are chosen. */
struct person {
	char *given, *family, *title, *unit, *org, *email;
	char *detail;		/* practical details, a role */
	struct number *num;
	size_t nnum;
	size_t line;
};

/* Everything extraction reads a release with. */
struct reader {
	const struct rules *r;
	const struct extract_rule *x;	/* the block's language */
	const char *name;
	char **line;		/* the text's lines, NFC, spaces made plain */
	size_t nline;
	struct release *rel;
	struct entries *out;
};

/*
 * A match of re in the n bytes at s, left in r->md. Extraction keeps to
 * pcre2's interpreter: the JIT reads ahead of a subject's end in 16-byte
 * steps (never past its page), which memcheck counts as errors, and a
 * release is short.
 */
static int
match(const struct rules *r, pcre2_code *re, const char *s, size_t n,
    uint32_t opts)
{
	return rules_match_opts(r, re, s, n, opts | PCRE2_NO_JIT);
}

/* Length of the match of re at the start of s, or -1. */
static int
match_at(const struct rules *r, pcre2_code *re, const char *s)
{
	if (!match(r, re, s, strlen(s), PCRE2_ANCHORED))
		return -1;
	return (int)pcre2_get_ovector_pointer(r->md)[1];
}

void
release_init(struct release *rel)
{
	memset(rel, 0, sizeof(*rel));
}

void
release_clear(struct release *rel)
{
	free(rel->source);
	free(rel->sentence);
	free(rel->issuer);
	free(rel->address);
	free(rel->template);
	free(rel->domain);
	release_init(rel);
}

/* s with white space runs made one space and trimmed; caller frees. */
static char *
squeeze(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = s[i];
		}
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* s trimmed of spaces in place, and of a final full stop if stop. */
static char *
trim(char *s, int stop)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || (stop && e[-1] == '.')))
		*--e = '\0', stop = 0;
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return s;
}

/*
 * The first match of any pattern of attribute a in the n bytes at s, the
 * earliest, or the longest of those starting together: 1 and its bounds,
 * or 0.
 */
static int
find(const struct rules *r, const struct extract_rule *x,
    enum extract_attr a, const char *s, size_t n, size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov;
	size_t i;
	int found = 0;

	for (i = 0; i < x->n[a]; i++) {
		if (!match(r, x->re[a][i], s, n, 0))
			continue;
		ov = pcre2_get_ovector_pointer(r->md);
		if (ov[1] <= ov[0])
			continue;
		if (!found || ov[0] < *so || (ov[0] == *so && ov[1] > *eo)) {
			*so = ov[0];
			*eo = ov[1];
			found = 1;
		}
	}
	return found;
}

/* The offset of the character after the one at offset i of s (UTF-8). */
static size_t
next_char(const char *s, size_t i)
{
	if (s[i] == '\0')
		return i;
	for (i++; ((unsigned char)s[i] & 0xc0) == 0x80; i++)
		;
	return i;
}

/*
 * Like find(), but only a match that is whole words: it starts at s or
 * after a space and ends at the end or before one, and starts at from or
 * later.
 */
static int
find_word(const struct rules *r, const struct extract_rule *x,
    enum extract_attr a, const char *s, size_t from, size_t *so, size_t *eo)
{
	size_t n = strlen(s), off = from, a0, a1;

	while (off < n && find(r, x, a, s + off, n - off, &a0, &a1)) {
		a0 += off;
		a1 += off;
		if ((a0 == 0 || s[a0 - 1] == ' ') &&
		    (s[a1] == '\0' || s[a1] == ' ')) {
			*so = a0;
			*eo = a1;
			return 1;
		}
		off = next_char(s, a0);
	}
	return 0;
}

/* Length of the longest match of attribute a at the start of s, or -1. */
static int
prefix(const struct rules *r, const struct extract_rule *x,
    enum extract_attr a, const char *s)
{
	size_t i;
	int k, best = -1;

	for (i = 0; i < x->n[a]; i++)
		if ((k = match_at(r, x->re[a][i], s)) > best)
			best = k;
	return best;
}

static int
has(const struct rules *r, const struct extract_rule *x,
    enum extract_attr a, const char *s)
{
	size_t so, eo;

	return find(r, x, a, s, strlen(s), &so, &eo);
}

/* Non-zero if s is a whole name, and no word of it a title, unit or organization. */
static int
is_name(const struct rules *r, const struct extract_rule *x, const char *s)
{
	size_t i, n = strlen(s);
	int whole = 0;

	for (i = 0; i < x->n[EX_NAME] && !whole; i++)
		whole = match(r, x->re[EX_NAME][i], s, n, 0);
	return whole && !has(r, x, EX_TITLE_WORD, s) &&
	    !has(r, x, EX_UNIT, s) && !has(r, x, EX_ORG, s) &&
	    rules_org(r, s, "") == NULL;
}

/*
 * Non-zero if the part s names a person: a name, or a title and a name;
 * *tlen is the length of the title (0 for none).
 */
static int
person_at(const struct rules *r, const struct extract_rule *x, const char *s,
    size_t *tlen)
{
	size_t i;
	int k;

	if (*s == '\0' || strpbrk(s, "0123456789@():") != NULL)
		return 0;
	for (i = 0; i < x->n[EX_TITLE]; i++) {
		k = match_at(r, x->re[EX_TITLE][i], s);
		if (k > 0 && s[k] != '\0' && is_name(r, x, s + k)) {
			*tlen = (size_t)k;
			return 1;
		}
	}
	*tlen = 0;
	return is_name(r, x, s);
}

static void
parts_add(struct parts *p, const char *s, size_t n, size_t line)
{
	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	p->v[p->n].s = xstrndup(s, n);
	p->v[p->n++].line = line;
}

static void
parts_release(struct parts *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].s);
	free(p->v);
}

/*
 * Non-zero if the part s opens with a person, alone or after a role that
 * names them ("Praktiska arrangemang: Vuokko Ranki").
 */
static int
starts_person(const struct reader *rd, const char *s)
{
	const char *colon = strchr(s, ':');
	char *after;
	size_t t;
	int yes;

	if (person_at(rd->r, rd->x, s, &t))
		return 1;
	if (colon == NULL || colon == s || strcspn(s, "0123456789") <
	    (size_t)(colon - s))
		return 0;
	after = xstrdup(colon + 1);
	yes = person_at(rd->r, rd->x, trim(after, 0), &t);
	free(after);
	return yes;
}

/*
 * Non-zero if the n bytes at s can end a person's entry before a joiner:
 * a number, an address, details or a person; not words that a joiner
 * goes on ("Unit for Eastern Europe and Central Asia").
 */
static int
ends_entry(const struct reader *rd, const char *s, size_t n)
{
	char *left = xstrndup(s, n), *l = trim(left, 0);
	size_t t;
	int yes = *l == '\0' || strpbrk(l, "0123456789@") != NULL ||
	    l[strlen(l) - 1] == ')' || person_at(rd->r, rd->x, l, &t);

	free(left);
	return yes;
}

/*
 * Adds s to p, first split where a joiner ("och", "ja", "and") stands
 * before a person, and where a role names the person after it
 * ("Praktiska arrangemang: Vuokko Ranki"): the role follows the person,
 * in parentheses, as details written after a name are.
 */
static void
add_split(const struct reader *rd, struct parts *p, char *s, size_t line)
{
	const struct rules *r = rd->r;
	const struct extract_rule *x = rd->x;
	size_t so, eo, from = 0, t;
	char *rest, *colon;

	s = trim(s, 0);
	while (find_word(r, x, EX_JOINER, s, from, &so, &eo)) {
		rest = trim(s + eo, 0);
		if (!starts_person(rd, rest) || !ends_entry(rd, s, so)) {
			from = next_char(s, so);
			continue;
		}
		/* The words before the joiner, without its space. */
		while (so > 0 && s[so - 1] == ' ')
			so--;
		if (so > 0)
			parts_add(p, s, so, line);
		s = rest;
		from = 0;
	}
	colon = strchr(s, ':');
	if (colon != NULL && !person_at(r, x, s, &t) && starts_person(rd, s)) {
		rest = trim(colon + 1, 0);
		parts_add(p, rest, strlen(rest), line);
		*colon = '\0';
		rest = xasprintf("(%s)", trim(s, 0));
		parts_add(p, rest, strlen(rest), line);
		free(rest);
		return;
	}
	if (*s != '\0')
		parts_add(p, s, strlen(s), line);
}

/*
 * Non-zero if every parenthesis of s is closed: one left open would
 * otherwise hide every comma after it ("Vuokko Ranki (tfn 050 ...").
 */
static int
balanced(const char *s)
{
	int depth = 0;

	for (; *s != '\0'; s++)
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
	return depth == 0;
}

/*
 * A line of the block into parts: split at commas and semicolons outside
 * parentheses, and a parenthesis after other text made a part of its own:
 * details in their parentheses, a number without them ("Matti Virtanen
 * (puh. 0295 350 000)").
 */
static void
split_line(const struct reader *rd, struct parts *p, const char *line,
    size_t no)
{
	char *copy = xstrdup(line), *s = copy, *e, *open;
	int depth = 0, last, closed, parens = balanced(line);

	for (e = s;; e++) {
		if (*e == '(' && parens)
			depth++;
		else if (*e == ')' && depth > 0)
			depth--;
		if (*e != '\0' && (depth > 0 || (*e != ',' && *e != ';')))
			continue;
		last = *e == '\0';
		*e = '\0';
		s = trim(s, last);
		open = strchr(s, '(');
		closed = *s != '\0' && s[strlen(s) - 1] == ')';
		if (open != NULL && open > s && open[-1] == ' ' &&
		    (closed || !parens)) {
			char *inner = xstrndup(open + 1, strlen(open + 1) -
			    (size_t)closed);
			char *detail = strpbrk(inner, "0123456789") != NULL ?
			    xstrdup(inner) : xasprintf("(%s)", inner);

			free(inner);
			*open = '\0';
			add_split(rd, p, s, no);
			parts_add(p, detail, strlen(detail), no);
			free(detail);
		} else {
			add_split(rd, p, s, no);
		}
		if (last)
			break;
		s = e + 1;
	}
	free(copy);
}

/* *slot set to v, or v added after sep if it has a value. */
static void
append(char **slot, const char *v, const char *sep)
{
	char *was = *slot;

	if (*v == '\0')
		return;
	*slot = was == NULL ? xstrdup(v) : xasprintf("%s%s%s", was, sep, v);
	free(was);
}

static void
person_release(struct person *pe)
{
	size_t i;

	free(pe->given);
	free(pe->family);
	free(pe->title);
	free(pe->unit);
	free(pe->org);
	free(pe->email);
	free(pe->detail);
	for (i = 0; i < pe->nnum; i++)
		free(pe->num[i].s);
	free(pe->num);
	memset(pe, 0, sizeof(*pe));
}

/* Non-zero if s names an organization: by a word of one, or a profile. */
static int
is_org(const struct reader *rd, const char *s)
{
	return has(rd->r, rd->x, EX_ORG, s) ||
	    rules_org(rd->r, s, "") != NULL;
}

/* Where a part that is neither name nor number goes: title, unit, organization. */
static void
describe(const struct reader *rd, struct person *pe, char *s)
{
	const struct rules *r = rd->r;
	const struct extract_rule *x = rd->x;
	size_t so, eo;
	int org, unit;

	if (find_word(r, x, EX_AT, s, next_char(s, 0), &so, &eo)) {
		char *right = trim(s + eo, 0);

		s[so] = '\0';
		append(&pe->title, trim(s, 0), ", ");
		if (is_org(rd, right) && pe->org == NULL)
			pe->org = xstrdup(right);
		else
			append(&pe->unit, right, ", ");
		return;
	}
	/*
	 * By its words first; a part no word names fills the title, then the
	 * unit, then the organization.
	 */
	org = is_org(rd, s) && pe->org == NULL;
	unit = has(r, x, EX_UNIT, s) && pe->unit == NULL;
	if (has(r, x, EX_TITLE_WORD, s) || (pe->title == NULL && !org && !unit))
		append(&pe->title, s, ", ");
	else if (pe->org == NULL && (org || pe->unit != NULL))
		pe->org = xstrdup(s);
	else if (pe->unit == NULL)
		pe->unit = xstrdup(s);
	else
		append(&pe->detail, s, "; ");
}

/* The numbers of a part, each with the label written before it. */
static void
numbers(const struct reader *rd, struct person *pe, const char *s)
{
	const struct rules *r = rd->r;
	const struct extract_rule *x = rd->x;
	size_t n = strlen(s), off = 0, so, eo, l0, l1;
	enum kind kind;

	while (off < n && find(r, x, EX_NUMBER, s + off, n - off, &so, &eo)) {
		/* The label is what stands between the last number and this. */
		kind = find(r, x, EX_MOBILE_LABEL, s + off, so, &l0, &l1) ?
		    K_MOBILE : find(r, x, EX_PHONE_LABEL, s + off, so, &l0,
		    &l1) ? K_PHONE : K_NONE;
		pe->num = xreallocarray(pe->num, pe->nnum + 1,
		    sizeof(*pe->num));
		pe->num[pe->nnum].s = squeeze(s + off + so, eo - so);
		pe->num[pe->nnum++].kind = kind;
		off += eo;
	}
}

/* The address of a part: the word with '@' in it. */
static void
address(struct person *pe, const char *s)
{
	const char *at = strchr(s, '@'), *b = at, *e = at;

	while (b > s && b[-1] != ' ' && b[-1] != ':' && b[-1] != '<')
		b--;
	while (*e != '\0' && *e != ' ' && *e != '>')
		e++;
	while (e > at && (e[-1] == '.' || e[-1] == ','))
		e--;
	if (pe->email == NULL && b < at && e > at + 1)
		pe->email = xstrndup(b, (size_t)(e - b));
}

/*
 * Labelled numbers go where the label says; one without a label is a
 * mobile if its number is in a mobile range. A column already taken
 * passes the number to the other, then to the note.
 */
static void
place_numbers(const struct reader *rd, const struct person *pe,
    struct entry *e, struct strbuf *note)
{
	const struct org_rule *o = rules_org(rd->r, pe->org != NULL ? pe->org : rd->rel->issuer != NULL ? rd->rel->issuer : "", pe->unit != NULL ? pe->unit : "");
	const char *region = o != NULL && o->region != NULL ? o->region :
	    rd->r->default_region;
	const char *col[2] = { "phone", "mobile" };
	struct phone ph;
	const char *why;
	size_t i;
	int m;

	for (i = 0; i < pe->nnum; i++) {
		m = pe->num[i].kind == K_MOBILE ||
		    (pe->num[i].kind == K_NONE &&
		    phone_parse(rd->r, pe->num[i].s, region, &ph, &why,
		    NULL) == 0 && phone_is_mobile(rd->r, &ph));
		if (entry_get(e, col[m]) == NULL)
			entry_set(e, col[m], pe->num[i].s);
		else if (entry_get(e, col[!m]) == NULL)
			entry_set(e, col[!m], pe->num[i].s);
		else {
			strbuf_add(note, "; ", 2);
			strbuf_add(note, pe->num[i].s, strlen(pe->num[i].s));
		}
	}
}

static void
set(struct entry *e, const char *column, const char *v)
{
	if (v != NULL && *v != '\0')
		entry_set(e, column, v);
}

/* The person as an entry of out. */
static void
finish_person(const struct reader *rd, struct person *pe)
{
	struct entry *e = entries_add(rd->out, rd->name, pe->line);
	struct strbuf note = { 0 };

	set(e, "given_name", pe->given);
	set(e, "family_name", pe->family);
	set(e, "title", pe->title);
	set(e, "organization", pe->org != NULL ? pe->org : rd->rel->issuer);
	set(e, "unit", pe->unit);
	strbuf_add(&note, rd->x->note, strlen(rd->x->note));
	if (pe->detail != NULL) {
		if (note.len > 0)
			strbuf_add(&note, " ", 1);
		strbuf_add(&note, "(", 1);
		strbuf_add(&note, pe->detail, strlen(pe->detail));
		strbuf_add(&note, ")", 1);
	}
	place_numbers(rd, pe, e, &note);
	set(e, "email", pe->email);
	if (note.len > 0) {
		strbuf_add(&note, "", 1);
		set(e, "note", trim(note.p, 0));
	}
	free(note.p);
	set(e, "source", rd->rel->source);
	person_release(pe);
}

/* Non-zero if s has a letter or a digit (any byte of a non-ASCII letter). */
static int
has_word(const char *s)
{
	for (; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* The people of the parts; the parts before the first person say nothing. */
static size_t
people(const struct reader *rd, struct parts *p)
{
	struct person pe = { 0 };
	size_t i, t, found = 0;
	int open = 0;
	char *s, *name;

	for (i = 0; i < p->n; i++) {
		s = p->v[i].s;
		if (person_at(rd->r, rd->x, s, &t)) {
			if (open)
				finish_person(rd, &pe);
			open = 1;
			found++;
			pe.line = p->v[i].line;
			name = trim(s + t, 0);
			names_split(name, &pe.given, &pe.family);
			s[t] = '\0';
			if (t > 0)
				pe.title = xstrdup(trim(s, 0));
			continue;
		}
		/* A web address, or punctuation, says nothing of anyone. */
		if (!open || strstr(s, "://") != NULL ||
		    strncmp(s, "www.", 4) == 0 || !has_word(s))
			continue;
		if (s[0] == '(' && s[strlen(s) - 1] == ')') {
			s[strlen(s) - 1] = '\0';
			append(&pe.detail, trim(s + 1, 0), "; ");
		} else if (has(rd->r, rd->x, EX_NUMBER, s)) {
			numbers(rd, &pe, s);
		} else if (strchr(s, '@') != NULL) {
			address(&pe, s);
		} else if (*s != '\0') {
			describe(rd, &pe, s);
		}
	}
	if (open)
		finish_person(rd, &pe);
	return found;
}

/* Non-zero if line i is blank. */
static int
blank(const struct reader *rd, size_t i)
{
	return rd->line[i][strspn(rd->line[i], " ")] == '\0';
}

/*
 * The length of a header of block x at the start of line s, its colon
 * included, or 0.
 */
static size_t
header_at(const struct reader *rd, const struct extract_rule *x,
    const char *s)
{
	int k = prefix(rd->r, x, EX_HEADER, s);

	/* A header is whole words: "informationen" does not open a block. */
	if (k <= 0 || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' &&
	    s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') ||
	    (unsigned char)s[k] >= 0x80)
		return 0;
	while (s[k] == ' ')
		k++;
	if (s[k] == ':')
		k++;
	return (size_t)k;
}

/* Non-zero if the paragraph at line i goes on with the block: it opens with a person. */
static int
continues(const struct reader *rd, size_t i)
{
	struct parts p = { 0 };
	size_t t;
	int yes;

	if (strlen(rd->line[i]) > EXTRACT_MAX_BLOCK)
		return 0;
	split_line(rd, &p, rd->line[i], i + 1);
	yes = p.n > 0 && person_at(rd->r, rd->x, p.v[0].s, &t);
	parts_release(&p);
	return yes;
}

/*
 * The contact blocks from line *i on: a line opening with a header, the
 * rest of its paragraph, and the paragraphs after it that open with a
 * person. 1 and *i past the block, with its people added; 0 when no line
 * from *i on opens one; -1 for a block longer than EXTRACT_MAX_BLOCK.
 */
static int
block(struct reader *rd, size_t *i, size_t *found, size_t *at)
{
	struct parts p = { 0 };
	size_t j, k = 0, h = 0, size = 0;

	for (; *i < rd->nline; (*i)++) {
		for (k = 0; k < rd->r->nex; k++) {
			const char *s = rd->line[*i] + strspn(rd->line[*i], " ");

			if ((h = header_at(rd, &rd->r->ex[k], s)) > 0) {
				h += (size_t)(s - rd->line[*i]);
				break;
			}
		}
		if (k < rd->r->nex)
			break;
	}
	if (*i == rd->nline)
		return 0;
	rd->x = &rd->r->ex[k];
	*at = *i + 1;
	for (j = *i; j < rd->nline; j++) {
		if (j > *i && blank(rd, j)) {
			while (j + 1 < rd->nline && blank(rd, j + 1))
				j++;
			if (j + 1 == rd->nline || !continues(rd, j + 1))
				break;
			continue;
		}
		if (j > *i && header_at(rd, rd->x, rd->line[j]) > 0)
			break;
		/* What is longer than any list of people is not one. */
		if ((size += strlen(rd->line[j])) > EXTRACT_MAX_BLOCK) {
			parts_release(&p);
			return -1;
		}
		split_line(rd, &p, rd->line[j] + (j == *i ? h : 0), j + 1);
	}
	*i = j;
	*found += people(rd, &p);
	parts_release(&p);
	return 1;
}

/*
 * The release's number and the first date from its line on (or the first
 * date, with no number), as the bundled rows write them.
 */
static void
source(struct reader *rd)
{
	const struct rules *r = rd->r;
	size_t i, k, from = 0, so, eo;
	char *rel = NULL, *date = NULL;

	for (i = 0; i < rd->nline && rel == NULL; i++)
		for (k = 0; k < r->nex && rel == NULL; k++)
			if (find(r, &r->ex[k], EX_RELEASE, rd->line[i],
			    strlen(rd->line[i]), &so, &eo)) {
				rel = squeeze(rd->line[i] + so, eo - so);
				from = i;
			}
	for (i = from; i < rd->nline && date == NULL; i++)
		for (k = 0; k < r->nex && date == NULL; k++)
			if (find(r, &r->ex[k], EX_DATE, rd->line[i],
			    strlen(rd->line[i]), &so, &eo))
				date = squeeze(rd->line[i] + so, eo - so);
	if (rel != NULL && date != NULL)
		rd->rel->source = xasprintf("%s, %s", rel, date);
	else if (rel != NULL || date != NULL)
		rd->rel->source = xstrdup(rel != NULL ? rel : date);
	free(rel);
	free(date);
}

/* Non-zero if the whole of word is a match of attribute a of x. */
static int
word_is(const struct rules *r, const struct extract_rule *x,
    enum extract_attr a, const char *word)
{
	size_t i;

	for (i = 0; i < x->n[a]; i++)
		if (match(r, x->re[a][i], word, strlen(word), PCRE2_ANCHORED |
		    PCRE2_ENDANCHORED))
			return 1;
	return 0;
}

/* fornamn.efternamn as {first}.{last}; NULL if a word is neither. */
static char *
template_of(const struct rules *r, const struct extract_rule *x,
    const char *local)
{
	struct strbuf b = { 0 };
	const char *s = local;
	char *word;
	size_t n;

	while (*s != '\0') {
		n = strcspn(s, "._-");
		word = xstrndup(s, n);
		if (word_is(r, x, EX_GIVEN_WORD, word))
			strbuf_add(&b, "{first}", 7);
		else if (word_is(r, x, EX_FAMILY_WORD, word))
			strbuf_add(&b, "{last}", 6);
		else
			n = 0;
		free(word);
		if (n == 0) {
			free(b.p);
			return NULL;
		}
		s += n;
		if (*s != '\0')
			strbuf_add(&b, s++, 1);
	}
	strbuf_add(&b, "", 1);
	return b.p;
}

/* A named group of the last match of re in s, squeezed; caller frees. */
static char *
group(const struct rules *r, pcre2_code *re, const char *s, const char *name)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);

	if (g < 0 || ov[2 * g] == PCRE2_UNSET)
		return xstrdup("");
	return squeeze(s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* The sentence saying how the issuer's addresses are written, in any language. */
static void
sentence(struct reader *rd)
{
	const struct rules *r = rd->r;
	struct release *rel = rd->rel;
	size_t i, k, j;

	for (i = 0; i < rd->nline; i++)
		for (k = 0; k < r->nex; k++)
			for (j = 0; j < r->ex[k].n[EX_ADDRESSES]; j++) {
				pcre2_code *re = r->ex[k].re[EX_ADDRESSES][j];
				const char *s = rd->line[i];
				PCRE2_SIZE *ov;
				char *local;

				if (!match(r, re, s, strlen(s), 0))
					continue;
				ov = pcre2_get_ovector_pointer(r->md);
				rel->sentence = squeeze(s + ov[0],
				    ov[1] - ov[0]);
				rel->sentence_line = i + 1;
				rel->issuer = group(r, re, s, "org");
				local = group(r, re, s, "local");
				rel->domain = group(r, re, s, "domain");
				rel->address = xasprintf("%s@%s", local,
				    rel->domain);
				rel->template = template_of(r, &r->ex[k],
				    local);
				free(local);
				return;
			}
}

/* A list's bullet (- * • · –) opening line made spaces. */
static void
unbullet(char *line)
{
	static const char *const bullet[] = { "- ", "* ", "\xe2\x80\xa2 ",
	    "\xc2\xb7 ", "\xe2\x80\x93 " };
	char *s = line + strspn(line, " ");
	size_t i, n;

	for (i = 0; i < sizeof(bullet) / sizeof(*bullet); i++) {
		n = strlen(bullet[i]);
		if (strncmp(s, bullet[i], n) == 0) {
			memset(s, ' ', n);
			return;
		}
	}
}

/*
 * The text as lines in NFC, spaces that do not break made plain and tabs
 * made spaces; 0, or ST_DATA naming the first line that is not text.
 */
static int
read_lines(struct reader *rd, const char *text, size_t len,
    struct errors *errs)
{
	const uint8_t *bad;
	size_t i, no = 1, start = 0, outlen;
	char *nfc, *line, *s, *o;

	/* A byte order mark, as some editors write, is not text. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	bad = u8_check((const uint8_t *)text, len);
	for (i = 0; i < len && (const uint8_t *)text + i != bad; i++) {
		if (text[i] == '\n')
			no++;
		else if (text[i] == '\0' || (text[i] != '\t' &&
		    text[i] != '\r' && control_at(text + i) > 0))
			break;
	}
	if (i < len) {
		errors_add(errs, rd->name, no, 0, bad != NULL &&
		    (const uint8_t *)text + i == bad ? "not UTF-8 text" :
		    "a control character: not the text of a release");
		return ST_DATA;
	}
	if ((nfc = fold_nfc(text, len, &outlen)) == NULL)
		nfc = xstrndup(text, outlen = len);
	/* A CR alone ends a line, as old Mac files write them. */
	for (i = 0; i < outlen; i++)
		if (nfc[i] == '\r' && (i + 1 == outlen || nfc[i + 1] != '\n'))
			nfc[i] = '\n';
	for (i = 0; i <= outlen; i++) {
		if (i < outlen && nfc[i] != '\n')
			continue;
		line = xstrndup(nfc + start, i - start);
		for (s = o = line; *s != '\0'; s++) {
			if (*s == '\t')
				*o++ = ' ';
			else if (*s == '\r')
				continue;
			else if (strncmp(s, "\xc2\xa0", 2) == 0)
				*o++ = ' ', s++;
			else if (strncmp(s, "\xe2\x80\xaf", 3) == 0 ||
			    strncmp(s, "\xe2\x80\x87", 3) == 0)
				*o++ = ' ', s += 2;
			else
				*o++ = *s;
		}
		*o = '\0';
		unbullet(line);
		rd->line = xreallocarray(rd->line, rd->nline + 1,
		    sizeof(*rd->line));
		rd->line[rd->nline++] = line;
		start = i + 1;
	}
	free(nfc);
	return 0;
}

int
extract_release(const struct rules *r, const char *name, const char *text,
    size_t len, struct entries *out, struct release *rel,
    struct errors *errs)
{
	struct reader rd = { r, NULL, name, NULL, 0, rel, out };
	size_t i = 0, found = 0, at = 0, blocks = 0;
	int rc, one;

	if (len > EXTRACT_MAX_BYTES) {
		errors_add(errs, name, 0, 0, "larger than %u MiB: not a press "
		    "release", EXTRACT_MAX_BYTES >> 20);
		return ST_DATA;
	}
	if ((rc = read_lines(&rd, text, len, errs)) == 0) {
		source(&rd);
		sentence(&rd);
		while ((one = block(&rd, &i, &found, &at)) > 0)
			blocks++;
		if (one < 0) {
			errors_add(errs, name, at, 0, "a contact block longer "
			    "than %u KiB: not a list of people", EXTRACT_MAX_BLOCK >> 10);
			rc = ST_DATA;
		} else if (blocks == 0) {
			errors_add(errs, name, 0, 0, "no contact block: no line "
			    "opens with a header the rules' extract blocks "
			    "name (such as 'Ytterligare information:')");
			rc = ST_NOMATCH;
		} else if (found == 0) {
			errors_add(errs, name, at, 0, "the contact block names "
			    "no one");
			rc = ST_NOMATCH;
		}
	}
	for (i = 0; i < rd.nline; i++)
		free(rd.line[i]);
	free(rd.line);
	return rc;
}

/* A profile name from the issuer: ASCII letters and digits, '-' between. */
static char *
org_name(const struct rules *r, const char *issuer)
{
	char *ascii = NULL, *s, *o, *name;
	ucs4_t bad;
	size_t i, n = 1;

	if (fold_ascii(issuer, NULL, 0, &ascii, &bad, NULL) != 0)
		ascii = xstrdup("");
	for (s = o = ascii; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			*o++ = *s;
		else if (o > ascii && o[-1] != '-')
			*o++ = '-';
	}
	while (o > ascii && o[-1] == '-')
		o--;
	*o = '\0';
	name = xstrdup(*ascii != '\0' ? ascii : "org");
	/* A name the rules already use would make the file refuse to load. */
	for (i = 0; i < r->norg; i++)
		if (strcmp(r->org[i].name, name) == 0) {
			free(name);
			name = xasprintf("%s-%zu", *ascii != '\0' ? ascii : "org",
			    ++n);
			i = (size_t)-1;
		}
	free(ascii);
	return name;
}

/* issuer as a pattern of the rule file: metacharacters, spaces and '#' escaped. */
static char *
quote_pattern(const char *issuer)
{
	struct strbuf b = { 0 };
	const char *s;

	strbuf_add(&b, "^", 1);
	for (s = issuer; *s != '\0'; s++) {
		if (*s == '#')
			strbuf_add(&b, "\\x23", 4);
		else {
			if (strchr("\\^$.|?*+()[]{} ", *s) != NULL)
				strbuf_add(&b, "\\", 1);
			strbuf_add(&b, s, 1);
		}
	}
	strbuf_add(&b, "$", 2);
	return b.p;
}

char *
extract_rule_block(const struct rules *r, const struct release *rel,
    const char *name)
{
	const char *dot;
	char *org, *match, *block, *tld, *extra, *was, *ascii;
	const char *why;
	size_t i;

	if (rel->sentence == NULL || rel->template == NULL ||
	    email_domain_ascii(rel->domain, &ascii, &why) != 0)
		return NULL;
	free(ascii);
	extra = xstrdup("");
	dot = strrchr(rel->domain, '.');
	tld = xstrdup(dot != NULL ? dot + 1 : rel->domain);
	/* The country of the domain gives the letters and the numbers. */
	for (i = 0; tld[i] != '\0'; i++)
		tld[i] = (char)(tld[i] >= 'A' && tld[i] <= 'Z' ? tld[i] + 32 :
		    tld[i]);
	for (i = 0; i < r->ntr; i++)
		if (strcmp(r->tr[i].name, tld) == 0) {
			was = extra;
			extra = xasprintf("%s\ttranslit\t%s\n", was, tld);
			free(was);
		}
	for (i = 0; tld[i] != '\0'; i++)
		tld[i] = (char)(tld[i] >= 'a' && tld[i] <= 'z' ? tld[i] - 32 :
		    tld[i]);
	if (rules_region(r, tld) != NULL) {
		was = extra;
		extra = xasprintf("%s\tregion\t\t%s\n", was, tld);
		free(was);
	}
	org = org_name(r, rel->issuer);
	match = quote_pattern(rel->issuer);
	block = xasprintf("# %s, line %zu: \"%s\"\norg %s\n\tmatch\t\t%s\n"
	    "\ttemplate\t%s\n\tdomain\t\t%s\n%s", name, rel->sentence_line,
	    rel->sentence, org, match, rel->template, rel->domain, extra);
	free(org);
	free(match);
	free(tld);
	free(extra);
	return block;
}
