/* test_import.c: officials from files merged into a store, each one once. */
#include "unit.h"

#include <unistd.h>

#include "entry.h"
#include "import.h"
#include "store.h"

static void
test_key(void **state)
{
	char *a, *b;

	(void)state;
	a = import_key("Kirsi", "Pimiä", "Utrikesministeriet");
	b = import_key(" KIRSI ", "pimia", "utrikesministeriet");
	assert_string_equal(a, b);
	assert_string_equal(a, "kirsi pimia\tutrikesministeriet");
	free(b);
	/* Another organization is another official. */
	b = import_key("Kirsi", "Pimiä", "UM");
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	assert_null(import_key("Pimi\xe4", "", ""));
}

static void
test_csv_entries(void **state)
{
	static const char csv[] = "Family_Name,id,given_name,room,title\n"
	    "Pimiä,9,Kirsi,A12,\n";
	static const char bad[] = "given_name,family_name\nA,B\nC,D,E\n"
	    "F\n,\n";
	struct entries in = { 0 };
	struct errors errs = { 0 };

	(void)state;
	assert_int_equal(import_csv("in.csv", csv, sizeof(csv) - 1, &in,
	    &errs), 0);
	assert_int_equal(in.n, 1);
	assert_string_equal(entry_get(&in.v[0], "family_name"), "Pimiä");
	assert_string_equal(entry_get(&in.v[0], "room"), "A12");
	/* The store gives its own ids; empty known columns are not set. */
	assert_null(entry_get(&in.v[0], "id"));
	assert_null(entry_get(&in.v[0], "title"));
	assert_int_equal(in.v[0].line, 2);
	/* Every bad row is named, and nothing is added. */
	assert_int_equal(import_csv("bad.csv", bad, sizeof(bad) - 1, &in,
	    &errs), ST_DATA);
	assert_int_equal(in.n, 1);
	assert_int_equal(errs.n, 2);
	assert_string_equal(first_error(&errs),
	    "bad.csv:3: 3 fields, but the header has 2");
	assert_int_equal(errs.v[1].line, 5);
	entries_release(&in);
	errors_release(&errs);
}

static void
test_merge(void **state)
{
	static const char store_csv[] = "id,given_name,family_name,"
	    "organization,title\n"
	    "1,Kirsi,Pimiä,UM,adviser\n"
	    "4,Vuokko,Ranki,UM,assistent\n";
	static const char in_csv[] = "given_name,family_name,organization,"
	    "title,room\n"
	    "kirsi,PIMIA,um,adviser,\n"
	    "Vuokko,Ranki,UM,senior assistent,B2\n"
	    "Maira,Mora,CBSS sekretariat,,\n"
	    "Maira,Mora,CBSS sekretariat,director,\n";
	char path[] = "/tmp/contacts-import-XXXXXX";
	struct entries in = { 0 };
	struct errors errs = { 0 };
	struct import_results res = { 0 };
	struct store *st;
	FILE *fp;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	fp = fdopen(fd, "w");
	fputs(store_csv, fp);
	fclose(fp);
	assert_int_equal(import_csv("in.csv", in_csv, sizeof(in_csv) - 1, &in,
	    &errs), 0);

	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	import_merge(st, &in, 0, &res);
	assert_int_equal(res.n, 4);
	assert_int_equal(res.v[0].action, IMPORT_SAME);
	assert_int_equal(res.v[0].row, 0);
	assert_int_equal(res.v[1].action, IMPORT_DIFFERS);
	assert_int_equal(res.v[1].nch, 2);
	assert_string_equal(res.v[1].ch[0].column, "title");
	assert_string_equal(res.v[1].ch[0].was, "assistent");
	assert_string_equal(res.v[1].ch[0].now, "senior assistent");
	assert_string_equal(res.v[1].ch[1].column, "room");
	assert_string_equal(res.v[1].ch[1].was, "");
	/* Not applied without update. */
	assert_string_equal(store_field(st, 1, COL_TITLE), "assistent");
	assert_int_equal(res.v[2].action, IMPORT_ADD);
	assert_string_equal(store_field(st, res.v[2].row, COL_ID), "5");
	assert_string_equal(store_field(st, res.v[2].row, COL_FAMILY), "Mora");
	/* The second Maira Mora is the one just added. */
	assert_int_equal(res.v[3].action, IMPORT_DIFFERS);
	assert_int_equal(res.v[3].row, res.v[2].row);
	assert_int_equal(store_count(st), 3);
	import_results_release(&res);
	store_close(st);

	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	import_merge(st, &in, 1, &res);
	assert_int_equal(res.v[1].action, IMPORT_UPDATE);
	assert_string_equal(store_field(st, 1, COL_TITLE), "senior assistent");
	assert_string_equal(store_get(st, 1, "room"), "B2");
	assert_int_equal(res.v[3].action, IMPORT_UPDATE);
	assert_string_equal(store_field(st, res.v[3].row, COL_TITLE),
	    "director");
	import_results_release(&res);
	store_close(st);
	entries_release(&in);
	errors_release(&errs);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_csv_entries),
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
