/* test_rules.c: the rule-file parser, its errors, and profile selection. */
#include "unit.h"

#include <stdio.h>
#include <unistd.h>

static struct errors errs;

/* Loads text; its first error, if any, is first_error(&errs). */
static int
load(struct rules *r, const char *text)
{
	errors_release(&errs);
	rules_init(r);
	return rules_load_mem(r, "t.rules", text, &errs);
}

static void
test_bundled_profiles(void **state)
{
	static const char *const ministry[] = {
		"Utrikesministeriet", "UM", "Ulkoministeriö", "ulkoministeriö",
		"Ministry for Foreign Affairs", "utrikesministeriet",
	};
	const struct org_rule *o;
	struct rules r;
	size_t i;

	(void)state;
	load_bundled_rules(&r);
	for (i = 0; i < sizeof(ministry) / sizeof(ministry[0]); i++) {
		o = rules_org(&r, ministry[i], "");
		assert_non_null(o);
		assert_string_equal(o->name, "formin");
		assert_string_equal(o->template, "{first}.{last}");
		assert_string_equal(o->domain_ascii, "formin.fi");
		assert_string_equal(o->region, "FI");
	}
	/* The unit field counts too; other organizations get no profile. */
	assert_non_null(rules_org(&r, "", "UM"));
	assert_null(rules_org(&r, "CBSS sekretariat", ""));
	assert_null(rules_org(&r, "inrikesministeriet", ""));
	assert_null(rules_org(&r, "UMX", ""));
	assert_null(rules_org(&r, "", ""));
	assert_string_equal(r.default_region, "FI");
	assert_non_null(rules_region(&r, "FI"));
	assert_non_null(rules_region(&r, "se"));
	assert_null(rules_region(&r, "ZZ"));
	rules_release(&r);
}

static void
test_minimal_file(void **state)
{
	struct rules r;
	const struct org_rule *o;

	(void)state;
	assert_int_equal(load(&r, "# comment\n"
	    "org ex   # trailing comment\n"
	    "\tmatch ^Ex\\x20Agency$\n"
	    "\ttemplate {f}{last}\n"
	    "\tdomain EXAMPLE.org\n"
	    "\tspaces drop\n"), 0);
	o = rules_org(&r, "ex agency", "");
	assert_non_null(o);
	assert_string_equal(o->domain_ascii, "example.org");
	assert_int_equal(o->space, 0);
	assert_null(rules_translit(&r, o));
	rules_release(&r);
}

static void
test_idn_domain(void **state)
{
	struct rules r;

	(void)state;
	assert_int_equal(load(&r, "org x\n\tmatch x\n\ttemplate {last}\n"
	    "\tdomain östersjö.example\n"), 0);
	assert_string_equal(r.org[0].domain_ascii, "xn--stersj-vxag.example");
	rules_release(&r);
}

