/* output.c: writers for text, JSON Lines, TSV and CSV, chosen from one table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "diag.h"
#include "output.h"
#include "phone.h"
#include "record.h"
#include "rules.h"
#include "store.h"
#include "store_ldap.h"

static const enum column shown[] = {
	COL_TITLE, COL_ORG, COL_UNIT, COL_PHONE, COL_MOBILE, COL_EMAIL,
	COL_NOTE, COL_SOURCE,
};

static void text_row(FILE *, const struct view *, size_t, size_t);
static void json_row(FILE *, const struct view *, size_t, size_t);
static void tsv_head(FILE *, const struct view *, const size_t *, size_t);
static void tsv_row(FILE *, const struct view *, size_t, size_t);
static void csv_head(FILE *, const struct view *, const size_t *, size_t);
static void csv_row(FILE *, const struct view *, size_t, size_t);
static void mutt_head(FILE *, const struct view *, const size_t *, size_t);
static void mutt_row(FILE *, const struct view *, size_t, size_t);
static void vcard_row(FILE *, const struct view *, size_t, size_t);
static void ldif_row(FILE *, const struct view *, size_t, size_t);
static void directory_head(FILE *, const struct view *, const size_t *,
    size_t);
static void directory_row(FILE *, const struct view *, size_t, size_t);

static const struct format formats[] = {
	{ "text", NULL, text_row, 0 },
	{ "json", NULL, json_row, 0 },
	{ "tsv", tsv_head, tsv_row, 0 },
	{ "csv", csv_head, csv_row, 0 },
	{ "mutt", mutt_head, mutt_row, 0 },
	{ "vcard", NULL, vcard_row, 0 },
	{ "ldif", NULL, ldif_row, 0 },
	{ "directory", directory_head, directory_row, 1 },
};

const struct format *
format_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

void
format_names(char *buf, size_t n, int whole)
{
	size_t i;

	*buf = '\0';
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (whole || !formats[i].whole)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
			    i > 0 ? ", " : "", formats[i].name);
}

static void fields_rows(FILE *, const struct format *, const struct view *,
    const size_t *, size_t);

void
output_rows(FILE *fp, const struct format *f, const struct view *v,
    const size_t *rows, size_t n)
{
	size_t i;

	if (v->nfields > 0) {
		fields_rows(fp, f, v, rows, n);
		return;
	}

	if (f->head != NULL)
		f->head(fp, v, rows, n);
	for (i = 0; i < n; i++)
		f->row(fp, v, rows[i], i);
}

static void
text_number(FILE *fp, const struct view *v, const struct number *n)
{
	char *intl;

	if (n->why != NULL) {
		fput_safe(n->raw, fp);
		fprintf(fp, "  (invalid: %s)", n->why);
		return;
	}
	intl = phone_format(v->rs->r, &n->ph, PHONE_INTERNATIONAL);
	fprintf(fp, "%s  (%s)", intl, n->ph.e164);
	free(intl);
}

static void
text_email(FILE *fp, const struct email_info *e)
{
	if (e->addr == NULL) {
		fprintf(fp, "none: ");
		fput_safe(e->why, fp);
		return;
	}
	fput_safe(e->addr, fp);
	if (e->rule != NULL)
		fprintf(fp, "  (rule %s)", e->rule);
	else
		fprintf(fp, "  (stored)");
	if (e->why != NULL)
		fprintf(fp, "  invalid: %s", e->why);
	if (e->collision)
		fprintf(fp, "  collision: another official has this address");
}

static void
text_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const struct number *n;
	const char *const *extra;
	char *name = store_name(st, row);
	size_t i, c, nextra = store_extra(st, &extra);

	if (nth > 0 && v->eor == '\n')
		fputc('\n', fp);
	fputs(v->color ? "\033[1m" : "", fp);
	fput_safe(name, fp);
	fputs(v->color ? "\033[0m" : "", fp);
	free(name);
	if (*store_field(st, row, COL_ID) != '\0') {
		fputs("  [", fp);
		fput_safe(store_field(st, row, COL_ID), fp);
		fputc(']', fp);
	}
	fputc('\n', fp);
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		enum column col = shown[i];

		if (col == COL_EMAIL) {
			fprintf(fp, "  %-13s ", "email");
			text_email(fp, e);
			fputc('\n', fp);
			continue;
		}
		if (col == COL_PHONE || col == COL_MOBILE) {
			n = record_number(v->rs, row, col);
			if (*n->raw != '\0') {
				fprintf(fp, "  %-13s ", column_name(col));
				text_number(fp, v, n);
				fputc('\n', fp);
			}
			continue;
		}
		if (*store_field(st, row, col) == '\0')
			continue;
		fprintf(fp, "  %-13s ", column_name(col));
		fput_safe(store_field(st, row, col), fp);
		fputc('\n', fp);
	}
	for (c = 0; c < nextra; c++) {
		const char *val = store_get(st, row, extra[c]);

		if (*val == '\0')
			continue;
		fputs("  ", fp);
		fput_safe(extra[c], fp);
		fprintf(fp, "%*s ", (int)(strlen(extra[c]) < 13 ?
		    13 - strlen(extra[c]) : 0), "");
		fput_safe(val, fp);
		fputc('\n', fp);
	}
	if (v->eor != '\n')
		fputc(v->eor, fp);
}

static void
json_str(FILE *fp, const char *s)
{
	const unsigned char *p;
	size_t k;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		/* C1 controls too, so that no jq output carries one raw. */
		if (*p == '"' || *p == '\\') {
			fprintf(fp, "\\%c", *p);
		} else if (*p == '\n') {
			fputs("\\n", fp);
		} else if (*p == '\t') {
			fputs("\\t", fp);
		} else if ((k = control_at((const char *)p)) > 0) {
			p += k - 1;
			fprintf(fp, "\\u%04x", *p);
		} else {
			fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

static void
json_key(FILE *fp, const char *key, const char *val)
{
	fputc(',', fp);
	json_str(fp, key);
	fputc(':', fp);
	json_str(fp, val);
}

static void
json_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	static const enum column plain[] = {
		COL_GIVEN, COL_FAMILY, COL_TITLE, COL_ORG, COL_UNIT, COL_NOTE,
		COL_SOURCE,
	};
	static const enum column numbers[] = { COL_PHONE, COL_MOBILE };
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const struct number *n;
	const char *const *extra;
	size_t i, c, k = 0, nextra = store_extra(st, &extra);
	char *provenance, *s;

	(void)nth;
	fputs("{\"id\":", fp);
	json_str(fp, store_field(st, row, COL_ID));
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		json_key(fp, column_name(plain[i]),
		    store_field(st, row, plain[i]));
	json_key(fp, "email", e->addr);
	provenance = e->addr == NULL ? NULL : e->rule == NULL ?
	    xstrdup("stored") : xasprintf("rule %s", e->rule);
	json_key(fp, "email_source", provenance);
	free(provenance);
	json_key(fp, "email_error", e->why);
	fprintf(fp, ",\"email_collision\":%s,\"phones\":[",
	    e->collision ? "true" : "false");
	for (i = 0; i < 2; i++) {
		n = record_number(v->rs, row, numbers[i]);
		if (*n->raw == '\0')
			continue;
		fputs(k++ ? ",{\"field\":" : "{\"field\":", fp);
		json_str(fp, column_name(numbers[i]));
		json_key(fp, "raw", n->raw);
		json_key(fp, "e164", n->why ? NULL : n->ph.e164);
		s = n->why ? NULL : phone_format(v->rs->r, &n->ph,
		    PHONE_INTERNATIONAL);
		json_key(fp, "display", s);
		free(s);
		json_key(fp, "ext", n->why || !*n->ph.ext ? NULL : n->ph.ext);
		json_key(fp, "error", n->why);
		fputc('}', fp);
	}
	fputs("],\"extra\":{", fp);
	for (c = 0; c < nextra; c++) {
		if (c > 0)
			fputc(',', fp);
		json_str(fp, extra[c]);
		fputc(':', fp);
		json_str(fp, store_get(st, row, extra[c]));
	}
	fputs("}}", fp);
	fputc(v->eor, fp);
}

