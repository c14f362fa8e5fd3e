/* test_store.c: the CSV store: shape, encodings, lines, bad input, and writing back. */
#include "unit.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "store_ldap.h"

static struct errors errs;

static int
open_mem(struct store **st, const char *csv, size_t len, unsigned flags)
{
	errors_release(&errs);
	return store_open_csv(st, "t.csv", csv, len, flags, &errs);
}

#define OPEN(st, lit) open_mem((st), (lit), sizeof(lit) - 1, 0)

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/contacts-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	errors_release(&errs);
	return 0;
}

static char *
path_of(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The file's bytes, NUL-terminated; caller frees. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = xmalloc(1 << 16);

	assert_non_null(fp);
	*len = fread(buf, 1, (1 << 16) - 1, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static void
test_columns_by_name_in_any_order(void **state)
{
	struct store *st;
	const char *const *extra;

	(void)state;
	assert_int_equal(OPEN(&st, "family_name,extra,ID,given_name\n"
	    "Ranki,x1,2,Vuokko\n"
	    "Pingoud,,1,Kristina\n"), 0);
	assert_int_equal(store_count(st), 2);
	assert_string_equal(store_field(st, 0, COL_GIVEN), "Vuokko");
	assert_string_equal(store_field(st, 0, COL_ID), "2");
	assert_string_equal(store_field(st, 1, COL_FAMILY), "Pingoud");
	/* Absent columns read as empty; unknown ones are kept. */
	assert_string_equal(store_field(st, 0, COL_EMAIL), "");
	assert_int_equal(store_extra(st, &extra), 1);
	assert_string_equal(extra[0], "extra");
	assert_string_equal(store_get(st, 0, "extra"), "x1");
	assert_string_equal(store_get(st, 0, "given_name"), "Vuokko");
	assert_null(store_get(st, 0, "nope"));
	store_close(st);
}

static void
test_bom_crlf_and_quoted_newlines(void **state)
{
	struct store *st;
	char *name;

	(void)state;
	assert_int_equal(OPEN(&st, "\xef\xbb\xbfid,given_name,family_name,note\r\n"
	    "1,Kirsi,Pimiä,\"two\r\nlines\"\r\n"
	    "\r\n"
	    "2,Vuokko,Ranki,\"say \"\"hi\"\"\"\r\n"), 0);
	assert_int_equal(store_count(st), 2);
	assert_string_equal(store_field(st, 0, COL_ID), "1");
	assert_string_equal(store_field(st, 0, COL_NOTE), "two\r\nlines");
	assert_string_equal(store_field(st, 1, COL_NOTE), "say \"hi\"");
	/* A row's line is where it starts, past multi-line fields and blank lines. */
	assert_int_equal(store_where(st, 0).line, 2);
	assert_int_equal(store_where(st, 1).line, 5);
	assert_string_equal(store_where(st, 1).file, "t.csv");
	name = store_name(st, 0);
	assert_string_equal(name, "Kirsi Pimiä");
	free(name);
	store_close(st);
}

static void
test_short_rows_and_no_final_newline(void **state)
{
	struct store *st;

	(void)state;
	assert_int_equal(OPEN(&st, "given_name,family_name,phone\nMaira,Mora"),
	    0);
	assert_int_equal(store_count(st), 1);
	assert_string_equal(store_field(st, 0, COL_FAMILY), "Mora");
	assert_string_equal(store_field(st, 0, COL_PHONE), "");
	store_close(st);
}

static void
test_bad_input_is_a_data_error(void **state)
{
	static const struct {
		const char *csv;
		size_t len;
		const char *error;
	} bad[] = {
#define BAD(lit, err) { lit, sizeof(lit) - 1, err }
		BAD("given_name,family_name\n\"Maira,Mora\n",
		    "t.csv:2: unterminated quoted field"),
		BAD("given_name,family_name\nA,B,C\n",
		    "t.csv:2: 3 fields, but the header has 2"),
		BAD("given_name,family_name\nPimi\xe4,K\n",
		    "t.csv:2:5: invalid UTF-8"),
		BAD("given_name,family_name\nA\0,B\n", "t.csv:2:2: NUL byte"),
		BAD("", "t.csv:1: missing header: the file is empty"),
		BAD("Maira,Mora\n", "t.csv:1: missing header: no given_name "
		    "or family_name column"),
		BAD("given_name,family_name\n,\n",
		    "t.csv:2: row has neither given_name nor family_name"),
		BAD("given_name,family_name,Given_Name\n",
		    "t.csv:1: column 'given_name' appears twice in the header"),
		BAD("given_name,family_name\nA\"b,C\n", "t.csv:2: malformed "
		    "quoting: a quote inside an unquoted field or after a "
		    "closing quote"),
#undef BAD
	};
	struct store *st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(open_mem(&st, bad[i].csv, bad[i].len, 0),
		    ST_DATA);
		assert_null(st);
		assert_int_equal(errs.n, 1);
		assert_string_equal(first_error(&errs), bad[i].error);
	}
}

static void
test_every_bad_row_is_listed(void **state)
{
	static const char csv[] = "id,given_name,family_name\n"
	    "1,Kirsi,Pimiä\n"
	    "2,A,B,C\n"
	    "3,Vuokko,Ranki\n"
	    "4,Pimi\xe4,X\n"
	    "5,,\n"
	    "6,Maira,\"Mo\"ra\n"
	    "7,Laura,Yli-Vakkuri\n";
	struct store *st;

	(void)state;
	/* Without STORE_ALL_ERRORS the first is enough. */
	assert_int_equal(open_mem(&st, csv, sizeof(csv) - 1, 0), ST_DATA);
	assert_int_equal(errs.n, 1);
	assert_int_equal(open_mem(&st, csv, sizeof(csv) - 1,
	    STORE_ALL_ERRORS), ST_DATA);
	assert_non_null(st);
	assert_int_equal(errs.n, 4);
	assert_int_equal(errs.v[0].line, 3);
	assert_string_equal(errs.v[0].msg, "4 fields, but the header has 3");
	assert_int_equal(errs.v[1].line, 5);
	assert_string_equal(errs.v[1].msg, "invalid UTF-8");
	assert_int_equal(errs.v[2].line, 6);
	assert_string_equal(errs.v[2].msg,
	    "row has neither given_name nor family_name");
	assert_int_equal(errs.v[3].line, 7);
	/* The sound rows are there, with their own lines. */
	assert_int_equal(store_count(st), 3);
	assert_string_equal(store_field(st, 1, COL_ID), "3");
	assert_string_equal(store_field(st, 2, COL_ID), "7");
	assert_int_equal(store_where(st, 2).line, 8);
	store_close(st);
}

static void
test_missing_file_is_a_system_error(void **state)
{
	struct store *st;

	(void)state;
	errors_release(&errs);
	assert_int_equal(store_open(&st, "/nonexistent/officials.csv", NULL, 0, NULL,
	    &errs), ST_SYSTEM);
	assert_string_equal(first_error(&errs), "cannot open "
	    "'/nonexistent/officials.csv': No such file or directory");
	errors_release(&errs);
	assert_int_equal(store_open(&st, "/", NULL, 0, NULL, &errs), ST_SYSTEM);
	assert_string_equal(first_error(&errs), "cannot read '/': Is a "
	    "directory");
}

static void
test_bundled_store(void **state)
{
	struct store *st;
	size_t i;

	(void)state;
	errors_release(&errs);
	assert_int_equal(store_open(&st, DATADIR "/officials.csv", NULL, 0, NULL,
	    &errs), 0);
	assert_int_equal(store_count(st), 7);
	for (i = 0; i < store_count(st); i++) {
		assert_string_equal(store_field(st, i, COL_SOURCE),
		    "Pressmeddelande 99/2017, 24.5.2017");
		/* The release gives no address; none is stored. */
		assert_string_equal(store_field(st, i, COL_EMAIL), "");
	}
	assert_string_equal(store_field(st, 0, COL_PHONE), "+358 50 344 2844");
	store_close(st);
}

/* Every cell of every row, as text, for comparing stores. */
static char *
dump(struct store *st, size_t skip)
{
	struct strbuf b = { 0 };
	const char *const *extra;
	size_t row, c, n = store_extra(st, &extra);

	strbuf_add(&b, "", 0);
	for (row = 0; row < store_count(st); row++) {
		if (row == skip)
			continue;
		for (c = 0; c < COL__COUNT; c++) {
			strbuf_add(&b, store_field(st, row, c),
			    strlen(store_field(st, row, c)));
			strbuf_add(&b, "|", 1);
		}
		for (c = 0; c < n; c++) {
			strbuf_add(&b, extra[c], strlen(extra[c]));
			strbuf_add(&b, "=", 1);
			strbuf_add(&b, store_get(st, row, extra[c]),
			    strlen(store_get(st, row, extra[c])));
			strbuf_add(&b, "|", 1);
		}
		strbuf_add(&b, "\n", 1);
	}
	return b.p;
}

static const char odd[] = "\xef\xbb\xbfroom,id,given_name,family_name,"
    "\"x,y\",organization,note,zeta\r\n"
    "A1,1,Kristina,Pingoud,\"a, b\",Utrikesministeriet,\"two\r\nlines\","
    "\"say \"\"hi\"\"\"\r\n"
    "\"B\n2\",2,Vuokko,Ranki,,UM,\"quoted for no reason\",\r\n"
    "\r\n"
    "C3,3,Anniina,Jokinen,\"\"\"\",CBSS sekretariat,, spaced \r\n"
    "D4,4,Maira,Mora,,CBSS sekretariat,last,z\r\n";

static void
test_an_edit_keeps_every_other_row(void **state)
{
	char *path = path_of("odd.csv"), *before, *after, *bytes;
	struct store *st;
	size_t len;

	(void)state;
	put(path, odd, sizeof(odd) - 1);
	errors_release(&errs);
	assert_int_equal(store_open(&st, path, NULL, 0, NULL, &errs), 0);
	before = dump(st, 1);
	store_close(st);

	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	store_set(st, 1, "organization", "Ulkoministeriö, \"UM\"");
	store_set(st, 1, "x,y", "new");
	assert_int_equal(store_save(st, &errs), 0);
	store_close(st);

	assert_int_equal(store_open(&st, path, NULL, 0, NULL, &errs), 0);
	after = dump(st, 1);
	assert_string_equal(after, before);
	assert_string_equal(store_field(st, 1, COL_ORG),
	    "Ulkoministeriö, \"UM\"");
	assert_string_equal(store_get(st, 1, "x,y"), "new");
	assert_string_equal(store_get(st, 1, "room"), "B\n2");
	assert_string_equal(store_field(st, 1, COL_NOTE),
	    "quoted for no reason");
	store_close(st);
	free(before);
	free(after);

	/* Untouched rows keep their very bytes; only the edited one is new. */
	bytes = slurp(path, &len);
	assert_string_equal(bytes, "\xef\xbb\xbfroom,id,given_name,"
	    "family_name,\"x,y\",organization,note,zeta\r\n"
	    "A1,1,Kristina,Pingoud,\"a, b\",Utrikesministeriet,\"two\r\n"
	    "lines\",\"say \"\"hi\"\"\"\r\n"
	    "\"B\n2\",2,Vuokko,Ranki,new,\"Ulkoministeriö, \"\"UM\"\"\",quoted "
	    "for no reason,\r\n"
	    "\r\n"
	    "C3,3,Anniina,Jokinen,\"\"\"\",CBSS sekretariat,, spaced \r\n"
	    "D4,4,Maira,Mora,,CBSS sekretariat,last,z\r\n");
	free(bytes);
	free(path);
}

static void
test_new_column_and_delete(void **state)
{
	char *path = path_of("cols.csv"), *bytes;
	struct store *st;
	size_t len, row;

	(void)state;
	put(path, odd, sizeof(odd) - 1);
	errors_release(&errs);
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	row = 0;
	store_delete(st, &row, 1);
	row = store_append(st);
	store_set(st, row, "given_name", "Kirsi");
	store_set(st, row, "family_name", "Pimiä");
	store_set(st, row, "mobile", "+358 40 123 4567");
	assert_int_equal(store_save(st, &errs), 0);
	store_close(st);

	bytes = slurp(path, &len);
	assert_string_equal(bytes, "\xef\xbb\xbfroom,id,given_name,"
	    "family_name,\"x,y\",organization,note,zeta,mobile\r\n"
	    "\"B\n2\",2,Vuokko,Ranki,,UM,\"quoted for no reason\",,\r\n"
	    "\r\n"
	    "C3,3,Anniina,Jokinen,\"\"\"\",CBSS sekretariat,, spaced ,\r\n"
	    "D4,4,Maira,Mora,,CBSS sekretariat,last,z,\r\n"
	    ",,Kirsi,Pimiä,,,,,+358 40 123 4567\r\n");
	free(bytes);
	free(path);
}

static void
test_ids_are_never_reused(void **state)
{
	char *path = path_of("ids.csv"), *lastid = path_of("ids.csv.lastid");
	char *id, *bytes;
	struct store *st;
	size_t row, len;

	(void)state;
	put(path, "id,given_name\n1,A\n7,B\nx9,C\n", 26);
	errors_release(&errs);
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	row = store_append(st);
	id = store_new_id(st);
	assert_string_equal(id, "8");
	store_set(st, row, "id", id);
	store_set(st, row, "given_name", "D");
	free(id);
	assert_int_equal(store_save(st, &errs), 0);
	store_close(st);
	bytes = slurp(lastid, &len);
	assert_string_equal(bytes, "8\n");
	free(bytes);

	/* The highest row removed, then the file edited by hand: 8 stays given. */
	put(path, "id,given_name\n1,A\n7,B\n", 22);
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	id = store_new_id(st);
	assert_string_equal(id, "9");
	free(id);
	store_close(st);

	/* A bad record of the highest id is an error, not a guess. */
	put(lastid, "nine\n", 5);
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs),
	    ST_DATA);
	assert_null(st);
	free(path);
	free(lastid);
}

