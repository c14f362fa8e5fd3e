/* test_vcard.c: the vCard importer: lines, encodings, mapping, errors. */
#include "unit.h"

#include <stdio.h>

#include "entry.h"
#include "vcard.h"

#define FIXTURES DATADIR "/../tests/fixtures/vcard/"
#define S(lit) (lit), sizeof(lit) - 1
#define CARD(body) "BEGIN:VCARD\r\nVERSION:3.0\r\n" body "END:VCARD\r\n"
#define CARD21(body) "BEGIN:VCARD\r\nVERSION:2.1\r\n" body "END:VCARD\r\n"
#define CARD40(body) "BEGIN:VCARD\r\nVERSION:4.0\r\n" body "END:VCARD\r\n"
/* One line of a .expected file. */
#define ROW(g, f, t, o, u, p, m, e, n) \
	g "\t" f "\t" t "\t" o "\t" u "\t" p "\t" m "\t" e "\t" n "\n"
#define NAME(g, f) ROW(g, f, "", "", "", "", "", "", "")
#define DROP " not imported: the store keeps one phone, one mobile and " \
	"one email\n"

static const char *const columns[] = {
	"given_name", "family_name", "title", "organization", "unit", "phone",
	"mobile", "email", "note",
};
#define NCOL (sizeof(columns) / sizeof(columns[0]))

/* Entries the way the .expected files write them. Caller frees. */
static char *
render_entries(const struct entries *list)
{
	struct strbuf b = { 0 };
	const char *v;
	size_t i, j, c;
	int known;

	strbuf_add(&b, "", 0);
	for (i = 0; i < list->n; i++) {
		/* No column outside the nine, and none set to "". */
		for (j = 0; j < list->v[i].n; j++) {
			for (known = 0, c = 0; c < NCOL; c++)
				known |= !strcmp(list->v[i].name[j],
				    columns[c]);
			if (!known || list->v[i].value[j][0] == '\0')
				fail_msg("unexpected column '%s' = '%s'",
				    list->v[i].name[j], list->v[i].value[j]);
		}
		for (c = 0; c < NCOL; c++) {
			if (c > 0)
				strbuf_add(&b, "\t", 1);
			v = entry_get(&list->v[i], columns[c]);
			for (; v != NULL && *v != '\0'; v++) {
				if (*v == '\n')
					strbuf_add(&b, "\\n", 2);
				else
					strbuf_add(&b, v, 1);
			}
		}
		strbuf_add(&b, "\n", 1);
	}
	return b.p;
}

/* Records as "LINE: message" lines, after checking the file they name. */
static char *
render_errors(const struct errors *e, const char *file)
{
	struct strbuf b = { 0 };
	char *line;
	size_t i;

	strbuf_add(&b, "", 0);
	for (i = 0; i < e->n; i++) {
		assert_non_null(e->v[i].file);
		assert_string_equal(e->v[i].file, file);
		assert_int_equal(e->v[i].col, 0);
		line = xasprintf("%zu: %s\n", e->v[i].line, e->v[i].msg);
		strbuf_add(&b, line, strlen(line));
		free(line);
	}
	return b.p;
}

static void
same(const char *what, const char *name, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s: %s differ\n--- got\n%s--- want\n%s", name, what,
		    got, want);
}

struct good {
	const char *name;
	const char *in;
	size_t len;
	const char *rows;
	const char *warnings;
};

