/* test_extract.c: contact blocks of press releases read by the bundled extract blocks. */
#include "unit.h"

#include "entry.h"
#include "extract.h"

BUNDLED_RULES_GROUP

static const char *const columns[] = {
	"given_name", "family_name", "title", "organization", "unit", "phone",
	"mobile", "email", "note", "source",
};

/*
 * The people extract_release() finds in text, a line each, columns
 * joined by '|'; the status in *rc. Static.
 */
static const char *
rows_of(const char *text, int *rc)
{
	static char buf[4096];
	struct entries in = { 0 };
	struct errors errs = { 0 };
	struct release rel;
	size_t i, j, n = 0;
	const char *v;

	release_init(&rel);
	*rc = extract_release(&rules, "r.txt", text, strlen(text), &in, &rel,
	    &errs);
	buf[0] = '\0';
	for (i = 0; i < in.n; i++)
		for (j = 0; j < sizeof(columns) / sizeof(*columns); j++) {
			v = entry_get(&in.v[i], columns[j]);
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
			    v != NULL ? v : "", j + 1 < sizeof(columns) /
			    sizeof(*columns) ? "|" : "\n");
			assert_true(n < sizeof(buf));
		}
	entries_release(&in);
	errors_release(&errs);
	release_clear(&rel);
	return buf;
}

/* Release text and the people it names: tests as data. */
static const struct {
	const char *text, *rows;
} cases[] = {
	/* The seed's own sentence, joined by och and samt. */
	{ "Pressmeddelande 99/2017\n24.5.2017\n\nYtterligare information: "
	  "Kristina Pingoud, ledande sakkunnig, tfn +358 50 344 2844 och "
	  "Vuokko Ranki, assistent vid Östersjöteamet, UM,  (praktiska "
	  "arrangemang), tfn +358 50 324 8366 samt Anniina Jokinen, "
	  "sakkunnig, CBSS sekretariat, tfn +46 702721347.\n\n"
	  "Utrikesministeriets e-postadresser har formen "
	  "fornamn.efternamn@formin.fi.\n",
	  "Kristina|Pingoud|ledande sakkunnig|Utrikesministeriet||+358 50 344 2844||"
	  "|ytterligare information|Pressmeddelande 99/2017, 24.5.2017\n"
	  "Vuokko|Ranki|assistent|UM|Östersjöteamet|+358 50 324 8366||"
	  "|ytterligare information (praktiska arrangemang)|Pressmeddelande 99/2017, 24.5.2017\n"
	  "Anniina|Jokinen|sakkunnig|CBSS sekretariat||+46 702721347||"
	  "|ytterligare information|Pressmeddelande 99/2017, 24.5.2017\n" },
	/* A no-break space inside a number is a space. */
	{ "Lisätietoja: Matti Virtanen, puh. 0295\xc2\xa0" "350 000\n",
	  "Matti|Virtanen||||0295 350 000|||lisätietoja|\n" },
	/* A joiner inside a unit's name is not between two people. */
	{ "Further information: Counsellor Pekka Lindroos, Unit for Eastern "
	  "Europe and Central Asia, tel. 0295 351 422\n",
	  "Pekka|Lindroos|Counsellor||Unit for Eastern Europe and Central Asia"
	  "|0295 351 422|||further information|\n" },
	/* Labels, a mobile range, and a third number in the note. */
	{ "Lisätietoja: Maija Mallikas, puh. 09 160 05, 040 123 4567, "
	  "vaihde 0295 16001\n",
	  "Maija|Mallikas||||09 160 05|040 123 4567||lisätietoja; 0295 16001|\n" },
	{ "Further information: Jan van der Berg, mobile 0295 350 000, "
	  "jan.vanderberg@norden.org.\n",
	  "Jan|van der Berg|||||0295 350 000|jan.vanderberg@norden.org|further information|\n" },
	/* A role before the person, and paragraphs that go on. */
	{ "Ytterligare information:\n\nPraktiska arrangemang: Carl af "
	  "Forselles, tfn 0295 350 000\n\nAnna-Maija von Wright\nbyråchef\n"
	  "mobil 040 123 4567\n\nMer om konferensen: https://um.fi\n",
	  "Carl|af Forselles||||0295 350 000|||ytterligare information (Praktiska arrangemang)|\n"
	  "Anna-Maija|von Wright|byråchef||||040 123 4567||ytterligare information|\n" },
	/* A number in parentheses after a name; a web address is no one. */
	{ "Lisätietoja: Matti Virtanen (puh. 0295 350 000)\nhttps://um.fi\n",
	  "Matti|Virtanen||||0295 350 000|||lisätietoja|\n" },
	/* A list with bullets, and the English address sentence's other form. */
	{ "For more information, please contact:\n"
	  "\xe2\x80\xa2 Director General Kirsi Pimiä, Department for Europe, "
	  "tel. +358 295 350 100\n- Press Officer Liisa Laine, mob. +358 40 "
	  "555 1234\n\nE-mail addresses of the Ministry for Foreign Affairs "
	  "are of the form firstname.lastname@formin.fi.\n",
	  "Kirsi|Pimiä|Director General|Ministry for Foreign Affairs|Department "
	  "for Europe|+358 295 350 100|||further information|\n"
	  "Liisa|Laine|Press Officer|Ministry for Foreign Affairs||"
	  "|+358 40 555 1234||further information|\n" },
	/* An area code in parentheses is part of the number. */
	{ "Lisätietoja: Matti Virtanen, puh. (09) 160 55 123\n",
	  "Matti|Virtanen||||(09) 160 55 123|||lisätietoja|\n" },
	/* A person before a joiner, an unclosed parenthesis, a title with
	 * a letter of two bytes first, punctuation alone, a BOM, a lone CR. */
	{ "Ytterligare information: Vuokko Ranki och Kalle Anka, tfn 050 "
	  "324 8366\n",
	  "Vuokko|Ranki|||||||ytterligare information|\n"
	  "Kalle|Anka||||050 324 8366|||ytterligare information|\n" },
	{ "Ytterligare information: Vuokko Ranki (tfn 050 324 8366\n",
	  "Vuokko|Ranki||||050 324 8366|||ytterligare information|\n" },
	{ "Ytterligare information: Kalle Anka, ämbetsman vid Östersjöteamet, "
	  "tfn 050 1234567, (, ..., :\n",
	  "Kalle|Anka|ämbetsman||Östersjöteamet|050 1234567|||ytterligare "
	  "information|\n" },
	{ "\xef\xbb\xbfLisätietoja: Matti Virtanen, puh. 0295 350 000\r"
	  "Liisa Laine, p. 09 123 456\n",
	  "Matti|Virtanen||||0295 350 000|||lisätietoja|\n"
	  "Liisa|Laine||||09 123 456|||lisätietoja|\n" },
	/* Two blocks, and one person named twice is two entries. */
	{ "Lisätietoja: Matti Virtanen, p. 0295 350 001\n\nBody text.\n\n"
	  "Further information: Matti Virtanen, tel. 0295 350 001\n",
	  "Matti|Virtanen||||0295 350 001|||lisätietoja|\n"
	  "Matti|Virtanen||||0295 350 001|||further information|\n" },
};

