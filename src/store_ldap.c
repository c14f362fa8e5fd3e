/* store_ldap.c: a store in an LDAP directory (OpenLDAP's libldap): officials as inetOrgPerson entries. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ldap.h>

#include "diag.h"
#include "fold.h"
#include "store_backend.h"
#include "store_ldap.h"

/*
 * How long the server may take to be reached, or to answer one request,
 * unless the settings' timeout says (1 to 600 seconds).
 */
#define LDAP_WAIT_SECONDS 10

/*
 * The store's known columns as attributes of inetOrgPerson and of the
 * auxiliary class contactsOfficial (data/contacts.schema). The id is the
 * entry's RDN: employeeNumber=ID under the store's base.
 */
static const char *const attr_of[COL__COUNT] = {
	"employeeNumber", "givenName", "sn", "title", "o", "ou",
	"telephoneNumber", "mobile", "mail", "description", "contactsSource",
};

/* Every other column, as NAME=VALUE values. */
#define EXTRA_ATTR "contactsColumn"
/* What an official is. */
#define ALL_OFFICIALS "(objectClass=inetOrgPerson)"
/*
 * The entry under the base that keeps the highest id ever given and the
 * other columns, as NAME=, in their order.
 */
#define STORE_RDN "cn=contacts"

/*
 * libldap is opened when a directory store is, not linked: loading it and
 * what it needs (SASL, GnuTLS) would cost every call, most of which never
 * see a directory. LDAP_SONAME is the name the build found it under.
 */
#ifndef LDAP_SONAME
#error "LDAP_SONAME: libldap's soname (the Makefile reads it with objdump)"
#endif
_Static_assert(sizeof(LDAP_SONAME) > 1, "LDAP_SONAME is empty: is objdump "
    "(binutils) there, and libldap-dev?");
#define LDAP_CALLS(X) \
	X(initialize) X(set_option) X(get_option) X(start_tls_s) \
	X(sasl_bind_s) X(unbind_ext_s) X(url_parse) X(free_urldesc) \
	X(search_ext_s) X(first_entry) X(next_entry) X(get_dn) \
	X(get_values_len) X(value_free_len) X(msgfree) X(memfree) \
	X(err2string) X(add_ext_s) X(modify_ext_s) X(delete_ext_s)

/* libldap's calls this store makes: lib.search_ext_s is ldap_search_ext_s. */
struct ldap_lib {
#define X(f) __typeof__(ldap_##f) *(f);
	LDAP_CALLS(X)
#undef X
};

struct lrow {
	char **cell;		/* ncol values, "" when unset */
	char *dn;		/* NULL for a row not yet in the directory */
	unsigned char *dirty;	/* per column: changed since read */
	int written;		/* by the last save, which may have failed later */
};

struct ldap_store {
	struct store base;
	struct ldap_lib lib;
	struct store_settings set;	/* as opened with; the strings not ours */
	LDAP *ld;
	char *dn;		/* the base: officials are its children */
	struct lrow *row;
	size_t n;
	char **gone;		/* entries removed, deleted when saved */
	size_t ngone;
	struct timeval wait;	/* for each request */
	unsigned long last_id;	/* as the directory keeps it; 0 if it does not */
	int has_entry;		/* the store's own entry was there when read */
	int partial;		/* some officials only: those a filter chose */
	size_t ncolumns;	/* of the other columns, how many it keeps */
};

static int
handles(const char *location)
{
	return strncasecmp(location, "ldap://", 7) == 0 ||
	    strncasecmp(location, "ldaps://", 8) == 0;
}

/* The server's own words for what went wrong, after libldap's. */
static void
server_error(struct ldap_store *ls, int rc, const char *doing,
    struct errors *errs)
{
	char *msg = NULL;

	if (ls->ld != NULL)
		(void)ls->lib.get_option(ls->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &msg);
	errors_add(errs, NULL, 0, 0, "%s: %s: %s%s%s", ls->base.location,
	    doing, ls->lib.err2string(rc), msg != NULL && *msg != '\0' ? ": " :
	    "", msg != NULL ? msg : "");
	ls->lib.memfree(msg);
}

/*
 * The password in the file the settings' password_file names, its last
 * newline dropped; a file others may read is refused. 0, or ST_SYSTEM.
 */
static int
read_password(const char *path, char **pw, struct errors *errs)
{
	struct stat sb;
	char buf[1024];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot read the LDAP password "
		    "file '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ST_SYSTEM;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		errors_add(errs, NULL, 0, 0, "the LDAP password file '%s' may "
		    "be read by others (mode %03o): make it 600", path,
		    (unsigned)(sb.st_mode & 0777));
		close(fd);
		return ST_SYSTEM;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		errors_add(errs, NULL, 0, 0, "cannot read the LDAP password "
		    "file '%s': %s", path, strerror(errno));
		return ST_SYSTEM;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	*pw = xstrndup(buf, (size_t)n);
	return 0;
}

/*
 * Non-zero if TLS is asked for on a plain ldap:// connection: by the URL
 * (ldap://HOST/BASE?starttls) or by the settings' starttls (yes or 1).
 */
static int
asks_starttls(const struct ldap_store *ls, const LDAPURLDesc *url)
{
	const char *e = ls->set.starttls;
	size_t i;

	for (i = 0; url->lud_attrs != NULL && url->lud_attrs[i] != NULL; i++)
		if (strcasecmp(url->lud_attrs[i], "starttls") == 0)
			return 1;
	for (i = 0; url->lud_exts != NULL && url->lud_exts[i] != NULL; i++)
		if (strcasecmp(url->lud_exts[i], "starttls") == 0)
			return 1;
	return e != NULL && (strcmp(e, "yes") == 0 || strcmp(e, "1") == 0);
}

/*
 * The certificate authorities the settings' ca_file names, for ldaps://
 * and StartTLS alike, and StartTLS itself if tls; a server whose
 * certificate they do not vouch for is refused. 0, or ST_SYSTEM.
 */