static const struct good goods[] = {
	{ "3.0, CRLF", S(CARD("N:Pimiä;Kirsi;;;\r\nFN:Kirsi Pimiä\r\n")),
	    NAME("Kirsi", "Pimiä"), "" },
	{ "BOM, LF, blank lines, lowercase, no final newline",
	    S("\xef\xbb\xbf\nBEGIN:VCARD\nN:Ranki;Vuokko\nEND:VCARD\n\n\r\n"
	    "  \nbegin:vcard\nn:Mora;Maira\nend:vcard"),
	    NAME("Vuokko", "Ranki") NAME("Maira", "Mora"), "" },
	{ "folded with a space and a tab",
	    S(CARD("N:Pimi\r\n ä;Kir\r\n\tsi;;;\r\n")),
	    NAME("Kirsi", "Pimiä"), "" },
	{ "fold inside a UTF-8 character",
	    S(CARD("N:Pimi\xc3\r\n \xa4;Kirsi;;;\r\n")),
	    NAME("Kirsi", "Pimiä"), "" },
	{ "fold inside the name and a parameter",
	    S(CARD("N:Pingoud;Kristina\r\nTE\r\n L;TYPE=ce\r\n ll:+358 50 "
	    "344 2844\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "+358 50 344 2844", "",
	    ""), "" },
	{ "groups",
	    S(CARD("N:Öberg;Karin\r\nitem1.TEL;type=WORK:08-405 10 00\r\n"
	    "item1.X-ABLabel:växel\r\nitem2.EMAIL;type=INTERNET:karin.oberg@"
	    "gov.se\r\n")),
	    ROW("Karin", "Öberg", "", "", "", "08-405 10 00", "",
	    "karin.oberg@gov.se", ""), "" },
	{ "quoted-printable soft break and CRLF",
	    S(CARD21("N:Pingoud;Kristina\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
	    "Yhteyshenkil=C3=B6 CBSS-konferenssiin=0D=0A=\r\nAssistentti: "
	    "Vuokko Ranki\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "",
	    "Yhteyshenkilö CBSS-konferenssiin\\nAssistentti: Vuokko Ranki"),
	    "" },
	{ "quoted-printable soft break before an indented line",
	    S(CARD21("N:Pingoud;Kristina\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
	    "ihmiskau=\r\n pan vastainen\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "",
	    "ihmiskaupan vastainen"), "" },
	{ "soft break inside a name, lowercase hex",
	    S(CARD21("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=c3=84ik=c3"
	    "=a4s-Hyv=\r\n=c3=a4rinen;Anna-Maija\r\n")),
	    NAME("Anna-Maija", "Äikäs-Hyvärinen"), "" },
	{ "bare QUOTED-PRINTABLE, =3D",
	    S(CARD21("N:Ranki;Vuokko\r\nNOTE;QUOTED-PRINTABLE:1+1=3D2\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "", "", "", "1+1=2"), "" },
	{ "a soft break does not swallow END:VCARD",
	    S(CARD21("N:Ranki;Vuokko\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
	    "viimeinen rivi=\r\n") CARD("N:Mora;Maira\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "", "", "", "viimeinen rivi")
	    NAME("Maira", "Mora"), "" },
	{ "charsets",
	    S(CARD21("N;CHARSET=ISO-8859-1:Pimi\xe4;Kirsi\r\n"
	    "ORG;CHARSET=ISO-8859-13:\xc2rlietu ministrija;Eiropas Savien"
	    "\xee" "bas departaments\r\nTITLE;CHARSET=Windows-1252;ENCODING="
	    "QUOTED-PRINTABLE:=8Aimkus =96 referentti\r\nNOTE;CHARSET=CP1252:"
	    "\x84lainaus\x93 5 \x80\r\n")),
	    ROW("Kirsi", "Pimiä", "Šimkus – referentti", "Ārlietu ministrija",
	    "Eiropas Savienības departaments", "", "", "", "„lainaus“ 5 €"),
	    "" },
	{ "CHARSET=utf-8 needs no conversion",
	    S(CARD21("FN;CHARSET=utf-8:Ilze Bērziņa\r\n")),
	    NAME("Ilze", "Bērziņa"), "" },
	{ "a charset on an unused property is not looked at",
	    S(CARD21("N:Ranki;Vuokko\r\nLABEL;CHARSET=X-UNKNOWN:\xff\r\n")),
	    NAME("Vuokko", "Ranki"), "" },
	{ "escapes",
	    S(CARD("N:Ranki;Vuokko\r\nNOTE:rivi 1\\nrivi 2\\Nrivi 3\\, "
	    "pilkku\\; puolipiste \\\\ kenoviiva\\: kaksoispiste \\t\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "", "", "",
	    "rivi 1\\nrivi 2\\nrivi 3, pilkku; puolipiste \\ kenoviiva: "
	    "kaksoispiste \\t"), "" },
	{ "N components, several names in one",
	    S(CARD("N:von Wright;Anna-Maija,Liisa;Helena;Dr.;PhD\r\n")),
	    NAME("Anna-Maija Liisa Helena", "von Wright"), "" },
	{ "N with escaped separators",
	    S(CARD("N:Richter\\, James\\;Doe;John;;;\r\n")),
	    NAME("John", "Richter, James;Doe"), "" },
	{ "N with additional names only",
	    S(CARD("N:Pimiä;;Kirsi;;\r\n")), NAME("Kirsi", "Pimiä"), "" },
	{ "ORG units",
	    S(CARD("N:Ranki;Vuokko\r\nORG:Ulkoministeriö;;Itämeren yksikkö;"
	    "Östersjöteamet\\, UM\r\n")),
	    ROW("Vuokko", "Ranki", "", "Ulkoministeriö",
	    "Itämeren yksikkö, Östersjöteamet, UM", "", "", "", ""), "" },
	{ "ORG without its first component",
	    S(CARD("N:Mora;Maira\r\nORG:;CBSS sekretariat\r\n")),
	    ROW("Maira", "Mora", "", "", "CBSS sekretariat", "", "", "", ""),
	    "" },
	{ "ORG with an escaped semicolon, TITLE with a bare comma",
	    S(CARD("N:Mora;Maira\r\nORG:CBSS\\; sekretariat;Stockholm\r\n"
	    "TITLE:generaldirektör, ambassadör\r\n")),
	    ROW("Maira", "Mora", "generaldirektör, ambassadör",
	    "CBSS; sekretariat", "Stockholm", "", "", "", ""), "" },
	{ "TYPE lists, repeated and quoted",
	    S(CARD("N:Jõgi;Mari\r\nTEL;TYPE=home,voice:+372 600 0001\r\n"
	    "TEL;TYPE=WORK;TYPE=VOICE:+372 637 7000\r\n"
	    "TEL;TYPE=\"cell,voice\":+372 5100 0001\r\n")),
	    ROW("Mari", "Jõgi", "", "", "", "+372 637 7000", "+372 5100 0001",
	    "", ""), "4: TEL '+372 600 0001'" DROP },
	{ "2.1 bare types",
	    S(CARD21("N:Pingoud;Kristina\r\nTEL;WORK;VOICE:+358 295 350 000"
	    "\r\nTEL;PAGER:+358 50 000 0002\r\nTEL;CELL:050 344 2844\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "+358 295 350 000",
	    "050 344 2844", "", ""), "5: TEL '+358 50 000 0002'" DROP },
	{ "type names in any case",
	    S(CARD("N:Pingoud;Kristina\r\nTEL;type=Cell:050 344 2844\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "050 344 2844", "", ""),
	    "" },
	{ "a home number when there is no other",
	    S(CARD("N:Ranki;Vuokko\r\nTEL;TYPE=fax:09 160 22030\r\n"
	    "TEL;TYPE=home:09 123 4567\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "09 123 4567", "", "", ""),
	    "4: TEL '09 160 22030'" DROP },
	{ "no home number when there is a work one",
	    S(CARD("N:Ranki;Vuokko\r\nTEL;TYPE=home:09 123 4567\r\n"
	    "TEL;TYPE=work:0295 350 000\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "0295 350 000", "", "", ""),
	    "4: TEL '09 123 4567'" DROP },
	{ "untyped and voice numbers are phones; the first is kept",
	    S(CARD("N:Ranki;Vuokko\r\nTEL:0295 350 000\r\n"
	    "TEL;TYPE=voice:0295 16001\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "0295 350 000", "", "", ""),
	    "5: TEL '0295 16001'" DROP },
	{ "a second mobile",
	    S(CARD("N:Ranki;Vuokko\r\nTEL;TYPE=cell:050 324 8366\r\n"
	    "TEL;TYPE=cell,pref:050 344 2844\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "", "050 324 8366", "", ""),
	    "5: TEL '050 344 2844'" DROP },
	{ "the same number twice loses nothing",
	    S(CARD("N:Ranki;Vuokko\r\nTEL;TYPE=work:0295 350 000\r\n"
	    "TEL;TYPE=pref:0295 350 000\r\nEMAIL:vuokko.ranki@formin.fi\r\n"
	    "EMAIL;TYPE=pref:Vuokko.Ranki@formin.fi\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "0295 350 000", "",
	    "Vuokko.Ranki@formin.fi", ""), "" },
	{ "EMAIL;PREF=1",
	    S(CARD40("N:Pingoud;Kristina;;;\r\nEMAIL:kirjaamo.um@formin.fi\r\n"
	    "EMAIL;PREF=1:kristina.pingoud@formin.fi\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "kristina.pingoud@"
	    "formin.fi", ""), "4: EMAIL 'kirjaamo.um@formin.fi'" DROP },
	{ "EMAIL;TYPE=pref",
	    S(CARD("N:Pingoud;Kristina;;;\r\nEMAIL;TYPE=internet:kirjaamo.um@"
	    "formin.fi\r\nEMAIL;TYPE=internet,pref:kristina.pingoud@formin.fi"
	    "\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "kristina.pingoud@"
	    "formin.fi", ""), "4: EMAIL 'kirjaamo.um@formin.fi'" DROP },
	{ "2.1 EMAIL;PREF",
	    S(CARD21("N:Pingoud;Kristina\r\nEMAIL;INTERNET:kirjaamo.um@formin."
	    "fi\r\nEMAIL;PREF;INTERNET:kristina.pingoud@formin.fi\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "kristina.pingoud@"
	    "formin.fi", ""), "4: EMAIL 'kirjaamo.um@formin.fi'" DROP },
	{ "the lowest PREF",
	    S(CARD40("N:Pingoud;Kristina;;;\r\nEMAIL;PREF=2:a@formin.fi\r\n"
	    "EMAIL;PREF=1:b@formin.fi\r\nEMAIL:c@formin.fi\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "b@formin.fi", ""),
	    "4: EMAIL 'a@formin.fi'" DROP "6: EMAIL 'c@formin.fi'" DROP },
	{ "the first EMAIL when none is preferred",
	    S(CARD("N:Pingoud;Kristina\r\nEMAIL:a@formin.fi\r\n"
	    "EMAIL:b@formin.fi\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "", "", "a@formin.fi", ""),
	    "5: EMAIL 'b@formin.fi'" DROP },
	{ "warnings in the order of the file",
	    S(CARD("N:Pingoud;Kristina\r\nEMAIL:a@formin.fi\r\n"
	    "TEL:0295 350 000\r\nEMAIL:b@formin.fi\r\nTEL:0295 16001\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "0295 350 000", "",
	    "a@formin.fi", ""),
	    "6: EMAIL 'b@formin.fi'" DROP "7: TEL '0295 16001'" DROP },
	{ "tel: and mailto: URIs",
	    S(CARD40("N:Pingoud;Kristina;;;\r\nTEL;VALUE=uri;TYPE=work:tel:"
	    "+358-9-160-01;ext=2844\r\nTEL;VALUE=uri;TYPE=\"cell,voice\":TEL:"
	    "+358-50-344-2844\r\nEMAIL:mailto:kristina.pingoud@formin.fi\r\n")),
	    ROW("Kristina", "Pingoud", "", "", "", "+358-9-160-01;ext=2844",
	    "+358-50-344-2844", "kristina.pingoud@formin.fi", ""), "" },
	{ "FN split when there is no N",
	    S(CARD40("FN:Anna-Maija von Wright\r\n")),
	    NAME("Anna-Maija", "von Wright"), "" },
	{ "FN split when N is empty",
	    S(CARD("N:;;;;\r\nFN:Laura Yli-Vakkuri\r\n")),
	    NAME("Laura", "Yli-Vakkuri"), "" },
	{ "a one-word FN is a family name",
	    S(CARD40("FN:Mora\r\n")), NAME("", "Mora"), "" },
	{ "N before FN",
	    S(CARD("N:Mora;;;;\r\nFN:Maira Mora\r\n")), NAME("", "Mora"), "" },
	{ "NFC",
	    S(CARD("N:Pimia\xcc\x88;Kirsi\r\nTITLE:diskriminering"
	    "sombudsman\r\n")),
	    ROW("Kirsi", "Pimiä", "diskrimineringsombudsman", "", "", "", "",
	    "", ""), "" },
	{ "blanks around values",
	    S(CARD("N: Pimiä ;\tKirsi ;;;\r\nTITLE:  diskriminerings"
	    "ombudsman \r\nNOTE:\\n\r\nTEL: \r\n")),
	    ROW("Kirsi", "Pimiä", "diskrimineringsombudsman", "", "", "", "",
	    "", ""), "" },
	{ "what the store has no column for",
	    S(CARD("N:Ranki;Vuokko\r\nADR;TYPE=work:;;Merikasarmi\\, "
	    "Laivastokatu 22;Helsinki;;00160;Suomi\r\nURL:https://um.fi\r\n"
	    "BDAY:1970-01-01\r\nUID:1b2c\r\nREV:20240101T000000Z\r\nPRODID:"
	    "-//x//EN\r\nX-ABLabel:työ\r\nCATEGORIES:CBSS,konferenssi\r\n"
	    "ROLE:puhuja\r\nNICKNAME:Vuokko\r\nPHOTO;ENCODING=b;TYPE=JPEG:\r\n"
	    " /9j/4AAQSkZJRgABAQAAAQABAAD\r\n /2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
	    "X-EVOLUTION-FILE-AS:Ranki\\, Vuokko\r\n")),
	    NAME("Vuokko", "Ranki"), "" },
	{ "2.1 base64 that runs on unindented to a blank line",
	    S(CARD21("N:Ranki;Vuokko\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/"
	    "4AAQSkZJRgABAQAAAQABAAD\r\nAAAQSkZJRgABAQAAAQABAAD/2w\r\n"
	    "BDAAgGBgcGBQgHBwcJCQgKDBQNDAsL==\r\n\r\nTEL;WORK:0295 350 000"
	    "\r\nLOGO;BASE64:\r\n  /9j/4AAQSkZJRgABAQAAAQABAAD\r\n")),
	    ROW("Vuokko", "Ranki", "", "", "", "0295 350 000", "", "", ""),
	    "" },
	{ "a file without cards", S("\r\n\r\n"), "", "" },
};

static void
test_good_cases(void **state)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	char *rows, *w, *e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		if (vcard_read("t.vcf", goods[i].in, goods[i].len, &out, &errs,
		    &warn) != 0) {
			e = render_errors(&errs, "t.vcf");
			fail_msg("%s: failed:\n%s", goods[i].name, e);
		}
		rows = render_entries(&out);
		w = render_errors(&warn, "t.vcf");
		same("entries", goods[i].name, rows, goods[i].rows);
		same("warnings", goods[i].name, w, goods[i].warnings);
		free(rows);
		free(w);
		entries_release(&out);
		errors_release(&warn);
	}
}

struct bad {
	const char *name;
	const char *in;
	size_t len;
	const char *errors;
};

static const struct bad bads[] = {
	{ "no END:VCARD", S("BEGIN:VCARD\r\nN:Ranki;Vuokko\r\n"),
	    "1: card begun here has no END:VCARD\n" },
	{ "BEGIN:VCARD inside a card",
	    S("BEGIN:VCARD\nN:Ranki;Vuokko\nBEGIN:VCARD\nN:Mora;Maira\n"
	    "END:VCARD\n"),
	    "1: card begun here has no END:VCARD\n" },
	{ "END:VCARD without BEGIN:VCARD",
	    S(CARD("N:Ranki;Vuokko\r\n") "END:VCARD\r\n"),
	    "5: END:VCARD without BEGIN:VCARD\n" },
	{ "no ':'",
	    S(CARD("N:Ranki;Vuokko\r\nNOTE puhelinnumero 050 324 8366\r\n")),
	    "4: content line without ':'\n" },
	{ "no property name",
	    S(CARD("N:Ranki;Vuokko\r\n;TYPE=work:0295 350 000\r\n")),
	    "4: content line without a property name\n" },
	{ "unterminated quote",
	    S(CARD("N:Ranki;Vuokko\r\nEMAIL;X-LABEL=\"työ:a@formin.fi\r\n")),
	    "4: unterminated quoted parameter value\n" },
	{ "invalid UTF-8 on a continuation line",
	    S(CARD("N:Ranki;Vuokko\r\nNOTE:ok\r\n ok\xff\r\n")),
	    "5: invalid UTF-8\n" },
	{ "invalid UTF-8 in a parameter",
	    S(CARD("N:Ranki;Vuokko\r\nTEL;X-LABEL=ty\xf6:0295 350 000\r\n")),
	    "4: invalid UTF-8\n" },
	{ "invalid UTF-8 in an unused property",
	    S(CARD("N:Ranki;Vuokko\r\nX-EVOLUTION-FILE-AS:Ranki\xe4\r\n")),
	    "4: invalid UTF-8\n" },
	{ "quoted-printable bytes that are not UTF-8",
	    S(CARD21("N:Ranki;Vuokko\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
	    "p=E4=E4sihteeri\r\n")),
	    "4: invalid UTF-8\n" },
	{ "a card whose error took its name is reported once",
	    S("BEGIN:VCARD\nN:Pimi\xe4;Kirsi\nEND:VCARD\n"),
	    "2: invalid UTF-8\n" },
	{ "NUL byte", S(CARD("N:Ranki;Vu\0okko\r\n")), "3: NUL byte\n" },
	{ "NUL byte outside a card", S("\0\n" CARD("N:Ranki;Vuokko\r\n")),
	    "1: NUL byte\n" },
	{ "NUL byte from quoted-printable",
	    S(CARD21("N:Ranki;Vuokko\r\nNOTE;QUOTED-PRINTABLE:a=00b\r\n")),
	    "4: NUL byte\n" },
	{ "unknown charset",
	    S(CARD21("N;CHARSET=X-KLINGON:Pimi\xe4;Kirsi\r\n")),
	    "3: unknown charset 'X-KLINGON'\n" },
	{ "bytes a charset does not have",
	    S(CARD21("N;CHARSET=Windows-1252:Pimi\x81;Kirsi\r\n")),
	    "3: text is not valid in charset 'Windows-1252'\n" },
	{ "bad quoted-printable",
	    S(CARD21("N;ENCODING=QUOTED-PRINTABLE:Pimi=G4;Kirsi\r\n"
	    "NOTE;ENCODING=QUOTED-PRINTABLE:abc=4\r\n")),
	    "3: bad quoted-printable sequence '=G4'\n"
	    "4: bad quoted-printable sequence '=4'\n" },
	{ "no name",
	    S("BEGIN:VCARD\nORG:Ulkoministeriö\nEND:VCARD\n"
	    "BEGIN:VCARD\nN:;;;;\nFN: \nEND:VCARD\n"),
	    "1: card has no name (N or FN)\n4: card has no name (N or FN)\n" },
	{ "text outside cards, once a run",
	    S("Hei!\nBEGIN:VCARD\nN:Ranki;Vuokko\nEND:VCARD\nmore\n"
	    "and more\n\nlast\n"),
	    "1: text outside BEGIN:VCARD and END:VCARD\n"
	    "5: text outside BEGIN:VCARD and END:VCARD\n"
	    "8: text outside BEGIN:VCARD and END:VCARD\n" },
	{ "every error of the file",
	    S("END:VCARD\n" CARD("N:Ranki;Vuokko\r\nNOTE\r\n")
	    "BEGIN:VCARD\nFN:\nEND:VCARD\nBEGIN:VCARD\n"),
	    "1: END:VCARD without BEGIN:VCARD\n"
	    "5: content line without ':'\n"
	    "7: card has no name (N or FN)\n"
	    "10: card begun here has no END:VCARD\n" },
};

static void
test_bad_cases(void **state)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	char *e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		if (vcard_read("t.vcf", bads[i].in, bads[i].len, &out, &errs,
		    &warn) != ST_DATA)
			fail_msg("%s: not ST_DATA", bads[i].name);
		e = render_errors(&errs, "t.vcf");
		same("errors", bads[i].name, e, bads[i].errors);
		free(e);
		assert_int_equal(out.n, 0);
		assert_null(out.v);
		assert_int_equal(warn.n, 0);
		errors_release(&errs);
	}
}

static void
test_entry_line_is_begin(void **state)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	static const char in[] = "\r\nBEGIN:VCARD\r\nN:Ranki;Vuokko\r\n"
	    "NOTE:a\r\n b\r\nEND:VCARD\r\n\r\n\r\nBEGIN:VCARD\r\nFN:Maira Mora"
	    "\r\nEND:VCARD\r\n";

	(void)state;
	assert_int_equal(vcard_read("x/officials.vcf", in, sizeof(in) - 1,
	    &out, &errs, &warn), 0);
	assert_int_equal(out.n, 2);
	assert_int_equal(out.v[0].line, 2);
	assert_int_equal(out.v[1].line, 9);
	assert_string_equal(out.v[1].file, "x/officials.vcf");
	entries_release(&out);
	/* An empty file, which a reader may hand over as NULL. */
	assert_int_equal(vcard_read("empty.vcf", NULL, 0, &out, &errs, &warn),
	    0);
	assert_int_equal(out.n, 0);
	assert_int_equal(errs.n, 0);
}

/* A failed read leaves what the caller had, pointer and all. */
static void
test_out_unchanged_after_error(void **state)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	struct entry *e, *v;
	static const char in[] = CARD("N:Ranki;Vuokko\r\nTEL:1\r\nTEL:2\r\n")
	    "BEGIN:VCARD\r\nN:Mora;Maira\r\n";

	(void)state;
	e = entries_add(&out, "earlier.csv", 7);
	entry_set(e, "given_name", "Kirsi");
	v = out.v;
	assert_int_equal(vcard_read("t.vcf", in, sizeof(in) - 1, &out, &errs,
	    &warn), ST_DATA);
	assert_int_equal(errs.n, 1);
	assert_ptr_equal(out.v, v);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.v[0].n, 1);
	assert_string_equal(entry_get(&out.v[0], "given_name"), "Kirsi");
	/* The good card's warning goes with it. */
	assert_int_equal(warn.n, 0);
	errors_release(&errs);
	entries_release(&out);
}

/* Errors of earlier files are not this file's; entries are appended. */
static void
test_appends_after_earlier_records(void **state)
{
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	static const char in[] = CARD("N:Ranki;Vuokko\r\nTEL:1\r\nTEL:2\r\n");

	(void)state;
	entries_add(&out, "earlier.csv", 7);
	errors_add(&errs, "earlier.csv", 3, 0, "earlier error");
	errors_add(&warn, "earlier.csv", 4, 0, "earlier warning");
	assert_int_equal(vcard_read("t.vcf", in, sizeof(in) - 1, &out, &errs,
	    &warn), 0);
	assert_int_equal(errs.n, 1);
	assert_int_equal(out.n, 2);
	assert_string_equal(out.v[0].file, "earlier.csv");
	assert_string_equal(entry_get(&out.v[1], "family_name"), "Ranki");
	assert_int_equal(warn.n, 2);
	assert_string_equal(warn.v[0].msg, "earlier warning");
	assert_int_equal(warn.v[1].line, 5);
	errors_release(&errs);
	errors_release(&warn);
	entries_release(&out);
}

static void
test_sniff(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		int want;
	} cases[] = {
		{ S("BEGIN:VCARD\r\nVERSION:3.0\r\n"), 1 },
		{ S("\xef\xbb\xbf\r\n \r\n\tbegin:vcard \r\n"), 0 },
		{ S("\xef\xbb\xbf\r\n\r\n  \nbegin:vcard \r\n"), 1 },
		{ S("BEGIN:VCARD"), 1 },
		{ S("BEGIN:VCALENDAR\r\n"), 0 },
		{ S("id,given_name,family_name\nBEGIN:VCARD\n"), 0 },
		{ S("BEGIN:VCARDS\n"), 0 },
		{ S(""), 0 },
		{ S("\r\n\r\n"), 0 },
		{ S("BEGIN:VC"), 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!vcard_sniff(cases[i].in, cases[i].len) != !cases[i].want)
			fail_msg("sniff case %zu: want %d", i, cases[i].want);
	assert_false(vcard_sniff(NULL, 0));
}

/* The file's bytes with a NUL after them; NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *buf;
	long n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static char *
fixture(const char *name, const char *ext, size_t *len)
{
	char *path = xasprintf("%s%s.%s", FIXTURES, name, ext);
	char *buf = slurp(path, len);

	if (buf == NULL)
		fail_msg("cannot read %s", path);
	free(path);
	return buf;
}

static void
test_fixtures_good(void **state)
{
	static const char *const names[] = {
		"thunderbird", "apple", "khard", "evolution", "outlook",
	};
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	char *in, *want_rows, *want_warn, *rows, *w;
	size_t i, len, n;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		in = fixture(names[i], "vcf", &len);
		want_rows = fixture(names[i], "expected", &n);
		want_warn = fixture(names[i], "warnings", &n);
		if (vcard_read(names[i], in, len, &out, &errs, &warn) != 0) {
			w = render_errors(&errs, names[i]);
			fail_msg("%s: failed:\n%s", names[i], w);
		}
		rows = render_entries(&out);
		w = render_errors(&warn, names[i]);
		same("entries", names[i], rows, want_rows);
		same("warnings", names[i], w, want_warn);
		assert_true(vcard_sniff(in, len));
		free(rows);
		free(w);
		free(in);
		free(want_rows);
		free(want_warn);
		entries_release(&out);
		errors_release(&warn);
	}
}

static void
test_fixtures_bad(void **state)
{
	static const char *const names[] = {
		"bad-unterminated", "bad-noname", "bad-utf8", "bad-three",
	};
	struct entries out = { 0 };
	struct errors errs = { 0 }, warn = { 0 };
	char *in, *want, *got;
	size_t i, len, n;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		in = fixture(names[i], "vcf", &len);
		want = fixture(names[i], "errors", &n);
		if (vcard_read(names[i], in, len, &out, &errs, &warn) !=
		    ST_DATA)
			fail_msg("%s: not ST_DATA", names[i]);
		got = render_errors(&errs, names[i]);
		same("errors", names[i], got, want);
		assert_int_equal(out.n, 0);
		assert_int_equal(warn.n, 0);
		free(got);
		free(in);
		free(want);
		errors_release(&errs);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_cases),
		cmocka_unit_test(test_bad_cases),
		cmocka_unit_test(test_entry_line_is_begin),
		cmocka_unit_test(test_out_unchanged_after_error),
		cmocka_unit_test(test_appends_after_earlier_records),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_fixtures_good),
		cmocka_unit_test(test_fixtures_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