/* A TSV field: tab, line breaks and backslash escaped, other controls as \xHH. */
static void
tsv_field(FILE *fp, const char *s, int last)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;

	for (; p != NULL && *p != '\0'; p++) {
		if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p == '\\')
			fputs("\\\\", fp);
		else if ((k = control_at((const char *)p)) == 1)
			fprintf(fp, "\\x%02x", *p);
		else if (k == 2)
			fprintf(fp, "\\u%04x", *++p);
		else
			fputc(*p, fp);
	}
	if (!last)
		fputc('\t', fp);
}

/* The known columns, then the store's other columns, in its order. */
static void
tsv_head(FILE *fp, const struct view *v, const size_t *rows, size_t n)
{
	const char *const *extra;
	size_t i, nx = store_extra(v->rs->st, &extra);

	(void)rows, (void)n;
	fputs("id\tgiven_name\tfamily_name\ttitle\torganization\tunit\t"
	    "phone\tmobile\temail\temail_source\tnote\tsource", fp);
	for (i = 0; i < nx; i++) {
		fputc('\t', fp);
		tsv_field(fp, extra[i], 1);
	}
	fputc(v->eor, fp);
}

static void
tsv_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	static const enum column before[] = {
		COL_ID, COL_GIVEN, COL_FAMILY, COL_TITLE, COL_ORG, COL_UNIT,
	};
	static const enum column numbers[] = { COL_PHONE, COL_MOBILE };
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const struct number *n;
	const char *const *extra;
	size_t i, nx = store_extra(st, &extra);
	char *provenance;

	(void)nth;
	for (i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		tsv_field(fp, store_field(st, row, before[i]), 0);
	for (i = 0; i < 2; i++) {
		n = record_number(v->rs, row, numbers[i]);
		tsv_field(fp, n->why ? n->raw : n->ph.e164, 0);
	}
	tsv_field(fp, e->addr, 0);
	provenance = e->addr == NULL ? NULL : e->rule == NULL ?
	    xstrdup("stored") : xasprintf("rule %s", e->rule);
	tsv_field(fp, provenance, 0);
	free(provenance);
	tsv_field(fp, store_field(st, row, COL_NOTE), 0);
	tsv_field(fp, store_field(st, row, COL_SOURCE), 1);
	for (i = 0; i < nx; i++) {
		fputc('\t', fp);
		tsv_field(fp, store_get(st, row, extra[i]), 1);
	}
	fputc(v->eor, fp);
}