static void
test_first_write_creates(void **state)
{
	char *path = path_of("sub/dir/officials.csv"), *bytes;
	struct store *st;
	size_t len;
	struct stat sb;

	(void)state;
	errors_release(&errs);
	assert_int_equal(store_open(&st, path, DATADIR "/officials.csv",
	    STORE_WRITE, NULL, &errs), 0);
	assert_true(store_is_new(st));
	assert_int_equal(store_count(st), 7);
	/* Nothing is written until something changes. */
	assert_int_equal(store_save(st, &errs), 0);
	assert_int_not_equal(stat(path, &sb), 0);
	store_set(st, 6, "note", "changed");
	assert_int_equal(store_save(st, &errs), 0);
	store_close(st);
	bytes = slurp(path, &len);
	assert_non_null(strstr(bytes, "7,Kirsi,Pimiä,diskrimineringsombudsman,"
	    ",,,,,changed,\"Pressmeddelande 99/2017, 24.5.2017\"\n"));
	free(bytes);
	free(path);

	/* With no data to copy, a new store has the known columns. */
	path = path_of("fresh.csv");
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs), 0);
	assert_true(store_is_new(st));
	assert_int_equal(store_count(st), 0);
	store_set(st, store_append(st), "family_name", "Mora");
	assert_int_equal(store_save(st, &errs), 0);
	store_close(st);
	bytes = slurp(path, &len);
	assert_string_equal(bytes, "id,given_name,family_name,title,"
	    "organization,unit,phone,mobile,email,note,source\n"
	    ",,Mora,,,,,,,,\n");
	free(bytes);
	free(path);
}

