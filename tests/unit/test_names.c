/* test_names.c: written names split into given and family names. */
#include "unit.h"

#include "names.h"

static void
test_particles(void **state)
{
	(void)state;
	assert_true(names_is_particle("von", 3));
	assert_true(names_is_particle("af", 2));
	assert_false(names_is_particle("Von", 3));
	assert_false(names_is_particle("vo", 2));
	assert_string_equal(names_without_particles("von Wright"), "Wright");
	assert_string_equal(names_without_particles("de la Chapelle"),
	    "Chapelle");
	assert_string_equal(names_without_particles("Pimiä"), "Pimiä");
	/* A family name that is only a particle keeps it. */
	assert_string_equal(names_without_particles("von"), "von");
}

static void
test_split(void **state)
{
	static const char *const cases[][3] = {
		{ "Vuokko Ranki", "Vuokko", "Ranki" },
		{ "Anna-Maija von Wright", "Anna-Maija", "von Wright" },
		{ "Carl Gustaf af Ekenstam", "Carl Gustaf", "af Ekenstam" },
		{ "Louise de la Chapelle", "Louise", "de la Chapelle" },
		{ "  Kirsi   Pimiä  ", "Kirsi", "Pimiä" },
		{ "Mora", "", "Mora" },
		/* The first word is a given name, even a particle's look-alike. */
		{ "De Wright", "De", "Wright" },
		{ "van der Berg", "van", "der Berg" },
		{ "", "", "" },
	};
	char *given, *family;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		names_split(cases[i][0], &given, &family);
		if (strcmp(given, cases[i][1]) != 0 ||
		    strcmp(family, cases[i][2]) != 0)
			fail_msg("'%s' split as '%s' + '%s'", cases[i][0],
			    given, family);
		free(given);
		free(family);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_particles),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
