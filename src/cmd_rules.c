/* cmd_rules.c: how the rules treat an official, step by step; the rules listed and checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
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
	const struct email_info *e;
	struct trace t = { print_step, NULL };
	char *where;

	printf("email\n");
	if (*stored != '\0') {
		print_step(NULL, "stored", stored);
		print_step(NULL, "valid", email_valid(stored, &why) == 0 ?
		    "yes" : why);
		return;
	}
	if ((o = record_org(&c->rs, row)) == NULL) {
		print_step(NULL, "organization", *org ? org : "(none)");
		if (*unit)
			print_step(NULL, "unit", unit);
		e = record_email(&c->rs, row);
		print_step(NULL, "rule", e->rule == NULL ?
		    "none applies, so no address" : e->why);
		return;
	}
	where = xasprintf("%s (%s:%zu)", o->name, o->file, o->line);
	print_step(NULL, "rule", where);
	free(where);
	print_step(NULL, "matches", o->match);
	print_step(NULL, "transliteration", o->translit ? o->translit :
	    "built-in only");
	record_explain_email(&c->rs, row, &t);
	e = record_email(&c->rs, row);
	if (e->addr != NULL)
		print_step(NULL, "address", e->addr);
	else
		print_step(NULL, "no address", e->why);
}

static void
explain_phone(struct ctx *c, size_t row, enum column col)
{
	const struct number *n = record_number(&c->rs, row, col);
	const char *region = record_region(&c->rs, row);
	struct trace t = { print_step, NULL };
	char *s;

	if (*n->raw == '\0')
		return;
	printf("%s\n", column_name(col));
	print_step(NULL, "written", n->raw);
	print_step(NULL, "default region", region ? region : "(none)");
	record_explain_number(&c->rs, row, col, &t);
	if (n->why != NULL) {
		print_step(NULL, "invalid", n->why);
		return;
	}
	print_step(NULL, "E.164", n->ph.e164);
	s = phone_format(c->r, &n->ph, PHONE_INTERNATIONAL);
	print_step(NULL, "international", s);
	free(s);
	s = phone_format(c->r, &n->ph, PHONE_NATIONAL);
	print_step(NULL, "national", s);
	free(s);
}

static int
cmd_rules_explain(struct ctx *c)
{
	struct where w;
	size_t row;
	char *name;
	int rc;

	if ((rc = pick_official(c, c->operands, c->noperands, &row)) != 0)
		return rc;
	name = store_name(c->st, row);
	w = store_where(c->st, row);
	fput_safe(name, stdout);
	/* A directory's entry has no line: its DN says where it is. */
	if (w.line > 0)
		printf("  (%s:%zu)\n", w.file, w.line);
	else
		printf("  (%s)\n", w.file);
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

static int
cmd_rules_list(struct ctx *c)
{
	list(c->r);
	return 0;
}

/*
 * The rules were loaded, and so read through, before any command ran;
 * what is left is what their patterns cost.
 */
static int
cmd_rules_check(struct ctx *c)
{
	struct errors errs = { 0 };
	int rc;

	rc = rules_probe(c->r, &errs);
	errors_print(&errs);
	errors_release(&errs);
	return rc;
}

static const struct command explain_entry = {
	"explain", NULL, cmd_rules_explain, CMD_STORE, NULL, 1, -1, "NAME...",
	"how the address was derived and each number read, step by step",
	NULL, NULL,
};

static const struct command list_entry = {
	"list", NULL, cmd_rules_list, 0, NULL, 0, 0, "",
	"the organization, transliteration and region rules", NULL, NULL,
};

static const struct command check_entry = {
	"check", NULL, cmd_rules_check, 0, NULL, 0, 0, "",
	"read the rule file alone; silent when it is sound", NULL, NULL,
};

static const struct command *const subcommands[] = {
	&explain_entry, &list_entry, &check_entry, NULL,
};

const struct command cmd_rules_entry = {
	"rules", NULL, NULL, 0, NULL, 1, -1, "explain NAME... | list | check",
	"show how the rules treat an official; list or check the rules",
	NULL, subcommands,
};