static int
start_tls(struct ldap_store *ls, int tls, struct errors *errs)
{
	const char *ca = ls->set.ca_file;
	int demand = LDAP_OPT_X_TLS_DEMAND, zero = 0, rc;

	(void)ls->lib.set_option(ls->ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
	if (ca != NULL && *ca != '\0') {
		if (access(ca, R_OK) != 0) {
			errors_add(errs, NULL, 0, 0, "cannot read the LDAP CA "
			    "file '%s': %s", ca, strerror(errno));
			return ST_SYSTEM;
		}
		(void)ls->lib.set_option(ls->ld, LDAP_OPT_X_TLS_CACERTFILE, ca);
	}
	(void)ls->lib.set_option(ls->ld, LDAP_OPT_X_TLS_NEWCTX, &zero);
	if (tls && (rc = ls->lib.start_tls_s(ls->ld, NULL, NULL)) != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot start TLS", errs);
		return ST_SYSTEM;
	}
	return 0;
}

/*
 * The number the setting e gives, from 1 to hi, or *v as it was when e
 * is NULL or "". 0, or ST_DATA saying "ldap WHAT 'VALUE' is not a number
 * RANGE".
 */
static int
setting_number(const char *e, const char *what, const char *range,
    unsigned long hi, unsigned long *v, struct errors *errs)
{
	unsigned long n;
	char *end;

	if (e == NULL || *e == '\0')
		return 0;
	n = strtoul(e, &end, 10);
	if (*end != '\0' || n < 1 || n > hi) {
		errors_add(errs, NULL, 0, 0, "ldap %s '%s' is not a number %s",
		    what, e, range);
		return ST_DATA;
	}
	*v = n;
	return 0;
}

/*
 * What the settings say of how to talk to the directory: how long to
 * wait for the server (timeout), and the ids this writer gives (id_step
 * and id_offset), for a directory that
 * servers replicate to each other (multi-provider), each taking writes:
 * two servers giving one id at once would each keep their official, and
 * replication the later of the two. With step 2, writers to the first
 * server take offset 1 and to the second offset 2, as auto-increment
 * offsets do for databases written in two places. 0, or ST_DATA.
 */
static int
settings(struct ldap_store *ls, struct errors *errs)
{
	unsigned long t = LDAP_WAIT_SECONDS, step = 1, off = 0;
	char *range;
	int rc;

	if ((rc = setting_number(ls->set.timeout, "timeout",
	    "of seconds from 1 to 600", 600, &t, errs)) != 0 ||
	    (rc = setting_number(ls->set.id_step, "id step",
	    "from 1 to 1000", 1000, &step, errs)) != 0)
		return rc;
	range = xasprintf("from 1 to the step, %lu", step);
	rc = setting_number(ls->set.id_offset, "id offset", range, step,
	    &off, errs);
	free(range);
	ls->wait.tv_sec = (time_t)t;
	ls->wait.tv_usec = 0;
	ls->base.id_step = step;
	ls->base.id_offset = off;
	return rc;
}

/*
 * Opens libldap and finds the calls this store makes; 0, or ST_SYSTEM
 * naming what is missing. The library stays loaded: it keeps process-wide
 * state (its options, TLS) that unloading would pull from under it.
 */
static int
load_lib(struct ldap_lib *lib, struct errors *errs)
{
	void *h = dlopen(LDAP_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *why;

	if (h == NULL) {
		why = dlerror();
		errors_add(errs, NULL, 0, 0, "a directory store needs libldap: "
		    "%s", why != NULL ? why : "cannot load " LDAP_SONAME);
		return ST_SYSTEM;
	}
#define X(f) \
	if ((*(void **)&lib->f = dlsym(h, "ldap_" #f)) == NULL) { \
		errors_add(errs, NULL, 0, 0, "%s has no ldap_" #f, \
		    LDAP_SONAME); \
		(void)dlclose(h); \
		return ST_SYSTEM; \
	}
	LDAP_CALLS(X)
#undef X
	return 0;
}

/* Connects to the server of location and binds; 0, or ST_SYSTEM. */
static int
connect_bind(struct ldap_store *ls, struct errors *errs)
{
	const char *dn = ls->set.bind_dn;
	const char *pwfile = ls->set.password_file;
	LDAPURLDesc *url = NULL;
	struct timeval wait = ls->wait;
	struct berval cred = { 0, NULL };
	char *server, *pw = NULL;
	int v3 = LDAP_VERSION3, rc, tls;

	if ((rc = ls->lib.url_parse(ls->base.location, &url)) != LDAP_URL_SUCCESS) {
		errors_add(errs, NULL, 0, 0, "'%s' is not an LDAP URL (error "
		    "%d)", ls->base.location, rc);
		return ST_SYSTEM;
	}
	if (url->lud_dn == NULL || *url->lud_dn == '\0') {
		errors_add(errs, NULL, 0, 0, "'%s' names no base DN: write "
		    "ldap://HOST:PORT/ou=people,dc=example,dc=org",
		    ls->base.location);
		ls->lib.free_urldesc(url);
		return ST_SYSTEM;
	}
	ls->dn = xstrdup(url->lud_dn);
	server = xasprintf("%s://%s:%d", url->lud_scheme, url->lud_host != NULL ?
	    url->lud_host : "localhost", url->lud_port);
	tls = asks_starttls(ls, url);
	ls->lib.free_urldesc(url);
	rc = ls->lib.initialize(&ls->ld, server);
	free(server);
	if (rc != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot connect", errs);
		return ST_SYSTEM;
	}
	(void)ls->lib.set_option(ls->ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	(void)ls->lib.set_option(ls->ld, LDAP_OPT_NETWORK_TIMEOUT, &wait);
	(void)ls->lib.set_option(ls->ld, LDAP_OPT_TIMEOUT, &wait);
	(void)ls->lib.set_option(ls->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	if ((rc = start_tls(ls, tls, errs)) != 0)
		return rc;
	if (pwfile != NULL && *pwfile != '\0') {
		if ((rc = read_password(pwfile, &pw, errs)) != 0)
			return rc;
		cred.bv_val = pw;
		cred.bv_len = strlen(pw);
	}
	rc = ls->lib.sasl_bind_s(ls->ld, dn != NULL ? dn : "", LDAP_SASL_SIMPLE,
	    &cred, NULL, NULL, NULL);
	free(pw);
	if (rc != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot bind", errs);
		return ST_SYSTEM;
	}
	return 0;
}

/* The first value of attr in e, or "". Caller frees. */
static char *
first_value(const struct ldap_store *ls, LDAPMessage *e, const char *attr)
{
	struct berval **v = ls->lib.get_values_len(ls->ld, e, attr);
	char *s = v != NULL && v[0] != NULL ?
	    xstrndup(v[0]->bv_val, v[0]->bv_len) : xstrdup("");

	ls->lib.value_free_len(v);
	return s;
}

/*
 * sn is required, so an official with a given name only is written with
 * it as sn too, and cn the given name alone; read so, the family name is
 * empty again (Kim Kim has the cn "Kim Kim").
 */
static void
no_family(const struct ldap_store *ls, LDAPMessage *e, struct lrow *r)
{
	char *cn = first_value(ls, e, "cn");

	if (*r->cell[COL_GIVEN] != '\0' &&
	    strcmp(r->cell[COL_FAMILY], r->cell[COL_GIVEN]) == 0 &&
	    strcmp(cn, r->cell[COL_GIVEN]) == 0) {
		free(r->cell[COL_FAMILY]);
		r->cell[COL_FAMILY] = xstrdup("");
	}
	free(cn);
}

static int
by_id(const void *a, const void *b)
{
	unsigned long x = strtoul(((const struct lrow *)a)->cell[0], NULL, 10);
	unsigned long y = strtoul(((const struct lrow *)b)->cell[0], NULL, 10);

	return x < y ? -1 : x > y;
}

static int read_store_entry(struct ldap_store *ls, char ***names, size_t *n,
    struct errors *errs);

/* The official of entry e as one more row, its DN kept. */
static void
entry_row(struct ldap_store *ls, LDAPMessage *e)
{
	struct store *st = &ls->base;
	struct berval **v;
	struct lrow *r;
	char *dn = ls->lib.get_dn(ls->ld, e);
	size_t c, j;

	ls->row = xreallocarray(ls->row, ls->n + 1, sizeof(*ls->row));
	r = &ls->row[ls->n++];
	memset(r, 0, sizeof(*r));
	r->dn = xstrdup(dn != NULL ? dn : "");
	ls->lib.memfree(dn);
	r->cell = xcalloc(st->ncol, sizeof(*r->cell));
	for (c = 0; c < COL__COUNT; c++)
		r->cell[c] = first_value(ls, e, attr_of[c]);
	for (; c < st->ncol; c++)
		r->cell[c] = xstrdup("");
	no_family(ls, e, r);
	v = ls->lib.get_values_len(ls->ld, e, EXTRA_ATTR);
	for (j = 0; v != NULL && v[j] != NULL; j++) {
		char *nv = xstrndup(v[j]->bv_val, v[j]->bv_len);
		char *val = ldap_column_split(nv);

		if (val != NULL)
			store_set(st, ls->n - 1, nv, val);
		free(nv);
	}
	ls->lib.value_free_len(v);
	/* Read, not changed: store_set() marked the other columns dirty. */
	free(r->dirty);
	r->dirty = NULL;
}

/* The attributes a row is read from, NULL-terminated. */
static void
row_attrs(const char *attrs[COL__COUNT + 3])
{
	size_t i;

	for (i = 0; i < COL__COUNT; i++)
		attrs[i] = attr_of[i];
	attrs[COL__COUNT] = EXTRA_ATTR;
	attrs[COL__COUNT + 1] = "cn";
	attrs[COL__COUNT + 2] = NULL;
}

/*
 * The officials under the base that filter selects, as rows in the order
 * of their ids.
 */
static int
read_entries(struct ldap_store *ls, const char *filter, struct errors *errs)
{
	struct store *st = &ls->base;
	struct timeval wait = ls->wait;
	const char *attrs[COL__COUNT + 3];
	LDAPMessage *res = NULL, *e;
	char **names;
	size_t i, c, nnames;
	int rc;

	row_attrs(attrs);
	rc = ls->lib.search_ext_s(ls->ld, ls->dn, LDAP_SCOPE_ONELEVEL,
	    filter, (char **)attrs, 0, NULL, NULL, &wait, LDAP_NO_LIMIT, &res);
	if (rc != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot search", errs);
		ls->lib.msgfree(res);
		return ST_SYSTEM;
	}
	/* The known columns first, in the CSV store's order, then the others. */
	names = xcalloc(COL__COUNT, sizeof(*names));
	for (c = 0; c < COL__COUNT; c++)
		names[c] = xstrdup(column_name((enum column)c));
	nnames = COL__COUNT;
	if ((rc = read_store_entry(ls, &names, &nnames, errs)) != 0) {
		for (c = 0; c < nnames; c++)
			free(names[c]);
		free(names);
		ls->lib.msgfree(res);
		return rc;
	}
	if (store_header(st, names, nnames, st->location, 0, errs) != 0) {
		ls->lib.msgfree(res);
		return ST_DATA;
	}
	for (e = ls->lib.first_entry(ls->ld, res); e != NULL;
	    e = ls->lib.next_entry(ls->ld, e))
		entry_row(ls, e);
	ls->lib.msgfree(res);
	if (ls->n > 1)
		qsort(ls->row, ls->n, sizeof(*ls->row), by_id);
	for (i = 0; i < ls->n; i++)
		free(ls->row[i].dirty), ls->row[i].dirty = NULL;
	st->changed = 0;
	return 0;
}

static void
free_row(const struct store *st, struct lrow *r)
{
	size_t c;

	for (c = 0; c < st->ncol; c++)
		free(r->cell[c]);
	free(r->cell);
	free(r->dn);
	free(r->dirty);
}

/* Forgets the rows read, and their columns, to read others. */
static void
ldap_close_rows(struct ldap_store *ls)
{
	struct store *st = &ls->base;
	size_t i;

	for (i = 0; i < ls->n; i++)
		free_row(st, &ls->row[i]);
	free(ls->row);
	ls->row = NULL;
	ls->n = 0;
	for (i = 0; i < st->ncol; i++)
		free(st->header[i]);
	free(st->header);
	st->header = NULL;
	st->ncol = 0;
}

/*
 * What the store's own entry keeps: the highest id given, so that removing
 * the official who had it does not bring it back, and the other columns,
 * which are the store's whichever officials are read: added to the n
 * names. 0, or ST_SYSTEM.
 */
static int
read_store_entry(struct ldap_store *ls, char ***names, size_t *n,
    struct errors *errs)
{
	struct timeval wait = ls->wait;
	const char *attrs[] = { "contactsLastId", EXTRA_ATTR, NULL };
	LDAPMessage *res = NULL, *e;
	struct berval **v;
	char *dn = xasprintf("%s,%s", STORE_RDN, ls->dn), *id;
	size_t i;
	int rc;

	rc = ls->lib.search_ext_s(ls->ld, dn, LDAP_SCOPE_BASE, "(objectClass=*)",
	    (char **)attrs, 0, NULL, NULL, &wait, 1, &res);
	free(dn);
	if (rc == LDAP_NO_SUCH_OBJECT) {
		ls->lib.msgfree(res);
		return 0;
	}
	if (rc != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot read the store's entry", errs);
		ls->lib.msgfree(res);
		return ST_SYSTEM;
	}
	if ((e = ls->lib.first_entry(ls->ld, res)) != NULL) {
		ls->has_entry = 1;
		id = first_value(ls, e, "contactsLastId");
		ls->last_id = strtoul(id, NULL, 10);
		free(id);
		v = ls->lib.get_values_len(ls->ld, e, EXTRA_ATTR);
		for (i = 0; v != NULL && v[i] != NULL; i++) {
			char *name = xstrndup(v[i]->bv_val, v[i]->bv_len);

			if (ldap_column_split(name) == NULL) {
				free(name);
				continue;
			}
			*names = xreallocarray(*names, *n + 1, sizeof(**names));
			(*names)[(*n)++] = name;
		}
		ls->lib.value_free_len(v);
		ls->ncolumns = *n - COL__COUNT;
	}
	ls->lib.msgfree(res);
	if (ls->last_id > ls->base.last_id)
		ls->base.last_id = ls->last_id;
	return 0;
}

/* A modification list being built: attribute, values. */
struct mods {
	LDAPMod **v;
	size_t n;
};

static void
mods_add(struct mods *m, int op, const char *attr, char **vals)
{
	LDAPMod *mod = xcalloc(1, sizeof(*mod));

	mod->mod_op = op;
	mod->mod_type = xstrdup(attr);
	mod->mod_values = vals;
	m->v = xreallocarray(m->v, m->n + 2, sizeof(*m->v));
	m->v[m->n++] = mod;
	m->v[m->n] = NULL;
}

static void
mods_release(struct mods *m)
{
	size_t i, j;

	for (i = 0; i < m->n; i++) {
		for (j = 0; m->v[i]->mod_values != NULL &&
		    m->v[i]->mod_values[j] != NULL; j++)
			free(m->v[i]->mod_values[j]);
		free(m->v[i]->mod_values);
		free(m->v[i]->mod_type);
		free(m->v[i]);
	}
	free(m->v);
}

static void store_entry_mods(const struct store *st, unsigned long last_id,
    struct mods *m);

/*
 * Makes the store's own entry: the last id given and the columns, as the
 * store has them now. LDAP_ALREADY_EXISTS if another writer made it
 * first; then nothing is written.
 */
static int
add_store_entry(struct ldap_store *ls)
{
	struct store *st = &ls->base;
	char *dn = xasprintf("%s,%s", STORE_RDN, ls->dn);
	struct mods m = { 0 };
	int rc;

	store_entry_mods(st, st->last_id, &m);
	if ((rc = ls->lib.add_ext_s(ls->ld, dn, m.v, NULL, NULL)) ==
	    LDAP_SUCCESS) {
		ls->has_entry = 1;
		ls->last_id = st->last_id;
		ls->ncolumns = st->ncol - COL__COUNT;
	}
	mods_release(&m);
	free(dn);
	return rc;
}

/*
 * Records the columns the store's entry lacks, each added as a value of
 * its own, so that one another writer added meanwhile is kept and is no
 * error; makes the entry where there is none. Where there is, its last id
 * is reserve_ids()'s to move, never set back.
 */
static int
write_store_entry(struct ldap_store *ls)
{
	struct store *st = &ls->base;
	char *dn, *col[2] = { 0 };
	LDAPMod m_col = { LDAP_MOD_ADD, EXTRA_ATTR, { col } };
	LDAPMod *mod[] = { &m_col, NULL };
	size_t i;
	int rc = LDAP_SUCCESS;

	if (!ls->has_entry && (st->last_id > ls->last_id ||
	    st->ncol > COL__COUNT)) {
		rc = add_store_entry(ls);
		/* Made by another writer meanwhile: add the columns to it. */
		if (rc != LDAP_ALREADY_EXISTS)
			return rc;
		ls->has_entry = 1;
		rc = LDAP_SUCCESS;
	}
	dn = xasprintf("%s,%s", STORE_RDN, ls->dn);
	for (i = COL__COUNT + ls->ncolumns; ls->has_entry && i < st->ncol &&
	    rc == LDAP_SUCCESS; i++) {
		col[0] = ldap_column_pair(st->header[i], "");
		rc = ls->lib.modify_ext_s(ls->ld, dn, mod, NULL, NULL);
		free(col[0]);
		if (rc == LDAP_TYPE_OR_VALUE_EXISTS)
			rc = LDAP_SUCCESS;
		if (rc == LDAP_SUCCESS)
			ls->ncolumns = i + 1 - COL__COUNT;
	}
	free(dn);
	return rc;
}

/*
 * Connects, binds and reads the officials filter selects (every one when
 * it is NULL, or when it selects none: the close names to suggest).
 */
static int
open_reading(struct store **stp, const char *location, unsigned flags,
    const struct store_settings *set, const char *filter, struct errors *errs)
{
	struct ldap_store *ls = xcalloc(1, sizeof(*ls));
	int rc;

	store_base_init(&ls->base, &store_ldap, location, flags);
	if (set != NULL)
		ls->set = *set;
	if ((rc = settings(ls, errs)) == 0 &&
	    (rc = load_lib(&ls->lib, errs)) == 0 &&
	    (rc = connect_bind(ls, errs)) == 0)
		rc = read_entries(ls, filter != NULL ? filter : ALL_OFFICIALS,
		    errs);
	ls->partial = filter != NULL;
	if (rc == 0 && ls->n == 0 && filter != NULL) {
		ldap_close_rows(ls);
		ls->partial = 0;
		rc = read_entries(ls, ALL_OFFICIALS, errs);
	}
	if (rc != 0) {
		ls->base.be->close(&ls->base);
		return rc;
	}
	*stp = &ls->base;
	return 0;
}

static int
ldap_open(struct store **stp, const char *location, const char *from,
    unsigned flags, const struct store_settings *set, struct errors *errs)
{
	(void)from;
	return open_reading(stp, location, flags, set, NULL, errs);
}

/* Adds value to a filter, with what RFC 4515 escapes as \XX. */
static void
filter_value(struct strbuf *b, const char *value)
{
	char hex[4];

	for (; *value != '\0'; value++) {
		if (strchr("*()\\", *value) == NULL) {
			strbuf_add(b, value, 1);
			continue;
		}
		(void)snprintf(hex, sizeof(hex), "\\%02x",
		    (unsigned char)*value);
		strbuf_add(b, hex, 3);
	}
}

/*
 * The filter for the officials whose name words begin with each folded
 * word of terms: (&(objectClass=inetOrgPerson)(contactsKey=pimia*)...),
 * answered from the server's substring index. NULL when a term is an
 * address or a number, which names match nothing of. Caller frees.
 */
static char *
names_filter(char *const *terms, size_t n)
{
	struct strbuf b = { 0 };
	struct words w;
	size_t i, j;

	strbuf_add(&b, "(&" ALL_OFFICIALS, strlen("(&" ALL_OFFICIALS));
	for (i = 0; i < n; i++) {
		if (strpbrk(terms[i], "@0123456789+") != NULL ||
		    fold_words(&w, terms[i]) != 0) {
			free(b.p);
			return NULL;
		}
		for (j = 0; j < w.n; j++) {
			strbuf_add(&b, "(contactsKey=", 13);
			filter_value(&b, w.w[j]);
			strbuf_add(&b, "*)", 2);
		}
		words_release(&w);
	}
	strbuf_add(&b, ")", 2);
	return b.p;
}

static int
ldap_open_names(struct store **stp, const char *location, char *const *terms,
    size_t n, const struct store_settings *set, struct errors *errs)
{
	char *filter = names_filter(terms, n);
	int rc = open_reading(stp, location, 0, set, filter, errs);

	free(filter);
	return rc;
}

static void
ldap_close(struct store *st)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	size_t i;

	for (i = 0; i < ls->n; i++)
		free_row(st, &ls->row[i]);
	free(ls->row);
	for (i = 0; i < ls->ngone; i++)
		free(ls->gone[i]);
	free(ls->gone);
	free(ls->dn);
	if (ls->ld != NULL)
		ls->lib.unbind_ext_s(ls->ld, NULL, NULL);
	store_base_release(st);
	free(ls);
}

static size_t
ldap_count(const struct store *st)
{
	return ((const struct ldap_store *)st)->n;
}

static const char *
ldap_cell(const struct store *st, size_t row, size_t col)
{
	const struct ldap_store *ls = (const struct ldap_store *)st;
	const char *v = ls->row[row].cell[col];

	return v != NULL ? v : "";
}

/* A row's place in messages: its entry's DN. */
static struct where
ldap_where(const struct store *st, size_t row)
{
	const struct ldap_store *ls = (const struct ldap_store *)st;
	struct where w = { ls->row[row].dn != NULL ? ls->row[row].dn :
	    st->location, 0 };

	return w;
}

static size_t
ldap_append(struct store *st)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	struct lrow *r;
	size_t c;

	ls->row = xreallocarray(ls->row, ls->n + 1, sizeof(*ls->row));
	r = &ls->row[ls->n];
	memset(r, 0, sizeof(*r));
	r->cell = xcalloc(st->ncol, sizeof(*r->cell));
	for (c = 0; c < st->ncol; c++)
		r->cell[c] = xstrdup("");
	return ls->n++;
}

static void
ldap_set(struct store *st, size_t row, size_t col, const char *value)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	struct lrow *r = &ls->row[row];

	free(r->cell[col]);
	r->cell[col] = xstrdup(value);
	if (r->dirty == NULL)
		r->dirty = xcalloc(st->ncol, 1);
	r->dirty[col] = 1;
}

static void
ldap_delete(struct store *st, const unsigned char *gone)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	size_t i, n = 0;

	for (i = 0; i < ls->n; i++) {
		if (!gone[i]) {
			ls->row[n++] = ls->row[i];
			continue;
		}
		/* The directory deletes the entry when the store is saved. */
		if (ls->row[i].dn != NULL) {
			ls->gone = xreallocarray(ls->gone, ls->ngone + 1,
			    sizeof(*ls->gone));
			ls->gone[ls->ngone++] = xstrdup(ls->row[i].dn);
		}
		free_row(st, &ls->row[i]);
	}
	ls->n = n;
}

static void
ldap_add_column(struct store *st)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	size_t i;

	for (i = 0; i < ls->n; i++) {
		ls->row[i].cell = xreallocarray(ls->row[i].cell, st->ncol,
		    sizeof(*ls->row[i].cell));
		ls->row[i].cell[st->ncol - 1] = xstrdup("");
		if (ls->row[i].dirty != NULL) {
			ls->row[i].dirty = xreallocarray(ls->row[i].dirty,
			    st->ncol, 1);
			ls->row[i].dirty[st->ncol - 1] = 0;
		}
	}
}

/* One value, or none for "" (which a replace makes an absence). */
static char **
one(const char *s)
{
	char **v = xcalloc(2, sizeof(*v));

	if (*s != '\0')
		v[0] = xstrdup(s);
	return v;
}

/* The folded words of the row's name, for contactsKey. */
static char **
key_words(const struct store *st, size_t row)
{
	struct words w;
	char *name = xasprintf("%s %s", store_field(st, row, COL_GIVEN),
	    store_field(st, row, COL_FAMILY));
	char **v;
	size_t i, j, n = 0;

	if (fold_words(&w, name) != 0) {
		free(name);
		return xcalloc(1, sizeof(char *));
	}
	free(name);
	v = xcalloc(w.n + 1, sizeof(*v));
	/* A word twice (Kim Kim) is one value: the server allows no twins. */
	for (i = 0; i < w.n; i++) {
		for (j = 0; j < n && strcmp(v[j], w.w[i]) != 0; j++)
			;
		if (j == n)
			v[n++] = xstrdup(w.w[i]);
	}
	words_release(&w);
	return v;
}

char *
ldap_column_pair(const char *name, const char *value)
{
	struct strbuf b = { 0 };

	for (; *name != '\0'; name++) {
		if (*name == '=' || *name == '\\')
			strbuf_add(&b, "\\", 1);
		strbuf_add(&b, name, 1);
	}
	strbuf_add(&b, "=", 1);
	strbuf_add(&b, value, strlen(value) + 1);
	return b.p;
}

char *
ldap_column_split(char *nv)
{
	char *p = nv, *w = nv;

	while (*p != '\0') {
		/* Only what ldap_column_pair() escapes: a name written before
		 * names were escaped keeps any other '\\' it has. */
		if (*p == '\\' && (p[1] == '=' || p[1] == '\\')) {
			*w++ = p[1];
			p += 2;
		} else if (*p == '=') {
			*w = '\0';
			return w > nv ? p + 1 : NULL;
		} else {
			*w++ = *p++;
		}
	}
	return NULL;
}

/*
 * Non-zero if value is one the attribute of column c takes: a phone number
 * is a PrintableString (no 'ä' in "växel", no '#' or ';' of an
 * extension), an address IA5 text (ASCII). What does not fit is kept as
 * contactsColumn NAME=VALUE, as written, and read back from there.
 */
static int
fits(enum column c, const char *value)
{
	static const char printable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:?";
	const char *s;

	if (c == COL_PHONE || c == COL_MOBILE)
		return strspn(value, printable) == strlen(value);
	if (c == COL_EMAIL)
		for (s = value; *s != '\0'; s++)
			if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
				return 0;
	return 1;
}

/*
 * Values that fit no attribute, then the other columns of the row, as
 * NAME=VALUE.
 */
static char **
extra_values(const struct store *st, size_t row)
{
	const char *const *names;
	size_t nx = store_extra(st, &names), c, n = 0;
	char **v = xcalloc(COL__COUNT + nx + 1, sizeof(*v));
	const char *val;

	for (c = 0; c < COL__COUNT; c++)
		if (*(val = store_field(st, row, (enum column)c)) != '\0' &&
		    !fits((enum column)c, val))
			v[n++] = ldap_column_pair(column_name((enum column)c),
			    val);
	for (c = 0; c < nx; c++)
		if (*(val = store_get(st, row, names[c])) != '\0')
			v[n++] = ldap_column_pair(names[c], val);
	return v;
}

/*
 * The attributes of row's entry, to add it; or, given which of the
 * store's columns are dirty (by header index), the changes to make to
 * the entry it has. st may be any store (export --format directory).
 */
static void
row_mods(const struct store *st, size_t row, const unsigned char *dirty,
    struct mods *m)
{
	static const char *const classes[] = { "top", "person",
	    "organizationalPerson", "inetOrgPerson", "contactsOfficial", NULL };
	const char *given = store_field(st, row, COL_GIVEN);
	const char *family = store_field(st, row, COL_FAMILY);
	int add = dirty == NULL;
	int op = add ? LDAP_MOD_ADD : LDAP_MOD_REPLACE;
	int names = dirty == NULL || dirty[st->col[COL_GIVEN]] ||
	    dirty[st->col[COL_FAMILY]];
	size_t c, i;
	char **v;
	int extra = add;

	if (add) {
		v = xcalloc(6, sizeof(*v));
		for (i = 0; classes[i] != NULL; i++)
			v[i] = xstrdup(classes[i]);
		mods_add(m, LDAP_MOD_ADD, "objectClass", v);
	}
	for (c = 0; c < COL__COUNT; c++) {
		const char *val = store_field(st, row, (enum column)c);

		if (dirty != NULL && (st->col[c] < 0 || !dirty[st->col[c]]))
			continue;
		/* sn is required: a name with no family name keeps its given. */
		if (c == COL_FAMILY && *val == '\0')
			val = given;
		if (!fits((enum column)c, val)) {
			extra = 1;
			val = "";
		}
		if (add && *val == '\0')
			continue;
		mods_add(m, op, attr_of[c], one(val));
		/* A value that fitted may have been kept in contactsColumn. */
		if (c == COL_PHONE || c == COL_MOBILE || c == COL_EMAIL)
			extra = 1;
	}
	if (names) {
		char *cn = *given != '\0' && *family != '\0' ?
		    xasprintf("%s %s", given, family) :
		    xstrdup(*family != '\0' ? family : given);

		mods_add(m, op, "cn", one(cn));
		free(cn);
		mods_add(m, op, "contactsKey", key_words(st, row));
	}
	for (c = COL__COUNT; dirty != NULL && c < st->ncol; c++)
		extra |= dirty[c];
	if (extra) {
		v = extra_values(st, row);
		if (!add || v[0] != NULL)
			mods_add(m, op, EXTRA_ATTR, v);
		else
			free(v);
	}
}

/*
 * Non-zero if id is digits alone: an entry's name is employeeNumber=ID,
 * and an id with ',' or '+' in it would name another place or two values.
 */
int
ldap_plain_id(const char *id)
{
	return *id != '\0' && strspn(id, "0123456789") == strlen(id);
}

/*
 * Counts one more entry written and names it in list: "id 3", or
 * "removed id 7" for dn, the first twenty.
 */
static void
note_written(struct strbuf *list, size_t *done, const char *what, int removed)
{
	const char *id = what;
	size_t n;

	if (removed && strncasecmp(what, "employeeNumber=", 15) == 0)
		id = what + 15;
	n = strcspn(id, ",");
	if (++*done <= 20) {
		if (*done > 1)
			strbuf_add(list, ", ", 2);
		if (removed)
			strbuf_add(list, "removed ", 8);
		strbuf_add(list, "id ", 3);
		strbuf_add(list, id, n);
	} else if (*done == 21) {
		strbuf_add(list, ", ...", 5);
	}
}

/*
 * Takes the ids this save gives, up to the store's last, before any entry
 * is written: the store's entry's contactsLastId goes from the value read
 * to the new one in one modification that deletes the old value, which
 * the server refuses if another writer has moved it since (or the entry
 * is made, refused if another made it first). LDAP_SUCCESS; or
 * LDAP_NO_SUCH_ATTRIBUTE or LDAP_ALREADY_EXISTS for a race lost, with
 * nothing written; or the server's error.
 */
static int
reserve_ids(struct ldap_store *ls)
{
	const struct store *st = &ls->base;
	char *dn, *was, *now;
	char *was_v[2], *now_v[2];
	LDAPMod del = { LDAP_MOD_DELETE, "contactsLastId", { was_v } };
	LDAPMod put = { LDAP_MOD_ADD, "contactsLastId", { now_v } };
	LDAPMod *swap[] = { &del, &put, NULL };
	int rc;

	if (st->last_id <= ls->last_id)
		return LDAP_SUCCESS;
	if (!ls->has_entry)
		return add_store_entry(ls);
	dn = xasprintf("%s,%s", STORE_RDN, ls->dn);
	was = xasprintf("%lu", ls->last_id);
	now = xasprintf("%lu", st->last_id);
	was_v[0] = was, was_v[1] = NULL;
	now_v[0] = now, now_v[1] = NULL;
	if ((rc = ls->lib.modify_ext_s(ls->ld, dn, swap, NULL, NULL)) ==
	    LDAP_SUCCESS)
		ls->last_id = st->last_id;
	free(dn);
	free(was);
	free(now);
	return rc;
}

/*
 * Writes each change as one operation of its own, in order: removals,
 * then the rows changed or added. The first the server refuses stops the
 * rest, and the error says how many were written before it.
 */
static int
ldap_save(struct store *st, struct errors *errs)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	struct strbuf written = { 0 };
	size_t i, done = 0;
	int rc = LDAP_SUCCESS;
	const char *doing = "";
	char *dn = NULL;

	rc = reserve_ids(ls);
	if (rc == LDAP_NO_SUCH_ATTRIBUTE || rc == LDAP_ALREADY_EXISTS) {
		errors_add(errs, NULL, 0, 0, "%s: other writers kept giving "
		    "ids first; nothing written", st->location);
		return STORE_RACED;
	}
	if (rc != LDAP_SUCCESS) {
		doing = "cannot record the last id in";
		dn = xasprintf("%s,%s", STORE_RDN, ls->dn);
	}
	for (i = 0; i < ls->ngone && rc == LDAP_SUCCESS; i++) {
		doing = "cannot delete";
		free(dn);
		dn = xstrdup(ls->gone[i]);
		if ((rc = ls->lib.delete_ext_s(ls->ld, dn, NULL, NULL)) ==
		    LDAP_SUCCESS)
			note_written(&written, &done, dn, 1);
	}
	for (i = 0; i < ls->n && rc == LDAP_SUCCESS; i++) {
		struct lrow *r = &ls->row[i];
		struct mods m = { 0 };

		if (r->dirty == NULL)
			continue;
		free(dn);
		if (r->dn != NULL) {
			doing = "cannot change";
			dn = xstrdup(r->dn);
			row_mods(st, i, r->dirty, &m);
			rc = ls->lib.modify_ext_s(ls->ld, dn, m.v, NULL, NULL);
		} else if (!ldap_plain_id(r->cell[st->col[COL_ID]])) {
			doing = "cannot add";
			dn = xstrdup(r->cell[st->col[COL_ID]]);
			rc = LDAP_INVALID_DN_SYNTAX;
			break;
		} else {
			doing = "cannot add";
			dn = xasprintf("employeeNumber=%s,%s",
			    r->cell[st->col[COL_ID]], ls->dn);
			row_mods(st, i, NULL, &m);
			if ((rc = ls->lib.add_ext_s(ls->ld, dn, m.v, NULL, NULL)) ==
			    LDAP_SUCCESS)
				r->dn = xstrdup(dn);
		}
		mods_release(&m);
		if (rc == LDAP_SUCCESS) {
			r->written = 1;
			note_written(&written, &done, r->cell[st->col[COL_ID]], 0);
		}
	}
	if (rc == LDAP_SUCCESS) {
		doing = "cannot record the columns in";
		free(dn);
		dn = xasprintf("%s,%s", STORE_RDN, ls->dn);
		rc = write_store_entry(ls);
	}
	if (rc != LDAP_SUCCESS) {
		char *what = xasprintf("%s '%s' (%zu entr%s written before "
		    "it%s%.*s)", doing, dn, done, done == 1 ? "y" : "ies",
		    done > 0 ? ": " : "", (int)written.len, written.p);

		server_error(ls, rc, what, errs);
		free(what);
	}
	free(written.p);
	free(dn);
	return rc == LDAP_SUCCESS ? 0 : ST_SYSTEM;
}

