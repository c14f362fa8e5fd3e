/* test_fold.c: search keys, email transliteration and phone characters. */
#include "unit.h"

#include "fold.h"

static void
check_key(const char *in, const char *want)
{
	char *got = fold_key(in, strlen(in));

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_key_ascii(void **state)
{
	(void)state;
	check_key("Pingoud", "pingoud");
	check_key("RANKI\tVuokko", "ranki vuokko");
	check_key("", "");
}

static void
test_key_marks_and_case(void **state)
{
	(void)state;
	check_key("Pimiä", "pimia");
	check_key("PIMIÄ", "pimia");
	check_key("ÖBERG", "oberg");
	check_key("Åsa", "asa");
	check_key("Jānis Bērziņš", "janis berzins");
	check_key("Žaneta Šimkutė", "zaneta simkute");
	/* Decomposed input folds like composed input. */
	check_key("Pimia\xcc\x88", "pimia");
}

static void
test_key_letters_without_decomposition(void **state)
{
	(void)state;
	check_key("Straße", "strasse");
	check_key("Søren", "soren");
	check_key("Ærø", "aero");
	check_key("Łukasz Żółć", "lukasz zolc");
	check_key("Þórunn Guðmundsdóttir", "thorunn gudmundsdottir");
}

static void
test_key_punctuation(void **state)
{
	(void)state;
	check_key("Yli\xe2\x80\x93Vakkuri", "yli-vakkuri");	/* en dash */
	check_key("O\xe2\x80\x99" "Brien", "o'brien");		/* ’ */
	check_key("a\xc2\xa0" "b", "a b");			/* no-break space */
}

static void
test_key_invalid_utf8(void **state)
{
	(void)state;
	assert_null(fold_key("Pimi\xc3", 5));
	assert_null(fold_key("\xff", 1));
}

static void
check_ascii(const char *in, const struct translit_map *map, size_t n,
    const char *want)
{
	char *got = NULL;
	ucs4_t bad = 0;

	assert_int_equal(fold_ascii(in, map, n, &got, &bad, NULL), 0);
	assert_string_equal(got, want);
	free(got);
}

static void
test_ascii_profiles(void **state)
{
	struct translit_map fi[] = { { 0xe4, "a" }, { 0xf6, "o" }, { 0xe5, "a" } };
	struct translit_map de[] = { { 0xe4, "ae" }, { 0xf6, "oe" },
	    { 0xfc, "ue" } };

	(void)state;
	check_ascii("Pimiä", fi, 3, "pimia");
	check_ascii("Öberg", fi, 3, "oberg");
	check_ascii("Müller", de, 3, "mueller");
	check_ascii("Jüri", fi, 3, "juri");		/* marks stripped */
	check_ascii("Søren", NULL, 0, "soren");	/* built-in table */
	check_ascii("Straße", NULL, 0, "strasse");
	check_ascii("Yli-Vakkuri", fi, 3, "yli-vakkuri");
}

static void
test_ascii_refuses_what_it_cannot_spell(void **state)
{
	char *got = NULL;
	ucs4_t bad = 0;

	(void)state;
	assert_int_equal(fold_ascii("Жанна", NULL, 0, &got, &bad, NULL), -1);
	assert_int_equal(bad, 0x0436);	/* ж, after lowercasing */
	assert_null(got);
	assert_int_equal(fold_ascii("Li 李", NULL, 0, &got, &bad, NULL), -1);
	assert_int_equal(bad, 0x674e);
}

static void
test_ascii_compatibility_letters(void **state)
{
	char *got = NULL;
	ucs4_t bad = 0;

	(void)state;
	check_ascii("\xc7\x84" "emal", NULL, 0, "dzemal");	/* Ǆ */
	check_ascii("\xc7\x87ubi\xc4\x87", NULL, 0, "ljubic");	/* Ǉubić */
	check_ascii("E\xef\xac\x81", NULL, 0, "efi");	/* ﬁ */
	check_ascii("\xc4\xb2sselmeer", NULL, 0, "ijsselmeer");	/* Ĳ */
	/* NFD as macOS writes it: the same as NFC. */
	check_ascii("Pimia\xcc\x88", NULL, 0, "pimia");
	/* A compatibility form of a letter with no ASCII form is refused. */
	assert_int_equal(fold_ascii("\xe3\x8b\x90", NULL, 0, &got, &bad,
	    NULL), -1);	/* ㋐, a circled katakana */
	assert_int_equal(bad, 0x32d0);
	assert_null(got);
}

static void
test_nfc(void **state)
{
	size_t len = 99;
	char *got;

	(void)state;
	/* ASCII and letters below U+0300 are NFC at a glance. */
	assert_null(fold_nfc("Kristina", 8, &len));
	assert_null(fold_nfc("Pimi\xc3\xa4 \xc5\xa0", 8, &len));
	assert_int_equal(len, 99);
	/* Already NFC above U+0300: still NULL. */
	assert_null(fold_nfc("\xd0\x96\xd0\xb0\xd0\xbd", 6, &len));
	got = fold_nfc("Ulkoministerio\xcc\x88", 16, &len);
	assert_non_null(got);
	assert_string_equal(got, "Ulkoministeri\xc3\xb6");
	assert_int_equal(len, 15);
	free(got);
	/* Not UTF-8: left as it is, for the caller to refuse. */
	assert_null(fold_nfc("Pimi\xe4", 5, &len));
	assert_null(fold_nfc("a\xcc", 2, &len));
	/* Only n bytes are read. */
	got = fold_nfc("a\xcc\x88xyz", 3, &len);
	assert_string_equal(got, "\xc3\xa4");
	free(got);
}

static void
test_key_compatibility(void **state)
{
	char *a, *b;

	(void)state;
	a = fold_key("\xc7\x84" "emal \xc7\x87ubi\xc4\x87", 14);
	assert_string_equal(a, "dzemal ljubic");
	free(a);
	a = fold_key("Pimia\xcc\x88", 7);
	b = fold_key("Pimi\xc3\xa4", 6);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
test_phone_chars(void **state)
{
	char *got;

	(void)state;
	got = fold_phone("\xef\xbc\x8b" "358 \xef\xbc\x95\xef\xbc\x90");	/* ＋358 ５０ */
	assert_string_equal(got, "+358 50");
	free(got);
	got = fold_phone("09\xe2\x80\x93" "123\xc2\xa0" "45");	/* en dash, nbsp */
	assert_string_equal(got, "09-123 45");
	free(got);
	got = fold_phone("\xd9\xa0\xd9\xa1");	/* Arabic-Indic 0 1 */
	assert_string_equal(got, "01");
	free(got);
	assert_null(fold_phone("0\xc0"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_ascii),
		cmocka_unit_test(test_key_marks_and_case),
		cmocka_unit_test(test_key_letters_without_decomposition),
		cmocka_unit_test(test_key_punctuation),
		cmocka_unit_test(test_key_invalid_utf8),
		cmocka_unit_test(test_ascii_profiles),
		cmocka_unit_test(test_ascii_refuses_what_it_cannot_spell),
		cmocka_unit_test(test_ascii_compatibility_letters),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_key_compatibility),
		cmocka_unit_test(test_phone_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
