/* cmd_rules.c: explains how an official's address and numbers are derived, lists and checks the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "phone.h"
#include "rules.h"
#include "store.h"

static void
print_step(void *arg, const char *what, const char *value)
{
	(void)arg;
	printf("  %-30s ", what);
	fput_safe(value, stdout);
	putchar('\n');
}

static void
explain_email(struct ctx *c, size_t row)
{
	const struct store *st = c->st;
	const char *stored = store_field(st, row, COL_EMAIL), *why;
	const char *org = store_field(st, row, COL_ORG);
	const char *unit = store_field(st, row, COL_UNIT);
	const struct org_rule *o;
	struct trace t = { print_step, NULL };
	char *addr, *err;

	printf("email\n");
	if (*stored != '\0') {
		print_step(NULL, "stored", stored);
		print_step(NULL, "valid", email_valid(stored, &why) == 0 ?
		    "yes" : why);
		return;
	}
	if ((o = rules_org(c->r, org, unit)) == NULL) {
		print_step(NULL, "organization", *org ? org : "(none)");
		if (*unit)
			print_step(NULL, "unit", unit);
		print_step(NULL, "rule", "none applies, so no address");
		return;
	}
	err = xasprintf("%s (%s:%zu)", o->name, o->file, o->line);
	print_step(NULL, "rule", err);
	free(err);
	print_step(NULL, "matches", o->match);
	print_step(NULL, "transliteration", o->translit ? o->translit :
	    "built-in only");
	if (email_derive(c->r, o, store_field(st, row, COL_GIVEN),
	    store_field(st, row, COL_FAMILY), &addr, &err, &t) == 0) {
		print_step(NULL, "address", addr);
		free(addr);
	} else {
		print_step(NULL, "no address", err);
		free(err);
	}
}

static void
explain_phone(struct ctx *c, size_t row, enum column col)
{
	const char *raw = store_field(c->st, row, col), *why;
	const char *region = match_row_region(c->st, c->r, row,
	    c->opt->region);
	struct trace t = { print_step, NULL };
	struct phone ph;
	char *s;

	if (*raw == '\0')
		return;
	printf("%s\n", column_name(col));
	print_step(NULL, "written", raw);
	print_step(NULL, "default region", region ? region : "(none)");
	if (phone_parse(c->r, raw, region, &ph, &why, &t) != 0) {
		print_step(NULL, "invalid", why);
		return;
	}
	print_step(NULL, "E.164", ph.e164);
	s = phone_format(c->r, &ph, PHONE_INTERNATIONAL);
	print_step(NULL, "international", s);
	free(s);
	s = phone_format(c->r, &ph, PHONE_NATIONAL);
	print_step(NULL, "national", s);
	free(s);
}

static int
explain(struct ctx *c, char **terms, size_t n)
{
	size_t row;
	char *name;
	int rc;

	if ((rc = pick_official(c, terms, n, &row)) != 0)
		return rc;
	name = store_name(c->st, row);
	fput_safe(name, stdout);
	printf("  (%s:%zu)\n", c->st->path, c->st->line[row]);
	free(name);
	explain_email(c, row);
	explain_phone(c, row, COL_PHONE);
	explain_phone(c, row, COL_MOBILE);
	return 0;
}

static void
list(const struct rules *r)
{
	size_t i, j;

	for (i = 0; i < r->norg; i++) {
		const struct org_rule *o = &r->org[i];

		printf("org %s  (%s:%zu)\n", o->name, o->file, o->line);
		print_step(NULL, "match", o->match);
		print_step(NULL, "template", o->template);
		print_step(NULL, "domain", o->domain);
		if (strcmp(o->domain, o->domain_ascii) != 0)
			print_step(NULL, "domain, IDNA", o->domain_ascii);
		print_step(NULL, "translit", o->translit ? o->translit :
		    "built-in only");
		print_step(NULL, "region", o->region ? o->region :
		    "the default");
		print_step(NULL, "spaces in a name part", o->space ?
		    (o->space == '-' ? "-" : o->space == '_' ? "_" : ".") :
		    "dropped");
		print_step(NULL, "particles", o->drop_particles ? "dropped" :
		    "kept");
	}
	for (i = 0; i < r->ntr; i++) {
		const struct translit *t = &r->tr[i];
		char letter[8];

		printf("translit %s  (%s:%zu)\n ", t->name, t->file, t->line);
		for (j = 0; j < t->nmap; j++) {
			fold_utf8(t->map[j].from, letter);
			printf(" %s %s%s", letter, t->map[j].to,
			    j + 1 < t->nmap ? "," : "");
		}
		putchar('\n');
	}
	for (i = 0; i < r->nregion; i++) {
		const struct region *g = &r->region[i];

		printf("region %s  +%s  trunk %s  intl %s  %zu valid, %zu "
		    "formats  (%s:%zu)\n", g->name, g->code,
		    *g->trunk ? g->trunk : "-", g->intl_src ? g->intl_src : "-",
		    g->nvalid, g->nfmt + g->nnat, g->file, g->line);
	}
	if (r->default_region != NULL)
		printf("default-region %s\n", r->default_region);
}

int
cmd_rules(int argc, char **argv, struct ctx *c)
{
	const char *sub;
	int n;

	if (argc < 2) {
		diag("rules: missing explain, list or check");
		return ST_USAGE;
	}
	sub = argv[1];
	n = argc - 2;
	if (strcmp(sub, "explain") == 0) {
		if (n == 0) {
			diag("rules explain: missing NAME");
			return ST_USAGE;
		}
		return explain(c, argv + 2, (size_t)n);
	}
	if (strcmp(sub, "list") == 0 || strcmp(sub, "check") == 0) {
		if (n != 0) {
			diag("rules %s: takes no operand", sub);
			return ST_USAGE;
		}
		/* The rules were loaded, and so checked, before any command ran. */
		if (sub[0] == 'l')
			list(c->r);
		return 0;
	}
	diag("rules: unknown subcommand '%s'", sub);
	return ST_USAGE;
}
