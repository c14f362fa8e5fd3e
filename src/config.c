/* config.c: reads the user's settings file: where the store is, how to reach a directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"

/* The settings a line may give; slot() says where each goes. */
static const char *const keys[] = { "store", "ldap-bind-dn",
    "ldap-password-file", "ldap-ca-file", "ldap-starttls", "ldap-id-step",
    "ldap-id-offset", "ldap-timeout" };

static char **
slot(struct config *cf, const char *key)
{
	char **slots[] = { &cf->store, &cf->bind_dn, &cf->password_file,
	    &cf->ca_file, &cf->starttls, &cf->id_step, &cf->id_offset,
	    &cf->timeout };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return slots[i];
	return NULL;
}

/*
 * path, a file or a store the settings file names, relative to the
 * directory of that file, as a rule file's include is; a value that is no
 * path is kept as it is. Caller frees.
 */
static char *
relative_to(const char *file, const char *path, const char *val)
{
	const char *slash = strrchr(file, '/');

	if (*path == '\0' || *path == '/' || strcmp(path, "-") == 0 ||
	    strstr(path, "://") != NULL || slash == NULL)
		return xstrdup(val);
	return xasprintf("%.*s/%s", (int)(slash - file), file, path);
}

/* One line, its line end gone; 0, or -1 after an error. */
static int
line(struct config *cf, char *s, size_t no, struct errors *errs)
{
	char *key, *val, *end, **to, *c;

	/* '#' begins a comment at the start of a line or after white space. */
	for (c = s; *c != '\0'; c++)
		if (*c == '#' && (c == s || c[-1] == ' ' || c[-1] == '\t'))
			break;
	*c = '\0';
	s += strspn(s, " \t");
	if (*s == '\0')
		return 0;
	key = s;
	end = key + strcspn(key, " \t");
	val = end + strspn(end, " \t");
	*end = '\0';
	/* Trailing white space is not part of a value. */
	for (end = val + strlen(val); end > val && (end[-1] == ' ' ||
	    end[-1] == '\t' || end[-1] == '\r'); )
		*--end = '\0';
	if ((to = slot(cf, key)) == NULL) {
		struct strbuf known = { 0 };
		size_t i;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (i > 0)
				strbuf_add(&known, ", ", 2);
			strbuf_add(&known, keys[i], strlen(keys[i]));
		}
		strbuf_add(&known, "", 1);
		errors_add(errs, cf->path, no, 0, "unknown setting '%s' (known: "
		    "%s)", key, known.p);
		free(known.p);
		return -1;
	}
	if (*val == '\0') {
		errors_add(errs, cf->path, no, 0, "'%s' needs a value", key);
		return -1;
	}
	if (to == &cf->starttls && strcmp(val, "yes") != 0 &&
	    strcmp(val, "no") != 0) {
		errors_add(errs, cf->path, no, 0, "ldap-starttls is 'yes' or "
		    "'no', not '%s'", val);
		return -1;
	}
	if (*to != NULL) {
		errors_add(errs, cf->path, no, 0, "'%s' given twice", key);
		return -1;
	}
	*to = relative_to(cf->path, to == &cf->store ||
	    to == &cf->password_file || to == &cf->ca_file ? val : "", val);
	return 0;
}

int
config_load(struct config *cf, struct errors *errs)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char buf[4096];
	size_t no = 0;
	FILE *fp;
	int rc = 0;

	memset(cf, 0, sizeof(*cf));
	if (xdg != NULL && *xdg == '/')
		cf->path = xasprintf("%s/contacts/config", xdg);
	else if (home != NULL && *home != '\0')
		cf->path = xasprintf("%s/.config/contacts/config", home);
	else
		return 0;
	if ((fp = fopen(cf->path, "r")) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		errors_add(errs, NULL, 0, 0, "cannot read '%s': %s", cf->path,
		    strerror(errno));
		return ST_SYSTEM;
	}
	while (fgets(buf, sizeof(buf), fp) != NULL) {
		no++;
		if (strchr(buf, '\n') == NULL && !feof(fp)) {
			errors_add(errs, cf->path, no, 0, "line longer than %zu "
			    "bytes", sizeof(buf) - 2);
			rc = ST_DATA;
			break;
		}
		buf[strcspn(buf, "\n")] = '\0';
		if (line(cf, buf, no, errs) != 0) {
			rc = ST_DATA;
			break;
		}
	}
	if (rc == 0 && ferror(fp)) {
		errors_add(errs, NULL, 0, 0, "cannot read '%s': %s", cf->path,
		    strerror(errno));
		rc = ST_SYSTEM;
	}
	fclose(fp);
	return rc;
}

void
config_release(struct config *cf)
{
	free(cf->path);
	free(cf->store);
	free(cf->bind_dn);
	free(cf->password_file);
	free(cf->ca_file);
	free(cf->starttls);
	free(cf->id_step);
	free(cf->id_offset);
	free(cf->timeout);
	memset(cf, 0, sizeof(*cf));
}
