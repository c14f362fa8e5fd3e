/* test_index.c: the index answers as the whole store does, and is never stale. */
#include "unit.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(cond) assert_true(cond)
#include "index_check.h"

BUNDLED_RULES_GROUP

/* A temporary directory, and a file in it holding text. */
static char *
tmpdir(void)
{
	char *d = xstrdup("/tmp/test-index-XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static char *
put(const char *dir, const char *name, const char *text, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return p;
}

static void
rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static const char head[] = "id,given_name,family_name,title,organization,"
    "unit,phone,mobile,email,note,source\n";

/* Stores the index must read exactly as the whole-file path does. */
static void
test_agrees_on_odd_csv(void **state)
{
	static const char *const cases[] = {
		"\r\n\nid,given_name,family_name,organization,phone\r\n\r\n"
		"1,Vuokko,Ranki,UM,09 1605 5555\r\n",
		"\xef\xbb\xbf" "id,given_name,family_name\n\n\n1,Anna,Berg\n",
		"id,given_name,family_name,note\n1,Anna,Berg,\"two\nlines, "
		"\"\"quoted\"\"\"\n2,\"Bo\",\"\"\n3,,Ek,\"\"\n",
		"id,given_name,family_name,organization\n"
		"1,Anna,Virtanen,UM\n2,Anna,Virtanen,Ulkoministeriö\n"
		"3,ANNA,VIRTANEN,\n4,Anna,Virtanen,Other\n",
		"id,given_name,family_name\n1,Anna,Berg",
		"id,given_name,family_name\n1,Anna\n2,,Berg\n",
		"given_name,family_name,extra,other\nÅsa,Öberg-Lind,x,y\n"
		"Jean-Luc,d'Artois,,\nMarja-Liisa,Pimiä\tKoski,,\n"
		"Åsa,Berg\vEk,,\n",
		"given_name,family_name\nA\xe2\x80\x93" "B,C\xc2\xa0" "D\n"
		"\xc7\x86uro,\xef\xac\x81n\n",
		"given_name,family_name,phone,mobile\nA,B,+358 (0)9 1605 5555 "
		"ankn. 123,０５０ ３４４ ２８４４\nC,D,00358 50 3442844,"
		"358 50 3442844\n",
		"id,given_name,family_name,email\n1,A,B,X@Example.ORG\n"
		"2,C,D,x@example.org\n3,E,F,not an address\n",
	};
	char *dir = tmpdir(), *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = put(dir, "s.csv", cases[i], strlen(cases[i]));
		if (index_agrees(p, &rules, NULL) != 1)
			fail_msg("case %zu was not indexed", i);
		free(p);
	}
	rmtree(dir);
	free(dir);
}

/* Stores the whole-file path refuses are never indexed. */
static void
test_refuses_what_the_store_refuses(void **state)
{
	static const char *const cases[] = {
		"id,given_name,family_name\n1,An\"na,Berg\n",
		"id,given_name,family_name\n1,\"Anna\"x,Berg\n",
		"id,given_name,family_name\n1,\"Anna,Berg\n",
		"id,given_name,family_name\n1,Anna,Berg,extra\n",
		"id,given_name,family_name\n1,,\n",
		"id,given_name,family_name\n1,An\xff" "na,Berg\n",
		"id,given_name,given_name\n1,Anna,Berg\n",
		"id,title\n1,x\n",
		"",
		"id,given_name,family_name\r1,Anna,Berg\r",
	};
	char *dir = tmpdir(), *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = put(dir, "s.csv", cases[i], strlen(cases[i]));
		if (index_agrees(p, &rules, NULL) != 0)
			fail_msg("case %zu was indexed", i);
		free(p);
	}
	p = put(dir, "nul.csv", "given_name\nA\0B\n", 15);
	assert_int_equal(index_agrees(p, &rules, NULL), 0);
	free(p);
	rmtree(dir);
	free(dir);
}