/*
 * One CSV field through libcsv, quoted. Spreadsheet-safe, a field that
 * begins as a formula does (=, +, -, @) begins with ' instead.
 */
static void
csv_field(FILE *fp, const struct view *v, const char *s, int last)
{
	char *safe;

	if (v->spreadsheet_safe && *s != '\0' && strchr("=+-@", *s) != NULL) {
		safe = xasprintf("'%s", s);
		(void)csv_fwrite(fp, safe, strlen(safe));
		free(safe);
	} else {
		(void)csv_fwrite(fp, s, strlen(s));
	}
	if (!last)
		fputc(',', fp);
}

/* The store's own columns, in its order: the output is a store again. */
static void
csv_head(FILE *fp, const struct view *v, const size_t *rows, size_t nrows)
{
	const char *const *names;
	size_t i, n = store_columns(v->rs->st, &names);

	(void)rows, (void)nrows;
	for (i = 0; i < n; i++)
		csv_field(fp, v, names[i], i + 1 == n);
	fputc(v->eor, fp);
}

static void
csv_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	const char *const *names;
	size_t i, n = store_columns(v->rs->st, &names);

	(void)nth;
	for (i = 0; i < n; i++)
		csv_field(fp, v, store_cell(v->rs->st, row, i), i + 1 == n);
	fputc(v->eor, fp);
}

size_t
rows_with_address(struct records *rs, const size_t *rows, size_t n)
{
	const struct email_info *e;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		e = record_email(rs, rows[i]);
		k += e->addr != NULL && e->why == NULL;
	}
	return k;
}

/*
 * A field of a mutt query line: no tab or line break may split it, and no
 * control or bidi override reaches the terminal mutt draws on.
 */
static void
mutt_field(FILE *fp, const char *s)
{
	size_t n;

	for (; *s != '\0'; s++) {
		if ((n = unsafe_at(s)) > 0)
			fputc(' ', fp), s += n - 1;
		else
			fputc(*s, fp);
	}
}

/* The line mutt shows above the matches. */
static void
mutt_head(FILE *fp, const struct view *v, const size_t *rows, size_t n)
{
	size_t k = rows_with_address(v->rs, rows, n);

	fprintf(fp, "contacts: %zu official%s with an address%c", k,
	    k == 1 ? "" : "s", v->eor);
}

/* EMAIL<TAB>NAME<TAB>TITLE, ORGANIZATION, for query_command. */
static void
mutt_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const char *title = store_field(st, row, COL_TITLE);
	const char *org = store_field(st, row, COL_ORG);
	char *name;

	(void)nth;
	if (e->addr == NULL || e->why != NULL)
		return;
	mutt_field(fp, e->addr);
	fputc('\t', fp);
	name = store_name(st, row);
	mutt_field(fp, name);
	free(name);
	fputc('\t', fp);
	mutt_field(fp, title);
	if (*title != '\0' && *org != '\0')
		fputs(", ", fp);
	mutt_field(fp, org);
	fputc(v->eor, fp);
}

