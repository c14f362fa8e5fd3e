/* cmd_email.c: prints officials' email addresses, stored or derived by rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "names.h"
#include "rules.h"
#include "store.h"

enum { OPT_ALL = 1, OPT_STDIN, OPT_ORG, OPT_UNICODE };

static const struct opt_spec opts[] = {
	{ OPT_ALL, "all", 0, ARG_NONE, NULL,
	  "every matching official's address, one a line", 0 },
	{ OPT_STDIN, "stdin", 0, ARG_NONE, NULL,
	  "read one name a line; write NAME<TAB>EMAIL or\n"
	  "NAME<TAB>error: WHAT a line", OPT_READS_STDIN },
	{ OPT_ORG, "org", 0, ARG_ONE, "ORG",
	  "derive the address for a person not in the store", OPT_NO_STORE },
	{ OPT_UNICODE, "unicode", 0, ARG_NONE, NULL,
	  "write an internationalized domain in Unicode,\n"
	  "not in its ASCII (xn--) form", 0 },
	{ 0 },
};

/* Writes addr, with its domain in Unicode if asked, then end. */
static void
put_addr(const char *addr, int unicode, const char *end)
{
	char *u = unicode ? email_unicode(addr) : NULL;

	printf("%s%s", u != NULL ? u : addr, end);
	free(u);
}

static int
for_person(struct ctx *c, const char *org, int unicode)
{
	const struct org_rule *o;
	char *name, *given, *family, *addr, *why;
	int rc = 0;

	if (rules_org_find(c->r, org, "", &o, &why) != 0) {
		diag("%s", why);
		free(why);
		return ST_DATA;
	}
	if (o == NULL) {
		diag("no rule covers organization '%s'", org);
		return ST_MISSING;
	}
	name = match_joined(c->operands, c->noperands);
	names_split(name, &given, &family);
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
warn_collision(struct ctx *c, size_t row)
{
	const char *addr = record_email(&c->rs, row)->addr;
	const struct email_info *e;
	size_t i, n = store_count(c->st);
	char *name;

	for (i = 0; i < n; i++) {
		e = record_email(&c->rs, i);
		if (i == row || e->addr == NULL || strcasecmp(e->addr, addr) != 0)
			continue;
		name = store_name(c->st, i);
		diag("warning: '%s' is also the address of id %s (%s)", addr,
		    store_field(c->st, i, COL_ID), name);
		free(name);
	}
}

/*
 * A store read for the names asked (a directory) lacks the officials of
 * other names whose stored address is addr: fetched, they are warned of
 * as on a file. 0, or ST_SYSTEM said.
 */
static int
fetch_sharers(struct ctx *c, const char *addr)
{
	struct errors errs = { 0 };
	size_t n = store_count(c->st);
	int rc = store_fetch(c->st, COL_EMAIL, addr, &errs);

	errors_print(&errs);
	errors_release(&errs);
	if (rc == 0 && store_count(c->st) > n) {
		records_release(&c->rs);
		records_init(&c->rs, c->st, c->r, c->opt->region);
		c->rs.ix = c->ix;
	}
	return rc;
}

static int
one(struct ctx *c, size_t row, int unicode)
{
	const struct email_info *e = record_email(&c->rs, row);
	struct where w;
	char *name;
	int rc;

	if (e->addr == NULL) {
		name = store_name(c->st, row);
		diag("%s: %s", name, e->why);
		free(name);
		return ST_MISSING;
	}
	if (e->why != NULL) {
		w = store_where(c->st, row);
		diag_at(w.file, w.line, 0, "email '%s': %s", e->addr, e->why);
		return ST_DATA;
	}
	if ((rc = fetch_sharers(c, e->addr)) != 0)
		return rc;
	e = record_email(&c->rs, row);
	put_addr(e->addr, unicode, "\n");
	if (e->collision)
		warn_collision(c, row);
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
batch(struct ctx *c, int unicode)
{
	struct match_opts mo = { 0, c->opt->region };
	const struct email_info *e;
	struct hit *hits;
	const char *why;
	char *line = NULL, *copy, *w[64];
	size_t cap = 0, n, row, nhits;
	ssize_t len;
	int rc = 0, one_rc;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		copy = xstrdup(line);
		hits = NULL;
		n = words(copy, w, sizeof(w) / sizeof(w[0]));
		one_rc = n == 0 ? ST_NOMATCH : match_pick(&c->rs, &mo, w, n,
		    &row, &hits, &nhits, &why);
		free(hits);
		fputs(line, stdout);
		e = one_rc == 0 ? record_email(&c->rs, row) : NULL;
		/*
		 * A line nothing can match (empty, or not UTF-8) is an error
		 * line like any other, not a usage error for the whole run.
		 */
		if (n == 0) {
			printf("\terror: empty name\n");
			one_rc = ST_NOMATCH;
		} else if (e != NULL && e->addr != NULL && e->why == NULL) {
			putchar('\t');
			put_addr(e->addr, unicode, "\n");
		} else if (e != NULL) {
			printf("\terror: %s\n", e->why);
			one_rc = e->addr == NULL ? ST_MISSING : ST_DATA;
		} else if (one_rc == ST_AMBIGUOUS) {
			printf("\terror: %zu officials match\n", nhits);
		} else if (one_rc == ST_NOMATCH) {
			printf("\terror: no official matches\n");
		} else {
			printf("\terror: %s\n", why != NULL ? why :
			    "not a valid query");
			one_rc = ST_NOMATCH;
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

static int
all(struct ctx *c, int unicode)
{
	struct match_opts mo = { 0, c->opt->region };
	struct hit *hits;
	const char *why;
	size_t nhits, i;
	int rc, one_rc;

	rc = match_run(&c->rs, &mo, c->operands, c->noperands, &hits, &nhits,
	    &why);
	if (rc == 0 && nhits == 0)
		rc = ST_NOMATCH;
	if (rc != 0)
		report_no_match(c, c->operands, c->noperands, rc, why);
	for (i = 0; rc == 0 && i < nhits; i++)
		if ((one_rc = one(c, hits[i].row, unicode)) > rc)
			rc = one_rc;
	free(hits);
	return rc;
}

static int
cmd_email(struct ctx *c)
{
	const char *org = arg_value(c, OPT_ORG);
	int from_stdin = arg_count(c, OPT_STDIN) > 0;
	int unicode = arg_count(c, OPT_UNICODE) > 0;
	int every = arg_count(c, OPT_ALL) > 0;
	size_t row;
	int rc;

	if (every + from_stdin + (org != NULL) > 1) {
		diag("email: --all, --stdin and --org exclude each other");
		return ST_USAGE;
	}
	if (from_stdin ? c->noperands != 0 : c->noperands == 0) {
		diag(from_stdin ? "email: --stdin takes no NAME" :
		    "email: missing NAME");
		return ST_USAGE;
	}
	if (org != NULL)
		return for_person(c, org, unicode);
	if (from_stdin) {
		/* Many names against one store: fold each official's once. */
		c->rs.keep_words = 1;
		return batch(c, unicode);
	}
	if (every)
		return all(c, unicode);
	if ((rc = pick_official(c, c->operands, c->noperands, &row)) != 0)
		return rc;
	return one(c, row, unicode);
}

const struct command cmd_email_entry = {
	"email", NULL, cmd_email, CMD_STORE | CMD_NAMES, opts, 0, -1,
	"[--unicode] [--all] NAME... | --stdin | --org ORG NAME...",
	"print the email address of exactly one official",
	NULL,
	NULL,
};