/*
 * The attributes of the store's own entry: what it is, last_id, and the
 * other columns as NAME= in their order.
 */
static void
store_entry_mods(const struct store *st, unsigned long last_id,
    struct mods *m)
{
	static const char *const classes[] = { "top", "contactsStore", NULL };
	const char *const *names;
	size_t i, n = store_extra(st, &names);
	char **v = xcalloc(3, sizeof(*v));

	for (i = 0; classes[i] != NULL; i++)
		v[i] = xstrdup(classes[i]);
	mods_add(m, LDAP_MOD_ADD, "objectClass", v);
	mods_add(m, LDAP_MOD_ADD, "cn", one("contacts"));
	v = xcalloc(2, sizeof(*v));
	v[0] = xasprintf("%lu", last_id);
	mods_add(m, LDAP_MOD_ADD, "contactsLastId", v);
	/* An empty list would be an attribute with no value. */
	if (n == 0)
		return;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = ldap_column_pair(names[i], "");
	mods_add(m, LDAP_MOD_ADD, EXTRA_ATTR, v);
}

void
ldap_entry_write(FILE *fp, const struct store *st, size_t row,
    const char *base, ldif_attr_fn *attr)
{
	struct mods m = { 0 };
	char *dn = xasprintf("employeeNumber=%s,%s",
	    store_field(st, row, COL_ID), base);
	size_t i, j;

	attr(fp, "dn", dn);
	row_mods(st, row, NULL, &m);
	for (i = 0; i < m.n; i++)
		for (j = 0; m.v[i]->mod_values[j] != NULL; j++)
			attr(fp, m.v[i]->mod_type, m.v[i]->mod_values[j]);
	mods_release(&m);
	free(dn);
}