/* A vCard text value: backslash, comma, semicolon and line breaks escaped. */
static void
vcard_text(struct strbuf *b, const char *s)
{
	size_t k;

	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == ',' || *s == ';')
			strbuf_add(b, "\\", 1), strbuf_add(b, s, 1);
		else if (*s == '\n')
			strbuf_add(b, "\\n", 2);
		else if (*s == '\r')
			continue;
		/*
		 * RFC 6350 allows no other control in a value, and has no
		 * escape for one: U+FFFD stands in its place.
		 */
		else if ((k = control_at(s)) > 0)
			strbuf_add(b, "\xef\xbf\xbd", 3), s += k - 1;
		else
			strbuf_add(b, s, 1);
	}
}

/*
 * A content line, folded at 75 octets (RFC 6350 3.2) never inside a UTF-8
 * sequence, each piece ended by CRLF; the line is then emptied.
 */
static void
vcard_line(FILE *fp, struct strbuf *b)
{
	size_t at = 0, n, room = 75;

	while (at < b->len) {
		n = b->len - at < room ? b->len - at : room;
		/* Back off continuation bytes: a letter stays whole. */
		while (at + n < b->len && n > 1 &&
		    ((unsigned char)b->p[at + n] & 0xc0) == 0x80)
			n--;
		if (at > 0)
			fputc(' ', fp);
		fwrite(b->p + at, 1, n, fp);
		fputs("\r\n", fp);
		at += n;
		room = 74;	/* the space that begins a continuation */
	}
	b->len = 0;
	if (b->p != NULL)
		*b->p = '\0';
}

static void
vcard_prop(FILE *fp, struct strbuf *b, const char *name, const char *value)
{
	if (*value == '\0')
		return;
	strbuf_add(b, name, strlen(name));
	vcard_text(b, value);
	vcard_line(fp, b);
}

/* vCard 4.0: FN, N, ORG with unit, TITLE, TEL as tel: URIs, EMAIL, NOTE. */
static void
vcard_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	static const struct {
		enum column c;
		const char *type;
	} tel[] = { { COL_PHONE, "work,voice" }, { COL_MOBILE, "cell" } };
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const struct number *num;
	struct strbuf b = { 0 };
	char *name = store_name(st, row), *s;
	size_t i;

	(void)nth;
	fputs("BEGIN:VCARD\r\nVERSION:4.0\r\n", fp);
	vcard_prop(fp, &b, "FN:", name);
	strbuf_add(&b, "N:", 2);
	vcard_text(&b, store_field(st, row, COL_FAMILY));
	strbuf_add(&b, ";", 1);
	vcard_text(&b, store_field(st, row, COL_GIVEN));
	strbuf_add(&b, ";;;", 3);
	vcard_line(fp, &b);
	if (*store_field(st, row, COL_ORG) != '\0' ||
	    *store_field(st, row, COL_UNIT) != '\0') {
		strbuf_add(&b, "ORG:", 4);
		vcard_text(&b, store_field(st, row, COL_ORG));
		if (*store_field(st, row, COL_UNIT) != '\0') {
			strbuf_add(&b, ";", 1);
			vcard_text(&b, store_field(st, row, COL_UNIT));
		}
		vcard_line(fp, &b);
	}
	vcard_prop(fp, &b, "TITLE:", store_field(st, row, COL_TITLE));
	for (i = 0; i < sizeof(tel) / sizeof(tel[0]); i++) {
		num = record_number(v->rs, row, tel[i].c);
		if (*num->raw == '\0')
			continue;
		if (num->why != NULL) {
			/* Not a number the rules read: kept as written. */
			s = xasprintf("TEL;TYPE=%s;VALUE=text:", tel[i].type);
			vcard_prop(fp, &b, s, num->raw);
		} else {
			s = xasprintf("TEL;TYPE=%s;VALUE=uri:tel:%s%s%s",
			    tel[i].type, num->ph.e164, *num->ph.ext ? ";ext=" :
			    "", num->ph.ext);
			strbuf_add(&b, s, strlen(s));
			vcard_line(fp, &b);
		}
		free(s);
	}
	if (e->addr != NULL && e->why == NULL)
		vcard_prop(fp, &b, "EMAIL:", e->addr);
	vcard_prop(fp, &b, "NOTE:", store_field(st, row, COL_NOTE));
	fputs("END:VCARD\r\n", fp);
	if (v->eor == '\0')
		fputc('\0', fp);
	free(b.p);
	free(name);
}