static void
test_layouts(void **state)
{
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *got = rows_of(cases[i].text, &rc);

		if (rc != 0 || strcmp(got, cases[i].rows) != 0)
			fail_msg("case %zu: status %d\n%s\nwanted\n%s", i, rc,
			    got, cases[i].rows);
	}
}

/* What is not a contact block, and what is not text. */
static void
test_refused(void **state)
{
	static const struct {
		const char *text;
		int rc;
		const char *error;
	} bad[] = {
		{ "Body text only.\n", ST_NOMATCH, "r.txt: no contact block: no "
		  "line opens with a header the rules' extract blocks name "
		  "(such as 'Ytterligare information:')" },
		/* A header must open a line. */
		{ "The ministry gives further information: Matti Virtanen, tel. "
		  "0295 1\n", ST_NOMATCH, "r.txt: no contact block: no line "
		  "opens with a header the rules' extract blocks name (such as "
		  "'Ytterligare information:')" },
		{ "Title\n\nLisätietoja:\n\nhttps://um.fi\n", ST_NOMATCH,
		  "r.txt:3: the contact block names no one" },
		{ "Lis\xe4tietoja: Matti Virtanen\n", ST_DATA,
		  "r.txt:1: not UTF-8 text" },
		{ "x\n\nLisätietoja: Matti\033[2J Virtanen\n", ST_DATA,
		  "r.txt:3: a control character: not the text of a release" },
		{ "Lisätietoja\xc2\x80: Matti Virtanen\n", ST_DATA,
		  "r.txt:1: a control character: not the text of a release" },
		/* A header is whole words. */
		{ "Ytterligare informationen: Matti Virtanen, tfn 0295 350 000\n",
		  ST_NOMATCH, "r.txt: no contact block: no line opens with a "
		  "header the rules' extract blocks name (such as 'Ytterligare "
		  "information:')" },
	};
	struct entries in = { 0 };
	struct errors errs = { 0 };
	struct release rel;
	struct strbuf big = { 0 };
	size_t i;

	(void)state;
	/* A block longer than any list of people, joiners and all. */
	strbuf_add(&big, "Lisätietoja: Matti Virtanen", 27);
	for (i = 0; i < 20000; i++)
		strbuf_add(&big, " ja Liisa Laine", 15);
	strbuf_add(&big, "\n", 1);
	release_init(&rel);
	assert_int_equal(extract_release(&rules, "r.txt", big.p, big.len, &in,
	    &rel, &errs), ST_DATA);
	assert_string_equal(first_error(&errs), "r.txt:1: a contact block "
	    "longer than 64 KiB: not a list of people");
	assert_int_equal(in.n, 0);
	free(big.p);
	errors_release(&errs);
	release_clear(&rel);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		release_init(&rel);
		assert_int_equal(extract_release(&rules, "r.txt", bad[i].text,
		    strlen(bad[i].text), &in, &rel, &errs), bad[i].rc);
		assert_int_equal(in.n, 0);
		assert_string_equal(first_error(&errs), bad[i].error);
		errors_release(&errs);
		release_clear(&rel);
	}
}

