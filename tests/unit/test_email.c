/* test_email.c: derivation by template and profile, and address validation. */
#include "unit.h"

#include "email.h"

BUNDLED_RULES_GROUP

static void
derive(const char *given, const char *family, const char *want)
{
	const struct org_rule *o = rules_org(&rules, "UM", "");
	char *addr = NULL, *why = NULL;

	assert_non_null(o);
	assert_int_equal(email_derive(&rules, o, given, family, &addr, &why, NULL), 0);
	assert_null(why);
	assert_string_equal(addr, want);
	free(addr);
}

static void
test_formin(void **state)
{
	(void)state;
	derive("Vuokko", "Ranki", "vuokko.ranki@formin.fi");
	derive("Kristina", "Pingoud", "kristina.pingoud@formin.fi");
	derive("Kirsi", "Pimiä", "kirsi.pimia@formin.fi");
	derive("Laura", "Yli-Vakkuri", "laura.yli-vakkuri@formin.fi");
	derive("Åsa", "Öberg", "asa.oberg@formin.fi");
	derive("Jüri", "Ülemiste", "juri.ulemiste@formin.fi");
	derive("Søren", "Kierkegaard", "soren.kierkegaard@formin.fi");
}

static void
test_first_given_name_only(void **state)
{
	(void)state;
	derive("Anna-Maija Kaarina", "von Wright", "anna-maija.von-wright@formin.fi");
	derive("Sean", "O'Brien", "sean.obrien@formin.fi");
}

static void
test_untransliterable_letter_is_an_error(void **state)
{
	const struct org_rule *o = rules_org(&rules, "UM", "");
	char *addr = NULL, *why = NULL;

	(void)state;
	assert_int_equal(email_derive(&rules, o, "Жанна", "Иванова", &addr,
	    &why, NULL), -1);
	assert_null(addr);
	assert_string_equal(why, "cannot transliterate 'ж' in 'Жанна'");
	free(why);
	assert_int_equal(email_derive(&rules, o, "", "Mora", &addr, &why, NULL), -1);
	assert_null(addr);
	free(why);
}

/* Profiles over the bundled rules, one per placeholder and choice. */
static const char layered[] =
    "org given\n\tmatch ^given$\n\ttemplate {given}.{last}\n"
    "\tdomain example.org\n\ttranslit fi\n"
    "org initials\n\tmatch ^initials$\n\ttemplate {f}{l}\n"
    "\tdomain example.org\n"
    "org short\n\tmatch ^short$\n\ttemplate {f}.{last}\n"
    "\tdomain example.org\n\tspaces drop\n\tparticles drop\n"
    "org under\n\tmatch ^under$\n\ttemplate {first}_{last}\n"
    "\tdomain example.org\n\tspaces _\n"
    "org de\n\tmatch ^de$\n\ttemplate {first}.{last}\n"
    "\tdomain example.de\n\ttranslit de\n"
    "org no\n\tmatch ^no$\n\ttemplate {first}.{last}\n"
    "\tdomain example.no\n\ttranslit no\n"
    "org da\n\tmatch ^da$\n\ttemplate {first}.{last}\n"
    "\tdomain example.dk\n\ttranslit da\n"
    "org idn\n\tmatch ^idn$\n\ttemplate {last}\n"
    "\tdomain östersjö.example\n"
    "include bundled\n";

static void
derive_in(const struct rules *r, const char *org, const char *given,
    const char *family, const char *want)
{
	const struct org_rule *o = rules_org(r, org, "");
	char *addr = NULL, *why = NULL;

	assert_non_null(o);
	if (email_derive(r, o, given, family, &addr, &why, NULL) != 0)
		fail_msg("%s %s under %s: %s", given, family, org, why);
	assert_string_equal(addr, want);
	free(addr);
}

static void
test_placeholders_and_profiles(void **state)
{
	struct errors errs = { 0 };
	struct rules r;

	(void)state;
	rules_init(&r);
	r.bundled = DATADIR "/rules";
	assert_int_equal(rules_load_mem(&r, "layered", layered, &errs), 0);
	/* The bundled profiles are still there, after the new ones. */
	assert_string_equal(rules_org(&r, "UM", "")->name, "formin");
	derive_in(&r, "UM", "Jānis", "Bērziņš", "janis.berzins@formin.fi");
	derive_in(&r, "UM", "Žaneta", "Šimkutė", "zaneta.simkute@formin.fi");
	derive_in(&r, "UM", "Łukasz", "Żółć", "lukasz.zolc@formin.fi");
	derive_in(&r, "UM", "Þórunn", "Guðmundsdóttir",
	    "thorunn.gudmundsdottir@formin.fi");
	derive_in(&r, "given", "Anna-Maija Kaarina", "von Wright",
	    "anna-maija-kaarina.von-wright@example.org");
	derive_in(&r, "initials", "Kirsi", "Pimiä", "kp@example.org");
	derive_in(&r, "initials", "Åsa", "Öberg", "ao@example.org");
	derive_in(&r, "short", "Anna-Maija", "von Wright", "a.wright@example.org");
	derive_in(&r, "short", "Laura", "Yli-Vakkuri", "l.yli-vakkuri@example.org");
	derive_in(&r, "under", "Anna-Maija", "von Wright",
	    "anna-maija_von_wright@example.org");
	derive_in(&r, "de", "Jüri", "Ülemiste", "jueri.uelemiste@example.de");
	derive_in(&r, "de", "Gerd", "Strauß", "gerd.strauss@example.de");
	derive_in(&r, "no", "Søren", "Kierkegaard", "soren.kierkegaard@example.no");
	derive_in(&r, "no", "Åse", "Kjær", "ase.kjaer@example.no");
	derive_in(&r, "da", "Søren", "Kierkegaard",
	    "soeren.kierkegaard@example.dk");
	derive_in(&r, "da", "Åse", "Kjær", "aase.kjaer@example.dk");
	derive_in(&r, "idn", "", "Mora", "mora@xn--stersj-vxag.example");
	rules_release(&r);
}

static void
test_unicode_domain(void **state)
{
	char *u;

	(void)state;
	u = email_unicode("mora@xn--stersj-vxag.example");
	assert_string_equal(u, "mora@östersjö.example");
	free(u);
	u = email_unicode("vuokko.ranki@formin.fi");
	assert_string_equal(u, "vuokko.ranki@formin.fi");
	free(u);
}

static void
test_valid(void **state)
{
	static const char *const good[] = {
		"vuokko.ranki@formin.fi", "a+b@example.org", "x@östersjö.example",
		"O'Brien@example.com",
	};
	static const char *const bad[] = {
		"vuokko.ranki", "a..b@x.fi", ".a@x.fi", "a.@x.fi", "a b@x.fi",
		"a@-x.fi", "a@x..fi", "@x.fi", "a@",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.fi",
	};
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(email_valid(good[i], &why), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(email_valid(bad[i], &why), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formin),
		cmocka_unit_test(test_first_given_name_only),
		cmocka_unit_test(test_untransliterable_letter_is_an_error),
		cmocka_unit_test(test_placeholders_and_profiles),
		cmocka_unit_test(test_unicode_domain),
		cmocka_unit_test(test_valid),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
