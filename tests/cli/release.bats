#!/usr/bin/env bats
# release.bats: officials read from the contact blocks of press releases
# (import --text), in Swedish, Finnish and English, through the safe write.
load helper

setup() {
	helper_setup
	R="$FIX/releases"
	HEAD=id,given_name,family_name,title,organization,unit,phone,mobile,email,note,source
	E="$BATS_TEST_TMPDIR/empty.csv"
	printf '%s\n' "$HEAD" > "$E"
}

# CSV on stdin written again with quotes only where needed, as the store
# writes it: the expected files are written that way.
norm() {
	python3 -c 'import csv, sys
csv.writer(sys.stdout, lineterminator="\n").writerows(csv.reader(sys.stdin))'
}

@test "the seed release gives its three contacts, as the bundled rows have them" {
	contacts -f "$E" import --text --dry-run "$R/sv-99-2017-seed.txt"
	show
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | norm)" = "$(head -n 4 "$BATS_TEST_DIRNAME/../../data/officials.csv" | norm)" ]
	[ "$stderr" = "contacts: import: 3 added, 0 updated, 0 present, 0 differ; a dry run: nothing written" ]
	# A dry run writes nothing.
	[ "$(cat "$E")" = "$HEAD" ]

	contacts -f "$E" import --text "$R/sv-99-2017-seed.txt"
	[ "$status" -eq 0 ]
	[ "$output" = "add	1	Kristina Pingoud
add	2	Vuokko Ranki
add	3	Anniina Jokinen" ]
	contacts -f "$E" email "Vuokko Ranki"
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
	contacts -f "$E" email "Anniina Jokinen"
	[ "$status" -eq 4 ]
	contacts -f "$E" phone --format e164 Pingoud
	[ "$output" = "+358503442844" ]
	contacts -f "$E" check
	[ "$status" -eq 0 ]
}

