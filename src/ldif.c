/* ldif.c: officials read from LDIF (RFC 2849), inetOrgPerson entries as export and a directory write them. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "diag.h"
#include "entry.h"
#include "ldif.h"
#include "store_ldap.h"

/* The attributes of an entry and the columns they give. */
static const struct {
	const char *attr, *column;
} map[] = {
	{ "givenName", "given_name" }, { "sn", "family_name" },
	{ "title", "title" }, { "o", "organization" }, { "ou", "unit" },
	{ "telephoneNumber", "phone" }, { "mobile", "mobile" },
	{ "mail", "email" }, { "description", "note" },
	{ "contactsSource", "source" },
};

int
ldif_sniff(const char *buf, size_t len)
{
	size_t i = 0;

	/* Comment lines may come first. */
	while (i < len && buf[i] == '#')
		while (i < len && buf[i++] != '\n')
			;
	return (len - i >= 3 && strncmp(buf + i, "dn:", 3) == 0) ||
	    (len - i >= 8 && strncmp(buf + i, "version:", 8) == 0);
}

/* The n base64 characters at s decoded; NULL if they are not base64. Caller frees. */
static char *
base64(const char *s, size_t n, size_t *outlen)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = xmalloc(n / 4 * 3 + 4), *o = out;
	unsigned long acc = 0;
	size_t i, bits = 0;
	const char *d;

	for (i = 0; i < n && s[i] != '='; i++) {
		if ((d = strchr(digits, s[i])) == NULL || s[i] == '\0') {
			free(out);
			return NULL;
		}
		acc = acc << 6 | (unsigned long)(d - digits);
		if ((bits += 6) >= 8) {
			bits -= 8;
			*o++ = (char)(acc >> bits & 0xff);
		}
	}
	for (; i < n; i++)
		if (s[i] != '=') {
			free(out);
			return NULL;
		}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* An entry being read: its attributes, first value of each. */
struct rec {
	char **attr, **value;
	size_t n;
	size_t line;
};

static void
rec_clear(struct rec *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->attr[i]);
		free(r->value[i]);
	}
	free(r->attr);
	free(r->value);
	memset(r, 0, sizeof(*r));
}

static const char *
rec_get(const struct rec *r, const char *attr)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcasecmp(r->attr[i], attr) == 0)
			return r->value[i];
	return NULL;
}

/* The record as an entry: names from givenName and sn, or cn. */
static void
rec_entry(const struct rec *r, const char *name, struct entries *out)
{
	const char *given = rec_get(r, "givenName"), *cn = rec_get(r, "cn");
	const char *sn = rec_get(r, "sn");
	struct entry *e = entries_add(out, name, r->line);
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < sizeof(map) / sizeof(map[0]); j++)
			if (strcasecmp(r->attr[i], map[j].attr) == 0 &&
			    entry_get(e, map[j].column) == NULL)
				entry_set(e, map[j].column, r->value[i]);
		/* Another column of the store, NAME=VALUE. */
		if (strcasecmp(r->attr[i], "contactsColumn") == 0) {
			char *nv = xstrdup(r->value[i]);
			const char *val = ldap_column_split(nv);

			if (val != NULL && *val != '\0')
				entry_set(e, nv, val);
			free(nv);
		}
	}
	/*
	 * sn is required, so one with a given name alone is written with it
	 * as sn as well, and cn the given name; no givenName: cn says all.
	 */
	if (given != NULL && sn != NULL && cn != NULL &&
	    strcmp(given, sn) == 0 && strcmp(cn, given) == 0)
		entry_set(e, "family_name", "");
	else if (given == NULL && cn != NULL && sn != NULL &&
	    strcmp(cn, sn) != 0 && strlen(cn) > strlen(sn) &&
	    strcmp(cn + strlen(cn) - strlen(sn), sn) == 0 &&
	    cn[strlen(cn) - strlen(sn) - 1] == ' ') {
		char *g = xstrndup(cn, strlen(cn) - strlen(sn) - 1);

		entry_set(e, "given_name", g);
		free(g);
	}
}

/*
 * Adds value to r unless r has a value of attr already; contactsColumn
 * keeps every value, one for each column.
 */