/* Every CSV fixture and the bundled store: agreement, or no index. */
static void
test_fixtures(void **state)
{
	const char *fix = DATADIR "/../tests/fixtures";
	DIR *d = opendir(fix);
	struct dirent *e;
	size_t n = 0;
	char *p;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strstr(e->d_name, ".csv") == NULL)
			continue;
		p = xasprintf("%s/%s", fix, e->d_name);
		n += index_agrees(p, &rules, NULL);
		free(p);
	}
	closedir(d);
	assert_true(n >= 2);
	assert_int_equal(index_agrees(DATADIR "/officials.csv", &rules, NULL),
	    1);
}

/* A generated store of a few thousand officials: namesakes, quoting. */
static void
test_generated_store(void **state)
{
	char *dir = tmpdir();
	char *cmd = xasprintf("perl '%s/../tests/bench/gen-store' 3000 7 > "
	    "'%s/g.csv'", DATADIR, dir);
	char *p = xasprintf("%s/g.csv", dir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	assert_int_equal(index_agrees(p, &rules, NULL), 1);
	free(cmd);
	free(p);
	rmtree(dir);
	free(dir);
}

static int
opened_from_disk(const char *path, const char *dir)
{
	struct index *ix;
	int read;

	assert_int_equal(index_open(&ix, path, &rules, dir), 0);
	read = !ix->built;
	index_close(ix);
	return read;
}

static char *
only_index(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *p = NULL;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".idx") != NULL) {
			assert_null(p);
			p = xasprintf("%s/%s", dir, e->d_name);
		}
	closedir(d);
	assert_non_null(p);
	return p;
}