@test "each release fixture gives the rows written beside it" {
	local n=0 f
	for f in "$R"/*.txt; do
		[ -e "${f%.txt}.csv" ] || continue
		grep -q , <(tail -n +2 "${f%.txt}.csv") || continue
		contacts -f "$E" import --text --dry-run "$f"
		[ "$status" -eq 0 ] || { echo "$f"; show; false; }
		diff -u "${f%.txt}.csv" <(printf '%s\n' "$output" | norm) || { echo "$f"; false; }
		n=$((n + 1))
	done
	[ "$n" -ge 7 ]
}

@test "the officials of every release, imported for real, check clean" {
	local f
	for f in "$R"/*.txt; do
		[ "$f" = "$R/sv-no-block.txt" ] && continue
		contacts -f "$E" import --text "$f"
		[ "$status" -eq 0 ] || { echo "$f"; show; false; }
	done
	[ "$(tail -n +2 "$E" | wc -l)" -eq 29 ]
	contacts -f "$E" check
	show
	[ "$status" -eq 0 ]
	contacts -f "$E" email "Anna-Maija von Wright"
	[ "$output" = "anna-maija.von-wright@formin.fi" ]
	contacts -f "$E" email "Heidi Yli-Kojola"
	[ "$output" = "heidi.yli-kojola@formin.fi" ]
}

@test "a release with no contact block: exit 1, nothing added, said why" {
	cp "$E" "$BATS_TEST_TMPDIR/before.csv"
	contacts -f "$E" import --text "$R/sv-no-block.txt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "contacts: $R/sv-no-block.txt: no contact block: no line opens with a header the rules' extract blocks name (such as 'Ytterligare information:')" ]
	cmp "$E" "$BATS_TEST_TMPDIR/before.csv"
	# With a good release beside it, still nothing.
	contacts -f "$E" import --text "$R/fi-paragraphs.txt" "$R/sv-no-block.txt"
	[ "$status" -eq 1 ]
	cmp "$E" "$BATS_TEST_TMPDIR/before.csv"
	# A header with no one after it.
	printf 'Tiedote 1/2020\n\nLisätietoja:\n\nhttps://um.fi\n' > "$BATS_TEST_TMPDIR/r.txt"
	contacts -f "$E" import --text "$BATS_TEST_TMPDIR/r.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r.txt:3: the contact block names no one" ]
}

@test "text that is not UTF-8, or not text: exit 5 naming the file and line" {
	printf 'Pressmeddelande 1/2020\nYtterligare information: Kristina Pingoud, tfn 050 344 2844, \xe4r h\xe4r\n' > "$BATS_TEST_TMPDIR/latin1.txt"
	cp "$E" "$BATS_TEST_TMPDIR/before.csv"
	contacts -f "$E" import --text "$BATS_TEST_TMPDIR/latin1.txt"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/latin1.txt:2: not UTF-8 text" ]
	printf 'Lisätietoja: Matti Virtanen\033[2J, puh. 0295 350 000\n' > "$BATS_TEST_TMPDIR/esc.txt"
	contacts -f "$E" import --text "$BATS_TEST_TMPDIR/esc.txt"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/esc.txt:1: a control character: not the text of a release" ]
	printf 'Lisätietoja: Matti Virtanen\0, puh. 0295 350 000\n' > "$BATS_TEST_TMPDIR/nul.txt"
	contacts -f "$E" import --text "$BATS_TEST_TMPDIR/nul.txt"
	[ "$status" -eq 5 ]
	cmp "$E" "$BATS_TEST_TMPDIR/before.csv"
	contacts -f "$E" import --text "$BATS_TEST_TMPDIR/missing.txt"
	[ "$status" -eq 6 ]
}

@test "an official already present is not added twice; a change is applied with --update" {
	S="$BATS_TEST_TMPDIR/s.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
	contacts -f "$S" import --text "$R/sv-99-2017-seed.txt"
	[ "$status" -eq 0 ]
	[ "$output" = "same	1	Kristina Pingoud
same	2	Vuokko Ranki
same	3	Anniina Jokinen" ]
	cmp "$S" "$BATS_TEST_DIRNAME/../../data/officials.csv"
	# A later release: a new number and title for one of them. (The seed
	# writes a no-break space inside the number.)
	sed 's/ledande sakkunnig, tfn +358 50.344 2844/konsultativ tjänsteman, tfn +358 295 350 123/' "$R/sv-99-2017-seed.txt" > "$BATS_TEST_TMPDIR/later.txt"
	grep -q konsultativ "$BATS_TEST_TMPDIR/later.txt"
	contacts -f "$S" import --text --dry-run "$BATS_TEST_TMPDIR/later.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | norm)" = "$HEAD" ]
	[[ "$stderr" == *"differs	1	Kristina Pingoud	title: 'ledande sakkunnig' -> 'konsultativ tjänsteman'; phone: '+358 50 344 2844' -> '+358 295 350 123'"* ]]
	contacts -f "$S" import --text "$BATS_TEST_TMPDIR/later.txt"
	[ "${lines[0]}" = "differs	1	Kristina Pingoud	title: 'ledande sakkunnig' -> 'konsultativ tjänsteman'; phone: '+358 50 344 2844' -> '+358 295 350 123'" ]
	[[ "$stderr" == *"1 differ (--update applies them)" ]]
	cmp "$S" "$BATS_TEST_DIRNAME/../../data/officials.csv"
	contacts -f "$S" import --text --update "$BATS_TEST_TMPDIR/later.txt"
	[ "${lines[0]}" = "update	1	Kristina Pingoud	title: 'ledande sakkunnig' -> 'konsultativ tjänsteman'; phone: '+358 50 344 2844' -> '+358 295 350 123'" ]
	grep -q '^1,Kristina,Pingoud,konsultativ tjänsteman,Utrikesministeriet,,+358 295 350 123,' "$S"
	[ "$(wc -l < "$S")" -eq 8 ]
}

@test "an address sentence no profile knows: the rule block is printed, or written with --rules-out" {
	sed -e 's/Utrikesministeriets e-postadresser har formen fornamn.efternamn@formin.fi/Statsrådets kanslis e-postadresser har formen fornamn.efternamn@vnk.fi/' \
	    -e 's/Kristina Pingoud, ledande sakkunnig, tfn/Kristina Pingoud, ledande sakkunnig, Statsrådets kansli, tfn/' \
	    "$R/sv-99-2017-seed.txt" > "$BATS_TEST_TMPDIR/vnk.txt"
	contacts -f "$E" import --text --dry-run "$BATS_TEST_TMPDIR/vnk.txt"
	show
	[ "$status" -eq 0 ]
	block="# $BATS_TEST_TMPDIR/vnk.txt, line 22: \"Statsrådets kanslis e-postadresser har formen fornamn.efternamn@vnk.fi\"
org statsradets-kansli
	match		^Statsrådets\\ kansli\$
	template	{first}.{last}
	domain		vnk.fi
	translit	fi
	region		FI"
	[ "${stderr%%$'\n'contacts: import: 3 added*}" = "contacts: import: no rule of the rules gives the addresses a release describes; to derive them, add to the rule file (see contacts-rules(5)):
$block" ]
	[[ "$(printf '%s\n' "$output" | norm)" == *'1,Kristina,Pingoud,ledande sakkunnig,Statsrådets kansli,,'* ]]
	# The rule file is never edited; --rules-out writes the block for review.
	contacts -f "$E" import --text --rules-out "$BATS_TEST_TMPDIR/new.rules" "$BATS_TEST_TMPDIR/vnk.txt"
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/new.rules")" = "$block" ]
	[[ "$stderr" == "contacts: import: wrote the rule block a release asks for to '$BATS_TEST_TMPDIR/new.rules'; add it to the rule file once reviewed"* ]]
	contacts -f "$E" email Pingoud
	[ "$status" -eq 4 ]
	# Reviewed and added, it gives the address.
	{ cat "$BATS_TEST_TMPDIR/new.rules"; echo "include bundled"; } > "$BATS_TEST_TMPDIR/rules"
	contacts -f "$E" -r "$BATS_TEST_TMPDIR/rules" email Pingoud
	[ "$status" -eq 0 ]
	[ "$output" = "kristina.pingoud@vnk.fi" ]
	# Once the rules know it, the block is not asked for again.
	contacts -f "$E" -r "$BATS_TEST_TMPDIR/rules" import --text --dry-run "$BATS_TEST_TMPDIR/vnk.txt"
	[[ "$stderr" != *"add to the rule file"* ]]
}

@test "the address sentence is read in Finnish and English too, and a profile that disagrees is said" {
	local lang sentence
	for lang in fi en; do
		case $lang in
		fi) sentence='Sisäministeriön sähköpostiosoitteet ovat muotoa etunimi.sukunimi@intermin.fi.'
		    text="Lisätietoja: Matti Virtanen, erityisasiantuntija, puh. 0295 488 000" ;;
		en) sentence='E-mail addresses at the Ministry of the Interior are in the format firstname.lastname@intermin.fi.'
		    text="Further information: Matti Virtanen, Senior Specialist, tel. +358 295 488 000" ;;
		esac
		printf '%s\n\n%s\n' "$text" "$sentence" > "$BATS_TEST_TMPDIR/$lang.txt"
		contacts -f "$E" import --text --dry-run "$BATS_TEST_TMPDIR/$lang.txt"
		show
		[ "$status" -eq 0 ]
		[[ "$stderr" == *"	template	{first}.{last}
	domain		intermin.fi"* ]]
	done
	[[ "$stderr" == *"org ministry-of-the-interior
	match		^Ministry\\ of\\ the\\ Interior\$"* ]]
	printf 'Further information: Matti Virtanen, tel. 0295 350 000\n\nE-mail addresses at the Ministry for Foreign Affairs are in the format firstname.lastname@um.fi.\n' > "$BATS_TEST_TMPDIR/other.txt"
	contacts -f "$E" import --text --dry-run "$BATS_TEST_TMPDIR/other.txt"
	[ "${stderr%%$'\n'*}" = "contacts: $BATS_TEST_TMPDIR/other.txt:3: the release writes addresses at 'Ministry for Foreign Affairs' as firstname.lastname@um.fi, but the rule 'formin' gives {first}.{last}@formin.fi" ]
	printf 'Further information: Matti Virtanen, tel. 0295 350 000\n\nE-mail addresses at the Ministry of Magic are in the format fname.lname@magic.fi.\n' > "$BATS_TEST_TMPDIR/odd.txt"
	contacts -f "$E" import --text --dry-run "$BATS_TEST_TMPDIR/odd.txt"
	[ "${stderr%%$'\n'*}" = "contacts: $BATS_TEST_TMPDIR/odd.txt:3: cannot read the address pattern 'fname.lname@magic.fi': a word of it is neither a given-word nor a family-word of the rules' extract blocks" ]
}

@test "import --text reads standard input, and refuses options that do not fit" {
	run --separate-stderr bash -c '"$0" -f "$1" import --text --dry-run - < "$2"' "$CONTACTS" "$E" "$R/fi-paragraphs.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	contacts -f "$E" import --text --format csv "$R/fi-paragraphs.txt"
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: import: --text and --format csv say two formats" ]
	contacts -f "$E" import --rules-out x.rules "$R/fi-paragraphs.txt"
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: import: --rules-out is for press releases (--text)" ]
	contacts -f "$E" import --format text --dry-run "$R/fi-paragraphs.txt"
	[ "$status" -eq 0 ]
	contacts -f "$E" import --text --dry-run --rules-out /nonexistent/dir/x "$R/sv-99-2017-seed.txt"
	[ "$status" -eq 0 ]
	[ "${stderr%%$'\n'*}" = "contacts: import: nothing written to '/nonexistent/dir/x': no release asks for a rule the rules lack" ]
	sed 's/@formin.fi/@vnk.fi/; s/Utrikesministeriets/Statsrådets kanslis/' "$R/sv-99-2017-seed.txt" > "$BATS_TEST_TMPDIR/v.txt"
	contacts -f "$E" import --text --rules-out /nonexistent/dir/x "$BATS_TEST_TMPDIR/v.txt"
	[ "$status" -eq 6 ]
	[[ "$stderr" == "contacts: import: cannot write '/nonexistent/dir/x': No such file or directory" ]]
	[ "$(cat "$E")" = "$HEAD" ]
}

@test "the layouts one at a time: joiners, titles first, paragraphs, labels, roles" {
	cat > "$BATS_TEST_TMPDIR/r.txt" <<-'EOF'
	Tiedote 7/2021
	1.2.2021

	Lisätietoja antavat lähetystöneuvos Anna-Maija af Hällström, puh. 0295 351 000 tai 040 123 4567, ja Jaakko Kivi, Itämeren ja Arktisen alueen yksikkö, gsm +358 50 765 4321 sekä Käytännön järjestelyt: Liisa Laine, p. 09 160 05

	Mari Nieminen
	tiedottaja, viestintäyksikkö
	puh. 0295 350 001
	mari.nieminen@example.fi

	Ulkoministeriön sähköpostiosoitteet ovat muotoa etunimi.sukunimi@formin.fi.
	EOF
	contacts -f "$E" import --text --dry-run "$BATS_TEST_TMPDIR/r.txt"
	show
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | norm)" = "$HEAD
1,Anna-Maija,af Hällström,lähetystöneuvos,Ulkoministeriö,,0295 351 000,040 123 4567,,lisätietoja,\"Tiedote 7/2021, 1.2.2021\"
2,Jaakko,Kivi,,Ulkoministeriö,Itämeren ja Arktisen alueen yksikkö,,+358 50 765 4321,,lisätietoja,\"Tiedote 7/2021, 1.2.2021\"
3,Liisa,Laine,,Ulkoministeriö,,09 160 05,,,lisätietoja (Käytännön järjestelyt),\"Tiedote 7/2021, 1.2.2021\"
4,Mari,Nieminen,tiedottaja,Ulkoministeriö,viestintäyksikkö,0295 350 001,,mari.nieminen@example.fi,lisätietoja,\"Tiedote 7/2021, 1.2.2021\"" ]
}
