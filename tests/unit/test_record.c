/* test_record.c: what is derived from a row: profile, region, numbers, address, words. */
#include "unit.h"

#include "record.h"
#include "store.h"

static struct rules rules;
static struct store *st;
static struct records rs;

static const char csv[] = "id,given_name,family_name,organization,phone,"
    "mobile,email\n"
    "1,Anna,Virtanen,UM,09 1605 5555,,\n"
    "2,Anna,Virtanen,Ulkoministeriö,,070-272 13 47,\n"
    "3,Maira,Mora,CBSS sekretariat,12345,,\n"
    "4,Kirsi,Pimiä,UM,,,kirsi@example.org\n"
    "5,Жанна,Иванова,UM,,,\n"
    "6,Eve,Bad,,,,eve@@example.org\n";

static int
setup(void **state)
{
	struct errors errs = { 0 };

	(void)state;
	load_bundled_rules(&rules);
	assert_int_equal(store_open_csv(&st, "t.csv", csv, sizeof(csv) - 1, 0,
	    &errs), 0);
	records_init(&rs, st, &rules, "SE");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	records_release(&rs);
	store_close(st);
	rules_release(&rules);
	return 0;
}

static void
test_profile_and_region(void **state)
{
	(void)state;
	assert_string_equal(record_org(&rs, 0)->name, "formin");
	assert_null(record_org(&rs, 2));
	/* The profile's region first, then --region, then the default. */
	assert_string_equal(record_region(&rs, 0), "FI");
	assert_string_equal(record_region(&rs, 2), "SE");
}

static void
test_numbers(void **state)
{
	const struct number *n;

	(void)state;
	n = record_number(&rs, 0, COL_PHONE);
	assert_null(n->why);
	assert_string_equal(n->ph.e164, "+358916055555");
	n = record_number(&rs, 0, COL_MOBILE);
	assert_string_equal(n->raw, "");
	assert_null(n->why);
	/* Read in FI, the profile's region, not in SE. */
	n = record_number(&rs, 1, COL_MOBILE);
	assert_non_null(n->why);
	n = record_number(&rs, 2, COL_PHONE);
	assert_string_equal(n->why, "not a valid number for the region");
	/* Asked twice, the same record. */
	assert_ptr_equal(record_number(&rs, 2, COL_PHONE), n);
}

static void
test_addresses_collisions_and_provenance(void **state)
{
	const struct email_info *e;

	(void)state;
	e = record_email(&rs, 0);
	assert_string_equal(e->addr, "anna.virtanen@formin.fi");
	assert_string_equal(e->rule, "formin");
	assert_true(e->collision);
	assert_true(record_email(&rs, 1)->collision);
	e = record_email(&rs, 2);
	assert_null(e->addr);
	assert_string_equal(e->why, "no stored email and no rule covers "
	    "organization 'CBSS sekretariat'");
	/* A stored address wins over the rule. */
	e = record_email(&rs, 3);
	assert_string_equal(e->addr, "kirsi@example.org");
	assert_null(e->rule);
	assert_false(e->collision);
	e = record_email(&rs, 4);
	assert_null(e->addr);
	assert_string_equal(e->rule, "formin");
	assert_string_equal(e->why, "cannot transliterate 'ж' in 'Жанна'");
	e = record_email(&rs, 5);
	assert_string_equal(e->addr, "eve@@example.org");
	assert_string_equal(e->why, "local part is not a dot-atom");
}

static void
test_words(void **state)
{
	const struct words *w;

	(void)state;
	w = record_words(&rs, 3);
	assert_int_equal(w->n, 2);
	assert_string_equal(w->w[0], "kirsi");
	assert_string_equal(w->w[1], "pimia");
	/* Kept, when asked to be, for a run of many queries. */
	rs.keep_words = 1;
	w = record_words(&rs, 0);
	assert_string_equal(record_words(&rs, 3)->w[1], "pimia");
	assert_ptr_equal(record_words(&rs, 0), w);
	assert_string_equal(w->w[1], "virtanen");
	rs.keep_words = 0;
}

static void
test_changed_rows(void **state)
{
	struct store *mine;
	struct records r2;
	struct errors errs = { 0 };
	size_t row;

	(void)state;
	assert_int_equal(store_open_csv(&mine, "t.csv", csv, sizeof(csv) - 1,
	    0, &errs), 0);
	records_init(&r2, mine, &rules, NULL);
	assert_null(record_org(&r2, 2));
	assert_false(record_email(&r2, 3)->collision);
	/* A changed row is derived again. */
	store_set(mine, 2, "organization", "UM");
	records_changed(&r2, 2);
	assert_string_equal(record_org(&r2, 2)->name, "formin");
	assert_string_equal(record_email(&r2, 2)->addr, "maira.mora@formin.fi");
	/* An added row is known, and collisions are compared again. */
	row = store_append(mine);
	store_set(mine, row, "given_name", "Maira");
	store_set(mine, row, "family_name", "Mora");
	store_set(mine, row, "organization", "UM");
	records_changed(&r2, row);
	assert_true(record_email(&r2, row)->collision);
	assert_true(record_email(&r2, 2)->collision);
	store_set(mine, row, "organization", "");
	records_changed(&r2, row);
	assert_false(record_email(&r2, 2)->collision);
	records_release(&r2);
	store_close(mine);
}

static void
step(void *arg, const char *what, const char *value)
{
	struct strbuf *b = arg;

	strbuf_add(b, what, strlen(what));
	strbuf_add(b, "=", 1);
	strbuf_add(b, value, strlen(value));
	strbuf_add(b, ";", 1);
}

static void
test_explain(void **state)
{
	struct strbuf b = { 0 };
	struct trace t = { step, &b };

	(void)state;
	strbuf_add(&b, "", 0);
	record_explain_email(&rs, 3, &t);
	/* A stored address is not derived. */
	assert_string_equal(b.p, "");
	record_explain_email(&rs, 0, &t);
	assert_non_null(strstr(b.p, "local part=anna.virtanen;"));
	b.len = 0;
	record_explain_number(&rs, 0, COL_PHONE, &t);
	assert_non_null(strstr(b.p, "trunk prefix stripped=916055555;"));
	free(b.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_and_region),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_addresses_collisions_and_provenance),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_changed_rows),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
