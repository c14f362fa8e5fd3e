/* test_rules.c: the rule-file parser, its errors, and profile selection. */
#include "unit.h"

#include <stdio.h>
#include <unistd.h>

static int
load(struct rules *r, const char *text)
{
	rules_init(r);
	return rules_load_mem(r, "t.rules", text);
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
	static const char *const bad[] = {
		"org x\n\tmatch (unclosed\n\ttemplate {last}\n\tdomain a.fi\n",
		"org x\n\tmatch x\n\ttemplate {middle}\n\tdomain a.fi\n",
		"org x\n\tmatch x\n\ttemplate {last}\n\tdomain -bad-.fi\n",
		"org x\n\tmatch x\n\ttemplate {last}\n",
		"org x\n\tmatch x\n\ttemplate {last}\n\tdomain a.fi\n"
		    "\ttranslit nope\n",
		"org x\n\tmatch x\n\ttemplate {last}\n\tdomain a.fi\n"
		    "\tregion ZZ\n",
		"frobnicate yes\n",
		"\tmatch x\n",
		"region FI\n\ttrunk 0\n",
		"region FI\n\tcode 35a\n",
		"region FI\n\tcode 358\n\tvalid [\n",
		"translit x\n\tmap ab c\n",
		"translit x\n\tmap ä ä\n",
		"default-region ZZ\n",
		"org x\n\tcolour blue\n",
		"org x\n\tspaces maybe\n",
	};
	struct rules r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(load(&r, bad[i]), ST_DATA);
		rules_release(&r);
	}
	assert_int_equal(load(&r, "org x\n\tmatch \xff\n"), ST_DATA);
	rules_release(&r);
	rules_init(&r);
	assert_int_equal(rules_load(&r, "/nonexistent/rules"), ST_SYSTEM);
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
	assert_int_equal(rules_load(&r, path), 0);
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
	assert_int_equal(rules_load(&r, path), ST_DATA);
	rules_release(&r);

	/* A missing include is a system error; a twice-defined org a data error. */
	assert_int_equal(load(&r, "include /nonexistent/rules\n"), ST_SYSTEM);
	rules_release(&r);
	rules_init(&r);
	r.bundled = DATADIR "/rules";
	assert_int_equal(rules_load_mem(&r, "t.rules", "include bundled\n"
	    "include bundled\n"), ST_DATA);
	rules_release(&r);
	assert_int_equal(load(&r, "include bundled\n"), ST_DATA);
	rules_release(&r);

	unlink(path);
	snprintf(path, sizeof(path), "%s/extra", dir);
	unlink(path);
	rmdir(dir);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
