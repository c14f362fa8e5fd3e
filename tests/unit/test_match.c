/* test_match.c: folding, AND of prefixes, ranking, reverse lookup, suggestions. */
#include "unit.h"

#include "match.h"
#include "record.h"
#include "store.h"

static struct rules rules;
static struct store *st;
static struct records rs;

static const char csv[] = "id,given_name,family_name,organization,phone\n"
    "1,Kristina,Pingoud,Utrikesministeriet,+358 50 344 2844\n"
    "2,Vuokko,Ranki,UM,+358 50 324 8366\n"
    "3,Kirsi,Pimiä,,\n"
    "4,Laura,Yli-Vakkuri,inrikesministeriet,\n"
    "5,Åsa,Öberg,UM,\n"
    "6,Kristian,Ranki,UM,\n"
    "7,Vuokko,Rankinen,UM,\n";

static int
setup(void **state)
{
	struct errors errs = { 0 };

	(void)state;
	load_bundled_rules(&rules);
	assert_int_equal(store_open_csv(&st, "t.csv", csv, sizeof(csv) - 1, 0,
	    &errs), 0);
	records_init(&rs, st, &rules, NULL);
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

/* The ids that terms (split at spaces) match, best first, comma-separated. */
static void
expect(const char *query, const char *want)
{
	struct match_opts mo = { 0, NULL };
	char *copy = xstrdup(query), *terms[8], *tok, *save;
	char got[256] = "";
	struct hit *hits;
	const char *why;
	size_t n = 0, nhits, i;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		terms[n++] = tok;
	assert_int_equal(match_run(&rs, &mo, terms, n, &hits, &nhits, &why), 0);
	for (i = 0; i < nhits; i++) {
		if (i > 0)
			strcat(got, ",");
		strcat(got, store_field(st, hits[i].row, COL_ID));
	}
	if (strcmp(got, want) != 0)
		fail_msg("'%s' matched '%s', expected '%s'", query, got, want);
	free(hits);
	free(copy);
}

static void
test_folded_prefixes(void **state)
{
	(void)state;
	expect("pimia", "3");
	expect("PIMIÄ", "3");
	expect("pim", "3");
	expect("OBERG", "5");
	expect("vakkuri", "4");		/* hyphen splits words */
	expect("yli-vak", "4");
	expect("Nobody", "");
}

static void
test_and_in_any_order(void **state)
{
	(void)state;
	expect("Vuokko Ranki", "2,7");
	expect("Ranki Vuokko", "2,7");
	expect("kri ran", "6");
	expect("Kristina Ranki", "");
}

static void
test_ranking(void **state)
{
	(void)state;
	/* Whole words before prefixes; store order among equals. */
	expect("ranki", "2,6,7");
	expect("rank", "2,6,7");
	expect("vuokko rankinen", "7");
}

static void
test_reverse_lookup(void **state)
{
	(void)state;
	expect("0503248366", "2");
	expect("+358 50 324 8366", "2");
	expect("kristina.pingoud@formin.fi", "1");
	expect("KRISTINA.PINGOUD@FORMIN.FI", "1");
	expect("nobody@formin.fi", "");
}

static void
test_pick_one(void **state)
{
	struct match_opts mo = { 0, NULL };
	char *exact[] = { "Vuokko", "Ranki" }, *vague[] = { "ranki" };
	char *none[] = { "zzz" }, *badphone[] = { "12345" };
	struct hit *hits;
	const char *why;
	size_t row, n;

	(void)state;
	/* An exact full name wins over a mere prefix match. */
	assert_int_equal(match_pick(&rs, &mo, exact, 2, &row, &hits, &n, &why),
	    0);
	assert_string_equal(store_field(st, row, COL_ID), "2");
	assert_null(hits);
	assert_int_equal(match_pick(&rs, &mo, vague, 1, &row, &hits, &n, &why),
	    ST_AMBIGUOUS);
	assert_int_equal(n, 3);
	assert_string_equal(store_field(st, hits[1].row, COL_ID), "6");
	free(hits);
	assert_int_equal(match_pick(&rs, &mo, none, 1, &row, &hits, &n, &why),
	    ST_NOMATCH);
	assert_null(why);
	/* A query that looks like a number and is not one says why, not prints. */
	assert_int_equal(match_pick(&rs, &mo, badphone, 1, &row, &hits, &n,
	    &why), ST_NOMATCH);
	assert_string_equal(why, "not a valid number for the region");
}

/* Two officials of one exact full name: neither wins, both are candidates. */
static void
test_two_exact_matches(void **state)
{
	static const char twins[] = "id,given_name,family_name,organization\n"
	    "1,Vuokko,Ranki,UM\n"
	    "2,Vuokko,Rankinen,UM\n"
	    "3,Vuokko,Ranki,CBSS\n";
	struct match_opts mo = { 0, NULL };
	char *terms[] = { "Vuokko", "Ranki" }, *one[] = { "Vuokko",
	    "Rankinen" };
	struct errors errs = { 0 };
	struct records trs;
	struct store *tst;
	struct hit *hits;
	const char *why;
	size_t row = 99, n;

	(void)state;
	assert_int_equal(store_open_csv(&tst, "t.csv", twins,
	    sizeof(twins) - 1, 0, &errs), 0);
	records_init(&trs, tst, &rules, NULL);
	assert_int_equal(match_pick(&trs, &mo, terms, 2, &row, &hits, &n,
	    &why), ST_AMBIGUOUS);
	assert_int_equal(row, 99);
	assert_int_equal(n, 3);
	assert_int_equal(hits[0].rank, hits[1].rank);
	free(hits);
	/* The one exact match among prefix matches is picked. */
	assert_int_equal(match_pick(&trs, &mo, one, 2, &row, &hits, &n, &why),
	    0);
	assert_string_equal(store_field(tst, row, COL_ID), "2");
	records_release(&trs);
	store_close(tst);
}

static void
test_suggestions(void **state)
{
	char *typo[] = { "Pingod" }, *far[] = { "Zyx" };
	size_t rows[3];

	(void)state;
	assert_int_equal(match_suggest(&rs, typo, 1, rows, 3), 1);
	assert_string_equal(store_field(st, rows[0], COL_ID), "1");
	assert_int_equal(match_suggest(&rs, far, 1, rows, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folded_prefixes),
		cmocka_unit_test(test_and_in_any_order),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_reverse_lookup),
		cmocka_unit_test(test_pick_one),
		cmocka_unit_test(test_two_exact_matches),
		cmocka_unit_test(test_suggestions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