/* The sentence that says how addresses are written, and the rule it asks for. */
static void
test_sentence(void **state)
{
	static const char text[] = "Further information: Matti Virtanen, tel. "
	    "0295 1\n\nE-mail addresses at the Ministry (of) C++ #1 are in "
	    "the format firstname.lastname@Example.FI.\n";
	struct entries in = { 0 };
	struct errors errs = { 0 }, loaded = { 0 };
	struct release rel;
	static const char bad_domain[] = "Lisätietoja: Matti Virtanen\n\n"
	    "E-mail addresses at the Ministry are in the format "
	    "first.last@xn--zz.fi.\n";
	static const char odd[] = "Lisätietoja: Matti Virtanen\n\n"
	    "Ulkoministeriön sähköpostiosoitteet ovat muotoa "
	    "etunimi.s@formin.fi.\n";
	struct rules r;
	char *block, *with;

	(void)state;
	release_init(&rel);
	assert_int_equal(extract_release(&rules, "r.txt", text,
	    sizeof(text) - 1, &in, &rel, &errs), 0);
	assert_string_equal(rel.issuer, "Ministry (of) C++ #1");
	assert_string_equal(rel.template, "{first}.{last}");
	assert_string_equal(rel.domain, "Example.FI");
	assert_int_equal(rel.sentence_line, 3);
	assert_string_equal(entry_get(&in.v[0], "organization"),
	    "Ministry (of) C++ #1");
	block = extract_rule_block(&rules, &rel, "r.txt");
	assert_string_equal(block, "# r.txt, line 3: \"E-mail addresses at "
	    "the Ministry (of) C++ #1 are in the format "
	    "firstname.lastname@Example.FI\"\norg ministry-of-c-1\n"
	    "\tmatch\t\t^Ministry\\ \\(of\\)\\ C\\+\\+\\ \\x231$\n"
	    "\ttemplate\t{first}.{last}\n\tdomain\t\tExample.FI\n"
	    "\ttranslit\tfi\n\tregion\t\tFI\n");
	/* The block, with the bundled rules after it, gives the address. */
	rules_init(&r);
	r.bundled = DATADIR "/rules";
	with = xasprintf("%sinclude bundled\n", block);
	assert_int_equal(rules_load_mem(&r, "new.rules", with, &loaded), 0);
	free(with);
	assert_non_null(rules_org(&r, "Ministry (of) C++ #1", ""));
	assert_null(rules_org(&r, "Ministry (of) C++ #12", ""));
	rules_release(&r);
	free(block);
	release_clear(&rel);
	entries_release(&in);

	/* A domain that is not one asks for no rule. */
	release_init(&rel);
	assert_int_equal(extract_release(&rules, "r.txt", bad_domain,
	    sizeof(bad_domain) - 1, &in, &rel, &errs), 0);
	assert_string_equal(rel.domain, "xn--zz.fi");
	assert_null(extract_rule_block(&rules, &rel, "r.txt"));
	release_clear(&rel);
	entries_release(&in);

	/* A word of the address that is neither name is no template. */
	release_init(&rel);
	assert_int_equal(extract_release(&rules, "r.txt", odd, sizeof(odd) - 1,
	    &in, &rel, &errs), 0);
	assert_string_equal(rel.issuer, "Ulkoministeriö");
	assert_string_equal(rel.address, "etunimi.s@formin.fi");
	assert_null(rel.template);
	assert_null(extract_rule_block(&rules, &rel, "r.txt"));
	release_clear(&rel);
	entries_release(&in);
	errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_sentence),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
