/* email.c: derives addresses from templates and validates them (RFC 5321/5322). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <idn2.h>

#include "diag.h"
#include "email.h"
#include "fold.h"
#include "names.h"
#include "rules.h"
#include "table.h"

char *
email_unicode(const char *addr)
{
	const char *at = strrchr(addr, '@');
	char *u = NULL, *out;

	if (at == NULL || idn2_to_unicode_8z8z(at + 1, &u, 0) != IDN2_OK) {
		free(u);
		return xstrdup(addr);
	}
	out = xasprintf("%.*s@%s", (int)(at - addr), addr, u);
	idn2_free(u);
	return out;
}

static int
is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static int
dot_atom(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
		if (s[i] != '.' && !is_atext((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

static const char *
check_labels(const char *d)
{
	const char *label = d, *s;

	if (*d == '\0')
		return "empty domain";
	if (strlen(d) > 253)
		return "domain longer than 253 octets";
	for (s = d;; s++) {
		if (*s == '.' || *s == '\0') {
			size_t n = (size_t)(s - label);

			if (n == 0)
				return "empty label in domain";
			if (n > 63)
				return "domain label longer than 63 octets";
			if (label[0] == '-' || s[-1] == '-')
				return "domain label begins or ends with '-'";
			if (*s == '\0')
				return NULL;
			label = s + 1;
		} else if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-')) {
			return "domain has a character outside letters, "
			    "digits and '-'";
		}
	}
}

int
email_domain_ascii(const char *domain, char **ascii, const char **why)
{
	char *out = NULL, *s;
	int rc;

	rc = idn2_to_ascii_8z(domain, &out, IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK) {
		*why = idn2_strerror(rc);
		return -1;
	}
	for (s = out; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	if ((*why = check_labels(out)) != NULL) {
		idn2_free(out);
		return -1;
	}
	*ascii = xstrdup(out);
	idn2_free(out);
	return 0;
}

/* The local part of n octets, and the length of local@domain_ascii. */
static int
local_valid(const char *local, size_t n, const char *domain_ascii,
    const char **why)
{
	if (!dot_atom(local, n)) {
		*why = "local part is not a dot-atom";
		return -1;
	}
	if (n > 64) {
		*why = "local part longer than 64 octets";
		return -1;
	}
	if (n + 1 + strlen(domain_ascii) > 254) {
		*why = "address longer than 254 octets";
		return -1;
	}
	return 0;
}

int
email_valid(const char *addr, const char **why)
{
	const char *at = strrchr(addr, '@');
	char *ascii;
	int rc;

	if (at == NULL) {
		*why = "no '@'";
		return -1;
	}
	/* The local part first, so its fault is the one reported. */
	if (!dot_atom(addr, (size_t)(at - addr))) {
		*why = "local part is not a dot-atom";
		return -1;
	}
	if (email_domain_ascii(at + 1, &ascii, why) != 0)
		return -1;
	rc = local_valid(addr, (size_t)(at - addr), ascii, why);
	free(ascii);
	return rc;
}

struct ascii_memo {
	struct table seen;	/* map and name part -> result number + 1 */
	struct vec res;		/* struct memo_res */
};

struct memo_res {
	char *ascii;		/* NULL if a letter has no ASCII form */
	ucs4_t bad;
};

struct ascii_memo *
ascii_memo_new(void)
{
	struct ascii_memo *m = xcalloc(1, sizeof(*m));

	table_init(&m->seen, 1 << 12);
	return m;
}

void
ascii_memo_free(struct ascii_memo *m)
{
	struct memo_res *v;
	size_t i;

	if (m == NULL)
		return;
	v = (struct memo_res *)(void *)m->res.p;
	for (i = 0; i < m->res.len / sizeof(*v); i++)
		free(v[i].ascii);
	table_release(&m->seen);
	free(m->res.p);
	free(m);
}

/* fold_ascii(), once for each map and name part when m is not NULL. */
static int
to_ascii(const struct translit *t, const char *name, struct ascii_memo *m,
    const char **ascii, char **owned, ucs4_t *uc, const struct trace *tr)
{
	struct memo_res res, *v;
	struct strbuf key = { 0 };
	struct slot *sl;
	int isnew;

	*owned = NULL;
	if (m == NULL) {
		if (fold_ascii(name, t ? t->map : NULL, t ? t->nmap : 0, owned,
		    uc, tr) != 0)
			return -1;
		*ascii = *owned;
		return 0;
	}
	strbuf_add(&key, &t, sizeof(t));
	strbuf_add(&key, name, strlen(name));
	sl = table_get(&m->seen, key.p, key.len, &isnew);
	free(key.p);
	if (isnew) {
		memset(&res, 0, sizeof(res));
		if (fold_ascii(name, t ? t->map : NULL, t ? t->nmap : 0,
		    &res.ascii, &res.bad, NULL) != 0)
			res.ascii = NULL;
		vec_add(&m->res, &res, sizeof(res));
		sl->val = (uint32_t)(m->res.len / sizeof(res));
	}
	v = (struct memo_res *)(void *)m->res.p + (sl->val - 1);
	*ascii = v->ascii;
	*uc = v->bad;
	return v->ascii == NULL ? -1 : 0;
}