/* Saved, reused, and made anew for any change of bytes, even hidden ones. */
static void
test_saved_and_never_stale(void **state)
{
	char *dir = tmpdir(), *cache = xasprintf("%s/cache/contacts", dir);
	char *p = NULL, *idx;
	char text[256];
	struct timespec ts[2];
	struct stat sb;
	struct index *ix;
	FILE *fp;
	int fd;

	(void)state;
	snprintf(text, sizeof(text), "%s1,Kristina,Pingoud,,UM,,,,,,\n"
	    "2,Vuokko,Ranki,,UM,,,,,,\n", head);
	p = put(dir, "s.csv", text, strlen(text));
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(opened_from_disk(p, cache), 1);
	assert_int_equal(index_agrees(p, &rules, cache), 1);

	/* The same size, the same times: only the bytes differ. */
	assert_int_equal(stat(p, &sb), 0);
	ts[0] = sb.st_atim;
	ts[1] = sb.st_mtim;
	assert_non_null(fp = fopen(p, "r+"));
	assert_int_equal(fseek(fp, (long)strlen(head) + 2, SEEK_SET), 0);
	assert_true(fputs("Kristine", fp) >= 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mtim.tv_nsec, ts[1].tv_nsec);
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(index_open(&ix, p, &rules, cache), 0);
	assert_int_equal(ix->built, 0);
	assert_int_equal(ix->mapped, 1);
	assert_string_equal(index_word(ix, ix->words[ix->row_words[0] + 0]),
	    "kristine");
	index_close(ix);

	/* A damaged index: a byte changed, then the file cut short. */
	idx = only_index(cache);
	assert_true((fd = open(idx, O_RDWR)) >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	assert_int_equal(pwrite(fd, "\x5a", 1, sb.st_size - 3), 1);
	assert_int_equal(close(fd), 0);
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(opened_from_disk(p, cache), 1);
	assert_int_equal(truncate(idx, 100), 0);
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(index_agrees(p, &rules, cache), 1);
	free(idx);
	free(p);
	free(cache);
	rmtree(dir);
	free(dir);
}

/* Other rules derive other addresses: the index follows the rules. */
static void
test_rules_are_part_of_the_key(void **state)
{
	static const char mine[] = "include bundled\norg other\n"
	    "\tmatch ^Other$\n\ttemplate {f}{last}\n\tdomain other.example\n";
	char *dir = tmpdir(), *cache = xasprintf("%s/c", dir), *p, *rp;
	char text[256];
	struct errors errs = { 0 };
	struct rules r2;
	struct index *ix;

	(void)state;
	snprintf(text, sizeof(text), "%s1,Anna,Berg,,Other,,,,,,\n"
	    "2,Arne,Berg,,Other,,,,,,\n", head);
	p = put(dir, "s.csv", text, strlen(text));
	rp = put(dir, "rules", mine, strlen(mine));
	assert_int_equal(index_open(&ix, p, &rules, cache), 0);
	assert_int_equal(ix->row_addr[0], 0);
	index_close(ix);
	rules_init(&r2);
	r2.bundled = DATADIR "/rules";
	assert_int_equal(rules_load(&r2, rp, &errs), 0);
	assert_int_equal(index_open(&ix, p, &r2, cache), 0);
	assert_int_equal(ix->built, 1);
	assert_string_equal(ix->addr + ix->row_addr[0], "aberg@other.example");
	assert_true(ix->row_flags[0] & INDEX_COLLISION);
	assert_true(ix->row_flags[1] & INDEX_COLLISION);
	index_close(ix);
	assert_int_equal(index_agrees(p, &r2, cache), 1);
	rules_release(&r2);
	free(p);
	free(rp);
	free(cache);
	rmtree(dir);
	free(dir);
}

/* A cache that cannot be written costs time, never an answer. */
static void
test_unwritable_cache(void **state)
{
	char *dir = tmpdir(), *p, *cache;
	char text[256];

	(void)state;
	snprintf(text, sizeof(text), "%s1,Anna,Berg,,UM,,,,,,\n", head);
	p = put(dir, "s.csv", text, strlen(text));
	/* Beneath a file: no one, root included, can make it a directory. */
	cache = xasprintf("%s/contacts", p);
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(opened_from_disk(p, cache), 0);
	assert_int_equal(index_agrees(p, &rules, cache), 1);
	free(cache);
	free(p);
	rmtree(dir);
	free(dir);
}

static void
test_prefix_and_needle(void **state)
{
	char *dir = tmpdir(), *p;
	char text[512], needle[8];
	struct index *ix;
	uint32_t lo, hi;

	(void)state;
	snprintf(text, sizeof(text), "%s1,Anna,Berg,,,,,,,,\n"
	    "2,Annika,Bergström,,,,,,,,\n3,Ann,Ek,,,,,,,,\n4,Bo,Anna,,,,,,,,\n",
	    head);
	p = put(dir, "s.csv", text, strlen(text));
	assert_int_equal(index_open(&ix, p, &rules, NULL), 0);
	index_prefix(ix, "ann", &lo, &hi);
	assert_int_equal(hi - lo, 3);
	assert_string_equal(index_word(ix, lo), "ann");
	assert_string_equal(index_word(ix, hi - 1), "annika");
	/* "anna" is in rows 0 and 3; each row once. */
	index_prefix(ix, "anna", &lo, &hi);
	assert_int_equal(hi - lo, 1);
	assert_int_equal(ix->word_rows[hi] - ix->word_rows[lo], 2);
	assert_int_equal(ix->rows[ix->word_rows[lo]], 0);
	assert_int_equal(ix->rows[ix->word_rows[lo] + 1], 3);
	index_prefix(ix, "zz", &lo, &hi);
	assert_int_equal(hi, lo);
	index_close(ix);
	assert_int_equal(index_needle("+35891605555", 3, needle,
	    sizeof(needle)), 6);
	assert_string_equal(needle, "605555");
	assert_int_equal(index_needle("+3581234", 3, needle, sizeof(needle)),
	    4);
	assert_string_equal(needle, "1234");
	free(p);
	rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_on_odd_csv),
		cmocka_unit_test(test_refuses_what_the_store_refuses),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_generated_store),
		cmocka_unit_test(test_saved_and_never_stale),
		cmocka_unit_test(test_rules_are_part_of_the_key),
		cmocka_unit_test(test_unwritable_cache),
		cmocka_unit_test(test_prefix_and_needle),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