static void
rec_add(struct rec *r, const char *attr, size_t alen, char *value)
{
	static const char every[] = "contactsColumn";
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!(alen == sizeof(every) - 1 &&
		    strncasecmp(attr, every, alen) == 0) &&
		    strlen(r->attr[i]) == alen &&
		    strncasecmp(r->attr[i], attr, alen) == 0) {
			free(value);
			return;
		}
	r->attr = xreallocarray(r->attr, r->n + 1, sizeof(*r->attr));
	r->value = xreallocarray(r->value, r->n + 1, sizeof(*r->value));
	r->attr[r->n] = xstrndup(attr, alen);
	r->value[r->n++] = value;
}

/*
 * One attribute line of an entry (its continuations joined): 0, or -1
 * after an error naming line no.
 */
static int
attr_line(struct rec *r, const char *name, const char *s, size_t no,
    struct errors *errs)
{
	const char *colon = strchr(s, ':'), *v;
	size_t alen, vlen;
	char *value;

	if (colon == NULL || colon == s) {
		errors_add(errs, name, no, 0, "not an LDIF line: no "
		    "'attribute:'");
		return -1;
	}
	alen = (size_t)(colon - s);
	if (colon[1] == ':') {
		v = colon + 2 + strspn(colon + 2, " ");
		if ((value = base64(v, strlen(v), &vlen)) == NULL ||
		    memchr(value, '\0', vlen) != NULL ||
		    u8_check((const uint8_t *)value, vlen) != NULL) {
			errors_add(errs, name, no, 0, "the base64 value of '%.*s' "
			    "is not UTF-8 text", (int)alen, s);
			free(value);
			return -1;
		}
	} else if (colon[1] == '<') {
		errors_add(errs, name, no, 0, "'%.*s' names a URL for its value; "
		    "only values written out are read", (int)alen, s);
		return -1;
	} else {
		value = xstrdup(colon + 1 + strspn(colon + 1, " "));
	}
	if (alen == 10 && strncasecmp(s, "changetype", 10) == 0 &&
	    strcmp(value, "add") != 0) {
		errors_add(errs, name, no, 0, "changetype '%s': only entries to "
		    "add are read", value);
		free(value);
		return -1;
	}
	rec_add(r, s, alen, value);
	return 0;
}

int
ldif_read(const char *name, const char *buf, size_t len,
    struct entries *out, struct errors *errs)
{
	struct rec r = { 0 };
	struct strbuf line = { 0 };
	size_t i = 0, no = 0, at = 0, before = out->n, e;
	int bad = 0, in = 0;

	if (u8_check((const uint8_t *)buf, len) != NULL ||
	    memchr(buf, '\0', len) != NULL) {
		errors_add(errs, name, 0, 0, "not UTF-8 text");
		return ST_DATA;
	}
	while (i <= len && !bad) {
		/* One logical line: continuations begin with a space. */
		line.len = 0;
		at = ++no;
		for (;;) {
			e = i;
			while (e < len && buf[e] != '\n')
				e++;
			strbuf_add(&line, buf + i, e - i - (e > i && buf[e - 1] ==
			    '\r'));
			i = e + 1;
			if (i < len && buf[i] == ' ') {
				i++;
				no++;
				continue;
			}
			break;
		}
		strbuf_add(&line, "", 1);
		if (line.p[0] == '#')
			continue;
		if (line.p[0] == '\0') {
			/* A directory store's own entry is no official. */
			if (in && rec_get(&r, "dn") != NULL &&
			    rec_get(&r, "contactsLastId") == NULL)
				rec_entry(&r, name, out);
			rec_clear(&r);
			in = 0;
			continue;
		}
		if (!in && strncasecmp(line.p, "version:", 8) == 0)
			continue;
		if (!in && strncasecmp(line.p, "dn:", 3) != 0) {
			errors_add(errs, name, at, 0, "an entry must begin with "
			    "'dn:'");
			bad = 1;
			break;
		}
		if (!in)
			r.line = at;
		in = 1;
		bad = attr_line(&r, name, line.p, at, errs) != 0;
	}
	rec_clear(&r);
	free(line.p);
	if (bad) {
		entries_truncate(out, before);
		return ST_DATA;
	}
	return 0;
}