static void
test_read_only_store_is_refused(void **state)
{
	char *path = path_of("ro.csv");
	struct store *st;

	(void)state;
	put(path, "id,given_name\n1,A\n", 18);
	assert_int_equal(chmod(path, 0444), 0);
	errors_release(&errs);
	assert_int_equal(store_open(&st, path, NULL, STORE_WRITE, NULL, &errs),
	    ST_SYSTEM);
	assert_null(st);
	assert_non_null(strstr(first_error(&errs), "cannot write '"));
	assert_non_null(strstr(first_error(&errs), "': Permission denied"));
	free(path);
}

/*
 * A column no attribute of a directory stands for is kept as
 * contactsColumn NAME=VALUE, '=' and '\\' in NAME escaped: each value
 * as written, and read back.
 */
static void
test_directory_column_values(void **state)
{
	static const struct {
		const char *name, *value, *pair;
	} t[] = {
		{ "room", "A1", "room=A1" },
		{ "room", "", "room=" },
		{ "room", "x=y", "room=x=y" },
		{ "a=b", "1", "a\\=b=1" },
		{ "c\\d", "z\\w", "c\\\\d=z\\w" },
		{ "=", "=", "\\===" },
		{ "\\", "", "\\\\=" },
		{ "rum ä", "växel", "rum ä=växel" },
	};
	static const char *const bad[] = { "", "room", "=x", "a\\=b",
	    "\\" };
	/* Names written before they were escaped: another '\\' is kept. */
	static const struct {
		const char *pair, *name, *value;
	} old[] = {
		{ "a\\b=v", "a\\b", "v" },
		{ "a\\=b=v", "a=b", "v" },
		{ "x\\", NULL, NULL },
	};
	char *pair, *value;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		pair = ldap_column_pair(t[i].name, t[i].value);
		assert_string_equal(pair, t[i].pair);
		value = ldap_column_split(pair);
		assert_non_null(value);
		assert_string_equal(pair, t[i].name);
		assert_string_equal(value, t[i].value);
		free(pair);
	}
	/* No '=' outside the name, or no name: no column. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pair = xstrdup(bad[i]);
		assert_null(ldap_column_split(pair));
		free(pair);
	}
	for (i = 0; i < sizeof(old) / sizeof(old[0]); i++) {
		pair = xstrdup(old[i].pair);
		value = ldap_column_split(pair);
		if (old[i].name == NULL) {
			assert_null(value);
		} else {
			assert_non_null(value);
			assert_string_equal(pair, old[i].name);
			assert_string_equal(value, old[i].value);
		}
		free(pair);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_by_name_in_any_order),
		cmocka_unit_test(test_bom_crlf_and_quoted_newlines),
		cmocka_unit_test(test_short_rows_and_no_final_newline),
		cmocka_unit_test(test_bad_input_is_a_data_error),
		cmocka_unit_test(test_every_bad_row_is_listed),
		cmocka_unit_test(test_missing_file_is_a_system_error),
		cmocka_unit_test(test_bundled_store),
		cmocka_unit_test(test_an_edit_keeps_every_other_row),
		cmocka_unit_test(test_new_column_and_delete),
		cmocka_unit_test(test_ids_are_never_reused),
		cmocka_unit_test(test_first_write_creates),
		cmocka_unit_test(test_read_only_store_is_refused),
		cmocka_unit_test(test_directory_column_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