static void
test_errors(void **state)
{
	static const char *const bad[][2] = {
		{ "org x\n\tmatch (unclosed\n\ttemplate {last}\n\tdomain a.fi\n",
		  "t.rules:2:17: missing closing parenthesis" },
		{ "org x\n\tmatch x\n\ttemplate {middle}\n\tdomain a.fi\n",
		  "t.rules:3:11: unknown placeholder '{middle}'" },
		{ "org x\n\tmatch x\n\ttemplate {last}\n\tdomain -bad-.fi\n",
		  "t.rules:4:9: invalid domain: string start/ends with "
		  "forbidden hyphen" },
		{ "org x\n\tmatch x\n\ttemplate {last}\n",
		  "t.rules:1: org 'x' has no 'domain'" },
		{ "org x\n\tmatch x\n\ttemplate {last}\n\tdomain a.fi\n"
		  "\ttranslit nope\n",
		  "t.rules:1: org 'x': no translit profile 'nope'" },
		{ "org x\n\tmatch x\n\ttemplate {last}\n\tdomain a.fi\n"
		  "\tregion ZZ\n",
		  "t.rules:1: org 'x': no region 'ZZ'" },
		{ "frobnicate yes\n", "t.rules:1:1: unknown directive 'frobnicate'" },
		{ "\tmatch x\n",
		  "t.rules:1:2: 'match' outside an org, translit, region or extract block" },
		{ "region FI\n\ttrunk 0\n", "t.rules:1: region 'FI' has no 'code'" },
		{ "region FI\n\tcode 35a\n",
		  "t.rules:2:7: calling code '35a' must be 1 to 3 digits" },
		{ "region FI\n\tcode 358\n\tvalid [\n",
		  "t.rules:3:9: missing terminating ] for character class" },
		{ "translit x\n\tmap ab c\n",
		  "t.rules:2:6: 'map' takes one letter, then its ASCII form" },
		{ "translit x\n\tmap ä ä\n", "t.rules:2:9: 'ä' is not ASCII" },
		{ "default-region ZZ\n",
		  "t.rules:1: default-region 'ZZ' is not a region in the file" },
		{ "org x\n\tcolour blue\n",
		  "t.rules:2:2: unknown org attribute 'colour'" },
		{ "org x\n\tspaces maybe\n", "t.rules:2:9: spaces must be '-', "
		  "'_', '.' or 'drop', not 'maybe'" },
		{ "extract sv\n\theader Ytterligare\n\tname \\p{Lu}+\n"
		  "\tcolour blue\n",
		  "t.rules:4:2: unknown extract attribute 'colour'" },
		{ "extract sv\n\tname \\p{Lu}+\n\tnumber \\d+\n",
		  "t.rules:1: extract 'sv' has no 'header'" },
		{ "extract sv\n\theader H\n\tname N\n\tnumber \\d+\n"
		  "\taddresses (?<org>\\w+)\\ (?<local>\\w+)@\n",
		  "t.rules:5:12: 'addresses' needs a group (?<domain>...)" },
		{ "extract sv\n\theader H\n\tname N\n\tnumber \\d+\n"
		  "extract sv\n\theader H\n\tname N\n\tnumber \\d+\n",
		  "t.rules:5: extract 'sv' already defined on line 1" },
		{ "extract sv\n\theader (\n",
		  "t.rules:2:10: missing closing parenthesis" },
		{ "extract sv\n\tnote\n", "t.rules:2:6: 'note' needs a value" },
		/* An escaped space is part of a pattern; a bare one is not. */
		{ "extract sv\n\theader a\\ b c\n",
		  "t.rules:2:14: 'header' takes one word" },
		{ "region FI\n\tcode 358\n\tmobile 4(\n",
		  "t.rules:3:11: missing closing parenthesis" },
	};
	struct rules r;
	size_t i;

	(void)state;
	/* The message and the column, not only the status. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(load(&r, bad[i][0]), ST_DATA);
		assert_string_equal(first_error(&errs), bad[i][1]);
		rules_release(&r);
	}
	assert_int_equal(load(&r, "org x\n\tmatch \xff\n"), ST_DATA);
	rules_release(&r);
	rules_init(&r);
	assert_int_equal(rules_load(&r, "/nonexistent/rules", &errs), ST_SYSTEM);
	rules_release(&r);
}

static void
test_includes(void **state)
{
	char dir[] = "/tmp/contacts-rules-XXXXXX", path[256];
	struct rules r;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/extra", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("org extra\n\tmatch ^X$\n\ttemplate {last}\n\tdomain x.fi\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/main", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("include extra\ninclude bundled\n", fp);
	fclose(fp);

	/* Relative to the including file, and the bundled file by name. */
	rules_init(&r);
	r.bundled = DATADIR "/rules";
	assert_int_equal(rules_load(&r, path, &errs), 0);
	assert_string_equal(rules_org(&r, "X", "")->name, "extra");
	assert_string_equal(rules_org(&r, "UM", "")->name, "formin");
	assert_non_null(rules_region(&r, "SE"));
	rules_release(&r);

	/* A file that includes itself stops at the depth limit. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("include main\n", fp);
	fclose(fp);
	rules_init(&r);
	assert_int_equal(rules_load(&r, path, &errs), ST_DATA);
	rules_release(&r);

	/* A missing include is a system error; a twice-defined org a data error. */
	assert_int_equal(load(&r, "include /nonexistent/rules\n"), ST_SYSTEM);
	rules_release(&r);
	rules_init(&r);
	r.bundled = DATADIR "/rules";
	assert_int_equal(rules_load_mem(&r, "t.rules", "include bundled\n"
	    "include bundled\n", &errs), ST_DATA);
	rules_release(&r);
	assert_int_equal(load(&r, "include bundled\n"), ST_DATA);
	rules_release(&r);

	unlink(path);
	snprintf(path, sizeof(path), "%s/extra", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_costly_org(void **state)
{
	char org[42], deep[20002];
	const struct org_rule *o;
	struct rules r;
	char *why = NULL;

	(void)state;
	assert_int_equal(load(&r, "org slow\n\tmatch (a+)+$\n"
	    "\ttemplate {last}\n\tdomain a.fi\n"
	    "org deep\n\tmatch ^(?:a|b)*$\n\ttemplate {last}\n"
	    "\tdomain b.fi\n"
	    "org any\n\tmatch .\n\ttemplate {last}\n\tdomain c.fi\n"), 0);
	memset(org, 'a', 40);
	memcpy(org + 40, "b", 2);
	/* Stopped by the limit, and named; never taken for a mismatch. */
	assert_int_equal(rules_org_find(&r, org, "", &o, &why), -1);
	assert_string_equal(o->name, "slow");
	assert_string_equal(why, "t.rules:2:8: pattern too costly for the "
	    "organization: match limit exceeded");
	free(why);
	assert_null(rules_org(&r, org, ""));
	assert_int_equal(rules_org_find(&r, "", org, &o, &why), -1);
	assert_string_equal(why, "t.rules:2:8: pattern too costly for the "
	    "unit: match limit exceeded");
	free(why);
	/* A long field the interpreter would have to nest 20000 deep for. */
	memset(deep, 'b', 20000);
	memcpy(deep + 20000, "c", 2);
	assert_int_equal(rules_org_find(&r, deep, "", &o, &why), -1);
	assert_string_equal(o->name, "deep");
	assert_string_equal(why, "t.rules:6:8: pattern too costly for the "
	    "organization: matching depth limit exceeded");
	free(why);
	/* Matches and mismatches are answered as ever. */
	assert_int_equal(rules_org_find(&r, "aaa", "", &o, NULL), 0);
	assert_string_equal(o->name, "slow");
	assert_int_equal(rules_org_find(&r, "xyz", "", &o, NULL), 0);
	assert_string_equal(o->name, "any");
	assert_int_equal(rules_org_find(&r, "", "", &o, NULL), 0);
	assert_null(o);
	rules_release(&r);
}

static void
test_probe(void **state)
{
	static const char *const costly[][2] = {
		{ "org x\n\tmatch (a+)+$\n\ttemplate {last}\n"
		  "\tdomain a.fi\n",
		  "t.rules:2:8: pattern too costly: match limit exceeded on "
		  "64 'a' and one other character" },
		{ "org x\n\tmatch ^(?:\\w+\\s?)*$\n\ttemplate {last}\n"
		  "\tdomain a.fi\n",
		  "t.rules:2:8: pattern too costly: match limit exceeded on "
		  "64 'a' and one other character" },
		{ "org x\n\tmatch (ö+)+$\n\ttemplate {last}\n"
		  "\tdomain a.fi\n",
		  "t.rules:2:8: pattern too costly: match limit exceeded on "
		  "64 'ö' and one other character" },
		{ "org x\n\tmatch (.*a){20}\n\ttemplate {last}\n"
		  "\tdomain a.fi\n",
		  "t.rules:2:8: pattern too costly: match limit exceeded on "
		  "64 'a'" },
		{ "region ZZ\n\tcode 99\n\tvalid 1\\d{4}\n"
		  "\tvalid (\\d+)+5\n",
		  "t.rules:4:8: pattern too costly: match limit exceeded on "
		  "64 '5' and one other character" },
		{ "region ZZ\n\tcode 99\n\tformat  (\\d|\\d\\d)+7 $1\n",
		  "t.rules:3:10: pattern too costly: match limit exceeded on "
		  "64 '7' and one other character" },
	};
	struct rules r;
	size_t i;

	(void)state;
	/* The message and the column, and the load itself is no judge. */
	for (i = 0; i < sizeof(costly) / sizeof(costly[0]); i++) {
		assert_int_equal(load(&r, costly[i][0]), 0);
		assert_int_equal(rules_probe(&r, &errs), ST_DATA);
		assert_int_equal(errs.n, 1);
		assert_string_equal(first_error(&errs), costly[i][1]);
		rules_release(&r);
	}
	/* Each pattern at fault is named, in file order. */
	assert_int_equal(load(&r, "org x\n\tmatch (a+)+$\n"
	    "\ttemplate {last}\n\tdomain a.fi\norg y\n\tmatch ^y$\n"
	    "\ttemplate {last}\n\tdomain a.fi\nregion ZZ\n\tcode 99\n"
	    "\ttrunk-strip (0|00)+$\n"), 0);
	assert_int_equal(rules_probe(&r, &errs), ST_DATA);
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.v[1].line, 11);
	assert_int_equal(errs.v[1].col, 14);
	assert_string_equal(errs.v[1].msg, "pattern too costly: match limit "
	    "exceeded on 64 '0' and one other character");
	rules_release(&r);
	/* The bundled rules are sound. */
	errors_release(&errs);
	load_bundled_rules(&r);
	assert_int_equal(rules_probe(&r, &errs), 0);
	assert_int_equal(errs.n, 0);
	rules_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_profiles),
		cmocka_unit_test(test_minimal_file),
		cmocka_unit_test(test_idn_domain),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_includes),
		cmocka_unit_test(test_costly_org),
		cmocka_unit_test(test_probe),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	errors_release(&errs);
	return rc;
}
