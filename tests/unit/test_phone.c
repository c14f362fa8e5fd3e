/* test_phone.c: each stage of the phone pipeline, as input/output tables. */
#include "unit.h"

#include "phone.h"

BUNDLED_RULES_GROUP

struct row {
	const char *raw, *region, *e164, *ext;
};

static void
run_table(const struct row *t, size_t n)
{
	struct phone ph;
	const char *why;
	size_t i;

	for (i = 0; i < n; i++) {
		int rc = phone_parse(&rules, t[i].raw, t[i].region, &ph, &why, NULL);

		if (t[i].e164 == NULL) {
			if (rc == 0)
				fail_msg("'%s' parsed as %s", t[i].raw, ph.e164);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' (%s): %s", t[i].raw, t[i].region, why);
		assert_string_equal(ph.e164, t[i].e164);
		assert_string_equal(ph.ext, t[i].ext ? t[i].ext : "");
	}
}

static void
test_press_release_numbers(void **state)
{
	static const struct row t[] = {
		{ "+358 50 344 2844", "FI", "+358503442844", NULL },
		{ "+358 50 324 8366", "FI", "+358503248366", NULL },
		{ "+46 702721347", "FI", "+46702721347", NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_labels_and_unicode(void **state)
{
	static const struct row t[] = {
		{ "tfn +358 50 344 2844", "FI", "+358503442844", NULL },
		{ "puh. 09 1605 5555", "FI", "+358916055555", NULL },
		{ "\xef\xbc\x8b" "358 50 344 2844", "FI", "+358503442844", NULL },
		{ "tel:+358-50-344-2844", "FI", "+358503442844", NULL },
		{ "GSM 050\xe2\x80\x93" "344 2844", "FI", "+358503442844", NULL },
		{ "Tlf. +47 22 99 20 04", "FI", "+4722992004", NULL },
		{ "mob. +46 72 9226500", "FI", "+46729226500", NULL },
		{ "\xd0\xa2\xd0\xb5\xd0\xbb. +49 177 5867172", "FI",
		    "+491775867172", NULL },			/* Тел. */
		{ "\xef\xbc\x98 (495) 123-45-67", "RU", "+74951234567", NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_extensions(void **state)
{
	static const struct row t[] = {
		{ "+358 9 1605 5555 ext. 12", "FI", "+358916055555", "12" },
		{ "+358 9 1605 5555 #12", "FI", "+358916055555", "12" },
		{ "+358 9 6260 1496 x539", "FI", "+358962601496", "539" },
		{ "+46 8 7903749 anknytning 35", "SE", "+4687903749", "35" },
		{ "+46 8 405 10 00 ankn. 484", "SE", "+4684051000", "484" },
		{ "+358 295 350 878 Ankn: 597", "FI", "+358295350878", "597" },
		{ "+358 9 1605 5555;ext=7", "FI", "+358916055555", "7" },
		{ "09 1605 5555 alanumero 204", "FI", "+358916055555", "204" },
		{ "+358 9 1605 5555 ext 3", "FI", "+358916055555", "3" },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_prefixes(void **state)
{
	static const struct row t[] = {
		{ "050 344 2844", "FI", "+358503442844", NULL },
		{ "(09) 160 55555", "FI", "+358916055555", NULL },
		{ "+358 (0)9 1605 5555", "FI", "+358916055555", NULL },
		{ "00358 50 344 2844", "FI", "+358503442844", NULL },
		{ "990 46 702721347", "FI", "+46702721347", NULL },
		{ "070-272 13 47", "SE", "+46702721347", NULL },
		{ "358 50 344 2844", "FI", "+358503442844", NULL },
		{ "018 12345", "FI", "+3581812345", NULL },	/* Åland */
		/* Ranges libphonenumber has: Swedish 078 mobiles, Norway's 68. */
		{ "078-262 28 82", "SE", "+46782622882", NULL },
		{ "68 44 84 84", "NO", "+4768448484", NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_invalid(void **state)
{
	static const struct row t[] = {
		{ "", "FI", NULL, NULL },
		{ "abc", "FI", NULL, NULL },
		{ "+", "FI", NULL, NULL },
		{ "+358", "FI", NULL, NULL },
		{ "+358 50 344", "FI", NULL, NULL },
		{ "+999 123", "FI", NULL, NULL },
		{ "112", "FI", NULL, NULL },
		{ "050 344 28449999", "FI", NULL, NULL },
		{ "+358 50 344 2844, +358 9 1605 5555", "FI", NULL, NULL },
		{ "050 344 2844", NULL, NULL, NULL },
		{ "\xff", "FI", NULL, NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_trunk_prefixes(void **state)
{
	static const struct row t[] = {
		/* Stripped after a calling code only where the rest is valid. */
		{ "+7 8 495 123 45 67", "FI", "+74951234567", NULL },
		{ "+7 812 694-86-96", "FI", "+78126948696", NULL },
		{ "+358 050 344 2844", "FI", "+358503442844", NULL },
		/* Estonia and Norway have no trunk prefix: (0) stays a digit. */
		{ "+372 (0)5123 4567", "FI", NULL, NULL },
		{ "+47 (0)22 12 34 56", "FI", NULL, NULL },
		/* Lithuania strips 8 or 0. */
		{ "8 612 34567", "LT", "+37061234567", NULL },
		{ "0 612 34567", "LT", "+37061234567", NULL },
		/* Italy keeps its leading 0. */
		{ "+39 06 6842 7571", "FI", "+390668427571", NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
test_international_prefixes(void **state)
{
	static const struct row t[] = {
		{ "810 358 50 344 2844", "RU", "+358503442844", NULL },
		{ "8-10-358 40 461 9456", "RU", "+358404619456", NULL },
		{ "994 358 9 410 0602", "FI", "+35894100602", NULL },
		{ "011 1 202 802 6001", "US", "+12028026001", NULL },
		{ "00 800 1234 5678", "FI", "+80012345678", NULL },
		{ "+999 123 456", "FI", NULL, NULL },
	};

	(void)state;
	run_table(t, sizeof(t) / sizeof(t[0]));
}

static void
steps(void *arg, const char *what, const char *value)
{
	char *log = arg;

	strcat(log, what);
	strcat(log, "=");
	strcat(log, value);
	strcat(log, ";");
}

static void
test_trace_names_each_step(void **state)
{
	char log[1024] = "";
	struct trace t = { steps, log };
	struct phone ph;
	const char *why;

	(void)state;
	assert_int_equal(phone_parse(&rules, "puh. 00358 (0)9 1605 5555 #12",
	    "FI", &ph, &why, &t), 0);
	assert_string_equal(log, "folded=puh. 00358 (0)9 1605 5555 #12;"
	    "extension=12;label dropped=00358 (0)9 1605 5555 ;"
	    "digits=003580916055555;international prefix=00|99(?:[01469]|"
	    "5(?:11|3[23]|41|5[59]|77|88|9[09]));calling code=358;"
	    "trunk prefix stripped=916055555;valid in region=FI;");
}

static void
test_formats(void **state)
{
	static const struct {
		const char *raw;
		enum phone_style style;
		const char *want;
	} t[] = {
		{ "+358 50 344 2844", PHONE_E164, "+358503442844" },
		{ "+358 50 344 2844", PHONE_INTERNATIONAL, "+358 50 344 2844" },
		{ "+358 50 344 2844", PHONE_NATIONAL, "050 344 2844" },
		{ "+358 50 344 2844", PHONE_RFC3966, "tel:+358-50-344-2844" },
		{ "+46 702721347", PHONE_INTERNATIONAL, "+46 70 272 13 47" },
		{ "09 1605 5555 ext. 12", PHONE_INTERNATIONAL,
		    "+358 9 1605 5555 ext. 12" },
		{ "09 1605 5555 ext. 12", PHONE_RFC3966,
		    "tel:+358-9-1605-5555;ext=12" },
		{ "+46 70 272 13 47", PHONE_NATIONAL, "070-272 13 47" },
		{ "+7 495 123 45 67", PHONE_NATIONAL, "8 (495) 123-45-67" },
		{ "+7 495 123 45 67", PHONE_INTERNATIONAL, "+7 495 123-45-67" },
		{ "+1 202 802 6001", PHONE_NATIONAL, "(202) 802-6001" },
		{ "+1 202 802 6001", PHONE_RFC3966, "tel:+1-202-802-6001" },
		{ "018 12345", PHONE_INTERNATIONAL, "+358 18 123 45" },
		{ "+800 1234 5678", PHONE_INTERNATIONAL, "+800 1234 5678" },
		{ "+370 5 2158329", PHONE_NATIONAL, "8 5 215 8329" },
	};
	struct phone ph;
	const char *why;
	char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(phone_parse(&rules, t[i].raw, "FI", &ph, &why, NULL), 0);
		got = phone_format(&rules, &ph, t[i].style);
		assert_string_equal(got, t[i].want);
		free(got);
	}
}

static void
test_style_names_and_phone_like(void **state)
{
	enum phone_style s;

	(void)state;
	assert_int_equal(phone_style_named("national", &s), 0);
	assert_int_equal(s, PHONE_NATIONAL);
	assert_int_equal(phone_style_named("E164", &s), -1);
	assert_true(phone_like("0503248366"));
	assert_true(phone_like("+358 50 324 8366"));
	assert_false(phone_like("Ranki"));
	assert_false(phone_like("112"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_press_release_numbers),
		cmocka_unit_test(test_labels_and_unicode),
		cmocka_unit_test(test_extensions),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_trunk_prefixes),
		cmocka_unit_test(test_international_prefixes),
		cmocka_unit_test(test_trace_names_each_step),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_style_names_and_phone_like),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
