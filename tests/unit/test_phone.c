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

/*
 * Digits without '+' that begin with the region's own calling code, for
 * every bundled region: libphonenumber 3.2.47's answers. Read with the code
 * when only what follows it has the region's general shape, or when they
 * are longer than any number of the region; kept national when they have
 * that shape. No valid national number of EE, LV, IS, GB or US begins with
 * its calling code, nor of RU (7 7... is Kazakhstan's): there a near miss
 * stays invalid.
 */
static void
test_own_calling_code_without_plus(void **state)
{
	static const struct {
		const char *region, *raw, *e164;
	} t[] = {
		{ "FI", "358 50 324 8366", "+358503248366" },
		{ "FI", "358 (0)9 1605 5555", "+358916055555" },
		{ "FI", "358 18 12345", "+3581812345" },	/* Åland's */
		{ "FI", "3581 2345", "+35835812345" },		/* 03 */
		{ "FI", "358 9 12345", "+358358912345" },	/* both valid */
		{ "AX", "358 18 12345", "+3581812345" },
		{ "AX", "358 50 324 8366", "+358503248366" },	/* Finland's */
		{ "AX", "358 (0)8 4488 8486", "+358844888486" },	/* too long */
		{ "AX", "3581 2345", "+35835812345" },
		{ "AX", "358 130226", NULL },
		{ "SE", "46 8 405 10 00", "+4684051000" },
		{ "SE", "46 (0)70 272 13 47", "+46702721347" },
		{ "SE", "46 78 262 28 82", "+46782622882" },
		{ "SE", "46 123 45 67", "+46461234567" },	/* Lund's 046 */
		{ "NO", "47 22 99 20 04", "+4722992004" },
		{ "NO", "47 39 30 88", "+4747393088" },
		{ "NO", "47 22 99 20", "+4747229920" },
		{ "DK", "45 35 94 58 34", "+4535945834" },
		{ "DK", "45 12 34 56", "+4545123456" },
		{ "EE", "372 5123 4567", "+37251234567" },
		{ "EE", "372 612 3456", "+3726123456" },
		{ "EE", "372 4123 456", NULL },
		{ "LV", "371 21 234 567", "+37121234567" },
		{ "LV", "371 6 712 3456", "+37167123456" },
		{ "LV", "371 2123 456", NULL },
		{ "LT", "370 5 215 8329", "+37052158329" },
		{ "LT", "370 (8) 5 215 8329", "+37052158329" },
		{ "LT", "370 12345", "+37037012345" },		/* Kaunas */
		{ "PL", "48 22 123 45 67", "+48221234567" },
		{ "PL", "48 512 345 678", "+48512345678" },
		{ "PL", "48 123 45 67", "+48481234567" },	/* Radom */
		{ "DE", "49 89 1234567", "+49891234567" },
		{ "DE", "49 30 123456", "+4930123456" },
		{ "DE", "49 491 12345", "+4949112345" },
		{ "DE", "491 12345", "+4949112345" },		/* Leer */
		{ "DE", "49 0 8800 422628", NULL },
		{ "IS", "354 510 7900", "+3545107900" },
		{ "IS", "354 611 2345", "+3546112345" },
		{ "IS", "354 51 07", NULL },
		{ "RU", "7 495 123 45 67", "+74951234567" },
		{ "RU", "7 8 495 123 45 67", "+74951234567" },
		{ "RU", "7 495 123 45", NULL },
		{ "GB", "44 20 7946 0000", "+442079460000" },
		{ "GB", "44 (0)7400 123456", "+447400123456" },
		{ "GB", "44 20 7946", NULL },
		{ "FR", "33 1 42 68 53 00", "+33142685300" },
		{ "FR", "33 (0)6 12 34 56 78", "+33612345678" },
		{ "FR", "331 234 567", "+33331234567" },	/* 03 */
		{ "BE", "32 2 501 81 11", "+3225018111" },
		{ "BE", "32 470 12 34 56", "+32470123456" },
		{ "BE", "3212 3456", "+3232123456" },		/* Antwerp */
		{ "IT", "39 06 6842 7571", "+390668427571" },
		{ "IT", "39 312 345 6789", "+393123456789" },
		{ "IT", "393 123 4567", "+393931234567" },
		{ "US", "1 202 802 6001", "+12028026001" },
		{ "US", "1 (1) 202 802 6001", "+12028026001" },
		{ "US", "1 202 802 600", NULL },
		/* Not in libphonenumber, whose +800 has no region to parse in. */
		{ "001", "800 1234 5678", "+80012345678" },
		{ "001", "8001 2345", "+80080012345" },
		{ "001", "800 1234 567", NULL },
	};
	struct phone ph;
	const char *why;
	size_t i, wrong = 0;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rc = phone_parse(&rules, t[i].raw, t[i].region, &ph, &why, NULL);
		if (t[i].e164 == NULL ? rc != 0 :
		    rc == 0 && strcmp(ph.e164, t[i].e164) == 0)
			continue;
		print_error("%s '%s': want %s, got %s\n", t[i].region,
		    t[i].raw, t[i].e164 ? t[i].e164 : "invalid",
		    rc == 0 ? ph.e164 : why);
		wrong++;
	}
	assert_int_equal(wrong, 0);
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
		cmocka_unit_test(test_own_calling_code_without_plus),
		cmocka_unit_test(test_trace_names_each_step),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_style_names_and_phone_like),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
