/* cmd_email.c: prints officials' email addresses, stored or derived by rule. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "rules.h"
#include "store.h"

/* Splits "Anna-Maija von Wright" into given names and family name with particles. */
static void
split_name(const char *name, char **given, char **family)
{
	const char *end = name + strlen(name), *start, *p;
	size_t n;

	while (end > name && end[-1] == ' ')
		end--;
	start = end;
	while (start > name && start[-1] != ' ')
		start--;
	/* Take the particles before the last word into the family name. */
	for (;;) {
		p = start;
		while (p > name && p[-1] == ' ')
			p--;
		n = 0;
		while (p > name && p[-1] != ' ')
			p--, n++;
		if (n == 0 || p == name || !email_is_particle(p, n))
			break;
		start = p;
	}
	p = start;
	while (p > name && p[-1] == ' ')
		p--;
	*given = xstrndup(name, (size_t)(p - name));
	*family = xstrndup(start, (size_t)(end - start));
}

/* Writes addr, with its domain in Unicode if asked, then end. */
static void
put_addr(const char *addr, int unicode, const char *end)
{
	char *u = unicode ? email_unicode(addr) : NULL;

	printf("%s%s", u != NULL ? u : addr, end);
	free(u);
}

static int
for_person(struct ctx *c, const char *org, char **argv, int argc,
    int unicode)
{
	const struct org_rule *o = rules_org(c->r, org, "");
	char *name, *given, *family, *addr, *why;
	int i, rc = 0;

	if (o == NULL) {
		diag("no rule covers organization '%s'", org);
		return ST_MISSING;
	}
	for (i = 0, name = xstrdup(""); i < argc; i++) {
		char *more = xasprintf("%s%s%s", name, i ? " " : "", argv[i]);

		free(name);
		name = more;
	}
	split_name(name, &given, &family);
	if (email_derive(c->r, o, given, family, &addr, &why, NULL) == 0) {
		put_addr(addr, unicode, "\n");
		free(addr);
	} else {
		diag("%s: %s", name, why);
		free(why);
		rc = ST_MISSING;
	}
	free(name);
	free(given);
	free(family);
	return rc;
}

/* Warns that a printed address is shared with another official. */
static void
warn_collision(const struct ctx *c, const struct email_table *em, size_t row)
{
	size_t i;
	char *name;

	for (i = 0; i < em->n; i++) {
		if (i == row || em->e[i].addr == NULL ||
		    strcasecmp(em->e[i].addr, em->e[row].addr) != 0)
			continue;
		name = store_name(c->st, i);
		diag("warning: '%s' is also the address of id %s (%s)",
		    em->e[row].addr, store_field(c->st, i, COL_ID), name);
		free(name);
	}
}

static int
one(struct ctx *c, const struct email_table *em, size_t row, int unicode)
{
	const struct email_info *e = &em->e[row];
	char *name;

	if (e->addr == NULL) {
		name = store_name(c->st, row);
		diag("%s: %s", name, e->why);
		free(name);
		return ST_MISSING;
	}
	if (e->why != NULL) {
		diag_at(c->st->path, c->st->line[row], 0, "email '%s': %s",
		    e->addr, e->why);
		return ST_DATA;
	}
	put_addr(e->addr, unicode, "\n");
	if (e->collision)
		warn_collision(c, em, row);
	return 0;
}

/* Splits a line into words in place. */
static size_t
words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *tok, *save;

	for (tok = strtok_r(line, " \t", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, " \t", &save))
		w[n++] = tok;
	return n;
}

static int
batch(struct ctx *c, const struct email_table *em, int unicode)
{
	struct match_opts mo = { 0, c->opt->region };
	char *line = NULL, *copy, *w[64];
	size_t cap = 0, n, row, nhits;
	ssize_t len;
	int rc = 0, one_rc;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		copy = xstrdup(line);
		n = words(copy, w, sizeof(w) / sizeof(w[0]));
		one_rc = n == 0 ? ST_NOMATCH :
		    match_pick(c->st, c->r, em, &mo, w, n, &row, &nhits);
		fputs(line, stdout);
		if (n == 0) {
			printf("\terror: empty name\n");
			one_rc = ST_USAGE;
		} else if (one_rc == 0 && em->e[row].addr != NULL && em->e[row].why == NULL) {
			putchar('\t');
			put_addr(em->e[row].addr, unicode, "\n");
		} else if (one_rc == 0) {
			printf("\terror: %s\n", em->e[row].why);
			one_rc = em->e[row].addr == NULL ? ST_MISSING : ST_DATA;
		} else if (one_rc == ST_AMBIGUOUS) {
			printf("\terror: %zu officials match\n", nhits);
		} else if (one_rc == ST_NOMATCH) {
			printf("\terror: no official matches\n");
		} else {
			printf("\terror: not a valid query\n");
			one_rc = ST_USAGE;
		}
		if (one_rc > rc)
			rc = one_rc;
		free(copy);
	}
	if (ferror(stdin)) {
		diag("cannot read standard input");
		rc = ST_SYSTEM;
	}
	free(line);
	return rc;
}

int
cmd_email(int argc, char **argv, struct ctx *c)
{
	enum { OPT_ALL = 256, OPT_STDIN, OPT_ORG, OPT_UNICODE };
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ "stdin", no_argument, NULL, OPT_STDIN },
		{ "org", required_argument, NULL, OPT_ORG },
		{ "unicode", no_argument, NULL, OPT_UNICODE },
		{ NULL, 0, NULL, 0 },
	};
	struct match_opts mo = { 0, c->opt->region };
	struct email_table em = { 0 };
	struct hit *hits;
	const char *org = NULL;
	size_t row, nhits, i;
	int ch, all = 0, from_stdin = 0, unicode = 0, rc, n, one_rc;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == OPT_ALL)
			all = 1;
		else if (ch == OPT_STDIN)
			from_stdin = 1;
		else if (ch == OPT_ORG)
			org = optarg;
		else if (ch == OPT_UNICODE)
			unicode = 1;
		else
			return bad_option(c, argv);
	}
	n = argc - optind;
	if (all + from_stdin + (org != NULL) > 1) {
		diag("email: --all, --stdin and --org exclude each other");
		return ST_USAGE;
	}
	if (from_stdin ? n != 0 : n == 0) {
		diag(from_stdin ? "email: --stdin takes no NAME" :
		    "email: missing NAME");
		return ST_USAGE;
	}
	if (org != NULL)
		return for_person(c, org, argv + optind, n, unicode);
	if ((rc = need_store(c)) != 0)
		return rc;
	email_table_build(&em, c->st, c->r);
	if (from_stdin) {
		rc = batch(c, &em, unicode);
	} else if (all) {
		rc = match_run(c->st, c->r, &em, &mo, argv + optind, (size_t)n,
		    &hits, &nhits);
		if (rc == 0 && nhits == 0) {
			match_report_none(c->st, argv + optind, (size_t)n);
			rc = ST_NOMATCH;
		}
		for (i = 0; rc != ST_NOMATCH && i < nhits; i++)
			if ((one_rc = one(c, &em, hits[i].row, unicode)) > rc)
				rc = one_rc;
		free(hits);
	} else if ((rc = match_one(c->st, c->r, &em, &mo, argv + optind,
	    (size_t)n, &row)) == 0) {
		rc = one(c, &em, row, unicode);
	}
	email_table_release(&em);
	return rc;
}