/* Transliterates one name part and applies the profile's space rule. */
static int
render(const struct rules *r, const struct org_rule *o, const char *name,
    struct strbuf *out, char **why, const struct trace *tr,
    struct ascii_memo *m)
{
	const struct translit *t = rules_translit(r, o);
	const char *ascii, *s;
	char *owned, bad[8];
	ucs4_t uc;
	int pending_space = 0;

	trace_step(tr, "name part", name);
	if (to_ascii(t, name, m, &ascii, &owned, &uc, tr) != 0) {
		fold_utf8(uc, bad);
		*why = xasprintf("cannot transliterate '%s' in '%s'", bad, name);
		return -1;
	}
	for (s = ascii; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t') {
			pending_space = out->len > 0;
			continue;
		}
		if (*s == '\'')
			continue;
		if (pending_space && o->space != 0)
			strbuf_add(out, &o->space, 1);
		pending_space = 0;
		strbuf_add(out, s, 1);
	}
	free(owned);
	return 0;
}

static char *
first_word(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strcspn(s, " \t");
	return xstrndup(s, n);
}

static int
derive(const struct rules *r, const struct org_rule *o, const char *given,
    const char *family, char **addr, char **why, const struct trace *tr,
    struct ascii_memo *m)
{
	struct strbuf local = { 0 };
	const char *t, *vwhy;
	char *first = first_word(given);
	int rc = 0;

	strbuf_add(&local, "", 0);
	trace_step(tr, "template", o->template);
	if (o->drop_particles && names_without_particles(family) != family) {
		family = names_without_particles(family);
		trace_step(tr, "particles dropped", family);
	}
	for (t = o->template; *t != '\0' && rc == 0; t++) {
		const char *src = NULL;
		int initial = 0;
		size_t skip = 0;

		if (strncmp(t, "{first}", 7) == 0)
			src = first, skip = 6;
		else if (strncmp(t, "{given}", 7) == 0)
			src = given, skip = 6;
		else if (strncmp(t, "{last}", 6) == 0)
			src = family, skip = 5;
		else if (strncmp(t, "{f}", 3) == 0)
			src = first, skip = 2, initial = 1;
		else if (strncmp(t, "{l}", 3) == 0)
			src = family, skip = 2, initial = 1;
		if (src == NULL) {
			strbuf_add(&local, t, 1);
			continue;
		}
		t += skip;
		if (*src == '\0') {
			*why = xasprintf("template '%s' needs a %s name",
			    o->template, src == family ? "family" : "given");
			rc = -1;
		} else if (initial) {
			struct strbuf w = { 0 };

			if ((rc = render(r, o, src, &w, why, tr, m)) == 0 &&
			    w.len > 0)
				strbuf_add(&local, w.p, 1);
			free(w.p);
		} else {
			rc = render(r, o, src, &local, why, tr, m);
		}
	}
	free(first);
	if (rc != 0) {
		free(local.p);
		return -1;
	}
	trace_step(tr, "local part", local.p);
	if (strcmp(o->domain, o->domain_ascii) != 0)
		trace_step(tr, "domain, IDNA", o->domain_ascii);
	*addr = xasprintf("%s@%s", local.p, o->domain_ascii);
	/* The domain was checked when the rules were read. */
	rc = local_valid(local.p, local.len, o->domain_ascii, &vwhy);
	free(local.p);
	if (rc != 0) {
		*why = xasprintf("derived '%s' is invalid: %s", *addr, vwhy);
		free(*addr);
		*addr = NULL;
		return -1;
	}
	return 0;
}

int
email_derive(const struct rules *r, const struct org_rule *o,
    const char *given, const char *family, char **addr, char **why,
    const struct trace *tr)
{
	return derive(r, o, given, family, addr, why, tr, NULL);
}

int
email_derive_memo(const struct rules *r, const struct org_rule *o,
    const char *given, const char *family, struct ascii_memo *m,
    char **addr, char **why)
{
	return derive(r, o, given, family, addr, why, NULL, m);
}