/* Where entries go unless --base-dn says. */
#define DEFAULT_BASE_DN "ou=people,dc=example,dc=org"

/* Where LDIF entries go: --base-dn, or the default. */
static const char *
base_dn(const struct view *v)
{
	return v->base_dn != NULL ? v->base_dn : DEFAULT_BASE_DN;
}

/*
 * RFC 2849: a value that is not a SAFE-STRING goes in base64, and so does
 * one with any control character, which would reach a terminal raw.
 */
static int
ldif_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == ' ' || *p == ':' || *p == '<')
		return 0;
	for (; *p != '\0'; p++)
		if (*p > 0x7e || *p < 0x20)
			return 0;
	return p == (const unsigned char *)s || p[-1] != ' ';
}

static void
ldif_attr(FILE *fp, const char *name, const char *value)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)value;
	size_t n = strlen(value), i;
	unsigned long w;

	if (*value == '\0')
		return;
	if (ldif_safe(value)) {
		fprintf(fp, "%s: %s\n", name, value);
		return;
	}
	fprintf(fp, "%s:: ", name);
	for (i = 0; i < n; i += 3) {
		w = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			w |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			w |= p[i + 2];
		fputc(b64[w >> 18 & 63], fp);
		fputc(b64[w >> 12 & 63], fp);
		fputc(i + 1 < n ? b64[w >> 6 & 63] : '=', fp);
		fputc(i + 2 < n ? b64[w & 63] : '=', fp);
	}
	fputc('\n', fp);
}

/* An RDN value with the characters RFC 4514 escapes escaped. */
static char *
dn_value(const char *s)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (strchr(",+\"\\<>;=", *s) != NULL ||
		    (*s == '#' && b.len == 0) || (*s == ' ' && (b.len == 0 ||
		    s[1] == '\0')))
			strbuf_add(&b, "\\", 1);
		strbuf_add(&b, s, 1);
	}
	return b.p;
}

/*
 * One inetOrgPerson entry, named by the id (uid) under the base DN: cn,
 * sn, givenName, title, o, ou, telephoneNumber, mobile (E.164 where the
 * rules read them), mail, description.
 */
static void
ldif_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	const struct store *st = v->rs->st;
	const struct email_info *e = record_email(v->rs, row);
	const struct number *num;
	const char *id = store_field(st, row, COL_ID);
	const char *family = store_field(st, row, COL_FAMILY);
	char *name = store_name(st, row), *rdn, *dn;

	rdn = *id != '\0' ? dn_value(id) : dn_value(name);
	dn = xasprintf("%s=%s,%s", *id != '\0' ? "uid" : "cn", rdn,
	    base_dn(v));
	/*
	 * Entries are apart by an empty line, or each ends with NUL. There
	 * is no "version: 1" line, as ldapsearch -LLL writes none: slapadd
	 * takes it for an entry.
	 */
	if (nth > 0 && v->eor == '\n')
		fputc('\n', fp);
	ldif_attr(fp, "dn", dn);
	fputs("objectClass: inetOrgPerson\n", fp);
	ldif_attr(fp, "uid", id);
	ldif_attr(fp, "cn", name);
	/* inetOrgPerson must have an sn. */
	ldif_attr(fp, "sn", *family != '\0' ? family : name);
	ldif_attr(fp, "givenName", store_field(st, row, COL_GIVEN));
	ldif_attr(fp, "title", store_field(st, row, COL_TITLE));
	ldif_attr(fp, "o", store_field(st, row, COL_ORG));
	ldif_attr(fp, "ou", store_field(st, row, COL_UNIT));
	num = record_number(v->rs, row, COL_PHONE);
	ldif_attr(fp, "telephoneNumber", num->why ? num->raw : num->ph.e164);
	num = record_number(v->rs, row, COL_MOBILE);
	ldif_attr(fp, "mobile", num->why ? num->raw : num->ph.e164);
	if (e->addr != NULL && e->why == NULL)
		ldif_attr(fp, "mail", e->addr);
	ldif_attr(fp, "description", store_field(st, row, COL_NOTE));
	if (v->eor == '\0')
		fputc('\0', fp);
	free(rdn);
	free(dn);
	free(name);
}

