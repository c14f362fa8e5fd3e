/* test_store.c: the CSV store: shape, encodings, line numbers, bad input. */
#include "unit.h"

#include "store.h"

static int
load(struct store *st, const char *csv, size_t len)
{
	store_init(st);
	return store_load_mem(st, "t.csv", csv, len);
}

#define LOAD(st, lit) load((st), (lit), sizeof(lit) - 1)

static void
test_columns_by_name_in_any_order(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(LOAD(&st, "family_name,extra,ID,given_name\n"
	    "Ranki,x1,2,Vuokko\n"
	    "Pingoud,,1,Kristina\n"), 0);
	assert_int_equal(st.nrows, 2);
	assert_int_equal(st.ncol, 4);
	assert_string_equal(store_field(&st, 0, COL_GIVEN), "Vuokko");
	assert_string_equal(store_field(&st, 0, COL_ID), "2");
	assert_string_equal(store_field(&st, 1, COL_FAMILY), "Pingoud");
	/* Absent columns read as empty; unknown ones are kept. */
	assert_string_equal(store_field(&st, 0, COL_EMAIL), "");
	assert_string_equal(st.header[1], "extra");
	assert_string_equal(store_cell(&st, 0, 1), "x1");
	store_release(&st);
}

static void
test_bom_crlf_and_quoted_newlines(void **state)
{
	struct store st;
	char *name;

	(void)state;
	assert_int_equal(LOAD(&st, "\xef\xbb\xbfid,given_name,family_name,note\r\n"
	    "1,Kirsi,Pimiä,\"two\r\nlines\"\r\n"
	    "2,Vuokko,Ranki,\"say \"\"hi\"\"\"\r\n"), 0);
	assert_int_equal(st.nrows, 2);
	assert_string_equal(store_field(&st, 0, COL_ID), "1");
	assert_string_equal(store_field(&st, 0, COL_NOTE), "two\r\nlines");
	assert_string_equal(store_field(&st, 1, COL_NOTE), "say \"hi\"");
	/* A row's line is where it starts, past multi-line fields. */
	assert_int_equal(st.line[0], 2);
	assert_int_equal(st.line[1], 4);
	name = store_name(&st, 0);
	assert_string_equal(name, "Kirsi Pimiä");
	free(name);
	store_release(&st);
}

static void
test_short_rows_are_padded(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(LOAD(&st, "given_name,family_name,phone\nMaira,Mora\n"),
	    0);
	assert_string_equal(store_field(&st, 0, COL_PHONE), "");
	store_release(&st);
}

static void
test_no_final_newline(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(LOAD(&st, "given_name,family_name\nMaira,Mora"), 0);
	assert_int_equal(st.nrows, 1);
	assert_string_equal(store_field(&st, 0, COL_FAMILY), "Mora");
	store_release(&st);
}

static void
test_bad_input_is_a_data_error(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(LOAD(&st, "given_name,family_name\n\"Maira,Mora\n"),
	    ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name\nA,B,C\n"), ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name\nPimi\xe4,K\n"),
	    ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name\nA\0,B\n"), ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, ""), ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "Maira,Mora\n"), ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name\n,\n"), ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name,Given_Name\n"),
	    ST_DATA);
	store_release(&st);
	assert_int_equal(LOAD(&st, "given_name,family_name\nA\"b,C\n"), ST_DATA);
	store_release(&st);
}

static void
test_missing_file_is_a_system_error(void **state)
{
	struct store st;

	(void)state;
	store_init(&st);
	assert_int_equal(store_load(&st, "/nonexistent/officials.csv"),
	    ST_SYSTEM);
	assert_int_equal(store_load(&st, "/"), ST_SYSTEM);
	store_release(&st);
}

static void
test_bundled_store(void **state)
{
	struct store st;
	size_t i;

	(void)state;
	store_init(&st);
	assert_int_equal(store_load(&st, DATADIR "/officials.csv"), 0);
	assert_int_equal(st.nrows, 7);
	for (i = 0; i < st.nrows; i++) {
		assert_string_equal(store_field(&st, i, COL_SOURCE),
		    "Pressmeddelande 99/2017, 24.5.2017");
		/* The release gives no address; none is stored. */
		assert_string_equal(store_field(&st, i, COL_EMAIL), "");
	}
	assert_string_equal(store_field(&st, 0, COL_PHONE), "+358 50 344 2844");
	store_release(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_by_name_in_any_order),
		cmocka_unit_test(test_bom_crlf_and_quoted_newlines),
		cmocka_unit_test(test_short_rows_are_padded),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_bad_input_is_a_data_error),
		cmocka_unit_test(test_missing_file_is_a_system_error),
		cmocka_unit_test(test_bundled_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