void
ldap_store_entry_write(FILE *fp, const struct store *st,
    unsigned long last_id, const char *base, ldif_attr_fn *attr)
{
	struct mods m = { 0 };
	char *dn = xasprintf("%s,%s", STORE_RDN, base);
	size_t i, j;

	attr(fp, "dn", dn);
	store_entry_mods(st, last_id, &m);
	for (i = 0; i < m.n; i++)
		for (j = 0; m.v[i]->mod_values[j] != NULL; j++)
			attr(fp, m.v[i]->mod_type, m.v[i]->mod_values[j]);
	mods_release(&m);
	free(dn);
}

/*
 * For a store read in part, the officials not read whose column c holds
 * value: the server finds them by the column's attribute, or among the
 * values kept as NAME=VALUE; they are added as rows after the others.
 */
static int
ldap_fetch(struct store *st, enum column c, const char *value,
    struct errors *errs)
{
	struct ldap_store *ls = (struct ldap_store *)st;
	struct timeval wait = ls->wait;
	const char *attrs[COL__COUNT + 3];
	struct strbuf f = { 0 };
	char *pair = ldap_column_pair(column_name(c), value), *dn;
	LDAPMessage *res = NULL, *e;
	int rc, changed = st->changed;
	size_t i;

	if (!ls->partial || *value == '\0') {
		free(pair);
		return 0;
	}
	strbuf_add(&f, "(&" ALL_OFFICIALS "(|(", strlen("(&" ALL_OFFICIALS
	    "(|("));
	strbuf_add(&f, attr_of[c], strlen(attr_of[c]));
	strbuf_add(&f, "=", 1);
	filter_value(&f, value);
	strbuf_add(&f, ")(" EXTRA_ATTR "=", strlen(")(" EXTRA_ATTR "="));
	filter_value(&f, pair);
	strbuf_add(&f, ")))", 4);
	free(pair);
	row_attrs(attrs);
	rc = ls->lib.search_ext_s(ls->ld, ls->dn, LDAP_SCOPE_ONELEVEL, f.p,
	    (char **)attrs, 0, NULL, NULL, &wait, LDAP_NO_LIMIT, &res);
	free(f.p);
	if (rc != LDAP_SUCCESS) {
		server_error(ls, rc, "cannot search", errs);
		ls->lib.msgfree(res);
		return ST_SYSTEM;
	}
	for (e = ls->lib.first_entry(ls->ld, res); e != NULL;
	    e = ls->lib.next_entry(ls->ld, e)) {
		dn = ls->lib.get_dn(ls->ld, e);
		for (i = 0; dn != NULL && i < ls->n; i++)
			if (ls->row[i].dn != NULL &&
			    strcasecmp(ls->row[i].dn, dn) == 0)
				break;
		if (dn != NULL && i == ls->n)
			entry_row(ls, e);
		ls->lib.memfree(dn);
	}
	ls->lib.msgfree(res);
	st->changed = changed;
	return 0;
}

static int
ldap_written(const struct store *st, const char *id)
{
	const struct ldap_store *ls = (const struct ldap_store *)st;
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (ls->row[i].written &&
		    strcmp(ls->row[i].cell[st->col[COL_ID]], id) == 0)
			return 1;
	return 0;
}

const struct store_backend store_ldap = {
	"ldap", handles, ldap_open, ldap_close, ldap_count, ldap_cell,
	ldap_where, ldap_append, ldap_set, ldap_delete, ldap_add_column,
	ldap_save, ldap_open_names, ldap_written, ldap_fetch, NULL,
};