/*
 * The entries a directory store under the base DN keeps (employeeNumber=ID,
 * contactsOfficial, contactsKey: see LDAP DIRECTORY in contacts(1)), for
 * slapadd to load a directory in bulk: the store's own entry first.
 */
static void
directory_head(FILE *fp, const struct view *v, const size_t *rows, size_t n)
{
	(void)rows;
	(void)n;
	ldap_store_entry_write(fp, v->rs->st, v->last_id, base_dn(v),
	    ldif_attr);
	if (v->eor == '\0')
		fputc('\0', fp);
}

static void
directory_row(FILE *fp, const struct view *v, size_t row, size_t nth)
{
	(void)nth;
	if (v->eor == '\n')
		fputc('\n', fp);
	ldap_entry_write(fp, v->rs->st, row, base_dn(v), ldif_attr);
	if (v->eor == '\0')
		fputc('\0', fp);
}

/* What --fields can name besides the store's columns. */
static const char *const derived_fields[] = { "name", "email_source" };

int
fields_apply(const struct format *f)
{
	return strcmp(f->name, "tsv") == 0 || strcmp(f->name, "csv") == 0 ||
	    strcmp(f->name, "json") == 0;
}

int
fields_parse(const struct store *st, char *list, char ***fields, size_t *n,
    const char **bad)
{
	const char *const *extra;
	size_t i, nx = store_extra(st, &extra);
	char *tok, *save;
	int ok;

	*fields = NULL;
	*n = 0;
	for (tok = strtok_r(list, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		ok = column_named(tok) >= 0;
		for (i = 0; i < nx; i++)
			ok |= strcmp(tok, extra[i]) == 0;
		for (i = 0; i < sizeof(derived_fields) /
		    sizeof(derived_fields[0]); i++)
			ok |= strcmp(tok, derived_fields[i]) == 0;
		if (!ok) {
			*bad = tok;
			return -1;
		}
		*fields = xreallocarray(*fields, *n + 1, sizeof(**fields));
		(*fields)[(*n)++] = xstrdup(tok);
	}
	if (*n == 0) {
		*bad = "";
		return -1;
	}
	return 0;
}

/*
 * A field's value: the address an official has (stored or derived) for
 * email, a number in E.164 where the rules read it, else the store's.
 */
static char *
field_value(const struct view *v, size_t row, const char *name)
{
	const struct store *st = v->rs->st;
	const struct email_info *e;
	const struct number *num;
	const char *s;
	int c = column_named(name);

	if (strcmp(name, "name") == 0)
		return store_name(st, row);
	if (c == COL_EMAIL || strcmp(name, "email_source") == 0) {
		e = record_email(v->rs, row);
		if (c == COL_EMAIL)
			return xstrdup(e->addr != NULL ? e->addr : "");
		return e->addr == NULL ? xstrdup("") : e->rule == NULL ?
		    xstrdup("stored") : xasprintf("rule %s", e->rule);
	}
	if (c == COL_PHONE || c == COL_MOBILE) {
		num = record_number(v->rs, row, (enum column)c);
		return xstrdup(num->why != NULL ? num->raw : num->ph.e164);
	}
	if (c >= 0)
		return xstrdup(store_field(st, row, (enum column)c));
	s = store_get(st, row, name);
	return xstrdup(s != NULL ? s : "");
}

/* tsv, csv or json with only the fields asked for, in their order. */
static void
fields_rows(FILE *fp, const struct format *f, const struct view *v,
    const size_t *rows, size_t n)
{
	int json = strcmp(f->name, "json") == 0;
	int csv = strcmp(f->name, "csv") == 0;
	size_t i, k;
	char *val;

	if (!json) {
		for (k = 0; k < v->nfields; k++) {
			if (csv)
				csv_field(fp, v, v->fields[k], k + 1 == v->nfields);
			else
				tsv_field(fp, v->fields[k], k + 1 == v->nfields);
		}
		fputc(v->eor, fp);
	}
	for (i = 0; i < n; i++) {
		if (json)
			fputc('{', fp);
		for (k = 0; k < v->nfields; k++) {
			val = field_value(v, rows[i], v->fields[k]);
			if (json) {
				if (k > 0)
					fputc(',', fp);
				json_str(fp, v->fields[k]);
				fputc(':', fp);
				json_str(fp, val);
			} else if (csv) {
				csv_field(fp, v, val, k + 1 == v->nfields);
			} else {
				tsv_field(fp, val, k + 1 == v->nfields);
			}
			free(val);
		}
		if (json)
			fputc('}', fp);
		fputc(v->eor, fp);
	}
}
