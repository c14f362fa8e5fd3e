#!/usr/bin/env bats
# import.bats: officials from CSV and vCard files, each added once, through the
# same safe write as add.
load helper

setup_file() {
	export VC="$BATS_TEST_DIRNAME/../fixtures/vcard"
}

STORE_COPY() {
	S="$BATS_TEST_TMPDIR/s.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
}

@test "import of CSV: new officials added, present ones found, changes reported" {
	STORE_COPY
	printf 'family_name,given_name,organization,title,room\nNordmann,Kari,UM,rådgivare,A12\nPINGOUD,kristina,utrikesministeriet,ledande sakkunnig,\nRanki,Vuokko,UM,"senior assistent, Östersjö",B2\n' > "$BATS_TEST_TMPDIR/in.csv"
	cp "$S" "$BATS_TEST_TMPDIR/before.csv"
	contacts -f "$S" import --dry-run "$BATS_TEST_TMPDIR/in.csv"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "add	8	Kari Nordmann
same	1	Kristina Pingoud
differs	2	Vuokko Ranki	title: 'assistent' -> 'senior assistent, Östersjö'; room: '' -> 'B2'" ]
	[ "$stderr" = "contacts: import: 1 added, 0 updated, 1 present, 1 differ (--update applies them); a dry run: nothing written" ]
	cmp "$S" "$BATS_TEST_TMPDIR/before.csv"
	[ ! -e "$S.lastid" ]

	contacts -f "$S" import "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "add	8	Kari Nordmann" ]
	[ "$stderr" = "contacts: import: 1 added, 0 updated, 1 present, 1 differ (--update applies them)" ]
	[ "$(tail -n 1 "$S")" = "8,Kari,Nordmann,rådgivare,UM,,,,,,,A12" ]
	grep -q '^2,Vuokko,Ranki,assistent,' "$S"

	# Imported again: nothing is added twice.
	contacts -f "$S" import --update "$BATS_TEST_TMPDIR/in.csv"
	[ "$output" = "same	8	Kari Nordmann
same	1	Kristina Pingoud
update	2	Vuokko Ranki	title: 'assistent' -> 'senior assistent, Östersjö'; room: '' -> 'B2'" ]
	grep -q '^2,Vuokko,Ranki,"senior assistent, Östersjö",UM,.*,B2$' "$S"
	[ "$(wc -l < "$S")" -eq 9 ]
	contacts -f "$S" check
	[ "$status" -eq 0 ]
}

@test "a CSV naming a column twice is refused, not half read" {
	STORE_COPY
	printf 'given_name,family_name,x,x\nC,D,first,second\n' > "$BATS_TEST_TMPDIR/in.csv"
	contacts -f "$S" import "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/in.csv:1: column 'x' appears twice in the header" ]
}

@test "import from standard input, and a format given" {
	STORE_COPY
	run --separate-stderr bash -c 'printf "given_name,family_name\nLiisa,Laine\n" | "$0" -f "$1" import -' "$CONTACTS" "$S"
	[ "$status" -eq 0 ]
	[ "$output" = "add	8	Liisa Laine" ]
	contacts -f "$S" import --format yaml -
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: import: unknown format 'yaml' (known: csv, vcard, ldif, text)" ]
	contacts -f "$S" import
	[ "$status" -eq 2 ]
}

@test "a bad input file changes nothing and names FILE:LINE, every one" {
	STORE_COPY
	sum=$(cksum < "$S")
	printf 'given_name,family_name\nLiisa,Laine\n' > "$BATS_TEST_TMPDIR/good.csv"
	printf 'given_name,family_name\nA,B,C\nOk,Row\n,\n' > "$BATS_TEST_TMPDIR/bad.csv"
	contacts -f "$S" import "$BATS_TEST_TMPDIR/good.csv" "$BATS_TEST_TMPDIR/bad.csv"
	show
	[ "$status" -eq 5 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/bad.csv:2: 3 fields, but the header has 2
contacts: $BATS_TEST_TMPDIR/bad.csv:4: row has neither given_name nor family_name" ]
	[ "$(cksum < "$S")" = "$sum" ]
	contacts -f "$S" import "$BATS_TEST_TMPDIR/missing.csv"
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot read '$BATS_TEST_TMPDIR/missing.csv': No such file or directory" ]
	[ "$(cksum < "$S")" = "$sum" ]
}

# The store's rows as the .expected files have them: given, family, title,
# organization, unit, phone, mobile, email, note (newlines as \n).
as_expected() {
	"$CONTACTS" -f "$1" list --tsv | tail -n +2 | cut -f2-6,9,11
}

@test "vCard exports of Thunderbird, Apple Contacts, khard, Evolution and Outlook import whole" {
	for f in thunderbird apple khard evolution outlook; do
		S="$BATS_TEST_TMPDIR/$f.csv"
		contacts -f "$S" import "$VC/$f.vcf"
		echo "$f: status $status"
		[ "$status" -eq 0 ]
		n=$(wc -l < "$VC/$f.expected")
		[ "${#lines[@]}" -eq "$n" ]
		[ "$(printf '%s\n' "$output" | cut -f1 | sort -u)" = "add" ]
		# Warnings name the file and line of what the store has no room for.
		[ "$stderr" = "$( { sed "s|^|contacts: $VC/$f.vcf:|" "$VC/$f.warnings"
			echo "contacts: created '$S'"
			echo "contacts: import: $n added, 0 updated, 0 present, 0 differ"; } | grep .)" ]
		diff <(as_expected "$S") <(cut -f1-5,8,9 "$VC/$f.expected")
		# Numbers are kept as written.
		cut -f6,7 "$VC/$f.expected" | tr '\t' '\n' | grep . | while IFS= read -r num; do
			grep -qF -- "$num" "$S"
		done
		# A second import finds every one present.
		contacts -f "$S" import "$VC/$f.vcf"
		[ "$(printf '%s\n' "$output" | cut -f1 | sort -u)" = "same" ]
	done
}

@test "a bad vCard file changes nothing and lists every error with its line" {
	S="$BATS_TEST_TMPDIR/s.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
	sum=$(cksum < "$S")
	for f in bad-three bad-unterminated bad-noname bad-utf8; do
		contacts -f "$S" import "$VC/thunderbird.vcf" "$VC/$f.vcf"
		echo "$f: status $status"
		[ "$status" -eq 5 ]
		[ "$output" = "" ]
		[ "$stderr" = "$(sed "s|^|contacts: $VC/$f.vcf:|" "$VC/$f.errors")" ]
		[ "$(cksum < "$S")" = "$sum" ]
	done
	# Told apart by content, or read as the format given.
	contacts -f "$S" import --format csv "$VC/khard.vcf"
	[ "$status" -eq 5 ]
}

@test "import of LDIF: folded lines, base64 values, cn alone; refused changes" {
	S="$BATS_TEST_TMPDIR/s.csv"
	printf 'id,given_name,family_name,title,organization,unit,phone,mobile,email,note,source\n' > "$S"
	contacts -f "$S" import "$FIX/ldif/people.ldif"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "add	1	Vuokko Ranki
add	2	Kirsi Pimiä" ]
	contacts -f "$S" lookup --json Ranki
	[ "$output" = '{"id":"1","given_name":"Vuokko","family_name":"Ranki","title":"assistent","organization":"UM","unit":"Östersjöteamet","note":"ytterligare information (praktiska arrangemang)","source":"","email":"vuokko.ranki@formin.fi","email_source":"stored","email_error":null,"email_collision":false,"phones":[{"field":"phone","raw":"+358 50 324 8366","e164":"+358503248366","display":"+358 50 324 8366","ext":null,"error":null}],"extra":{"room":"B2"}}' ]
	contacts -f "$S" lookup --json Pimiä
	[[ "$output" == '{"id":"2","given_name":"Kirsi","family_name":"Pimiä","title":"diskrimineringsombudsman",'* ]]
	# An export in LDIF reads back as the same officials.
	B="$BATS_TEST_TMPDIR/b.csv"
	printf 'id,given_name,family_name\n' > "$B"
	"$CONTACTS" -f "$BATS_TEST_DIRNAME/../../data/officials.csv" export --format ldif > "$BATS_TEST_TMPDIR/all.ldif"
	contacts -f "$B" import "$BATS_TEST_TMPDIR/all.ldif"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 7 ]
	contacts -f "$B" export --format csv --fields given_name,family_name,title,organization,unit,note
	[ "$output" = "$("$CONTACTS" -f "$BATS_TEST_DIRNAME/../../data/officials.csv" export --format csv --fields given_name,family_name,title,organization,unit,note)" ]
	# What is not an entry to add is refused, and nothing is added.
	printf 'dn: uid=1,dc=x\nchangetype: delete\n' > "$BATS_TEST_TMPDIR/del.ldif"
	contacts -f "$S" import "$BATS_TEST_TMPDIR/del.ldif"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/del.ldif:2: changetype 'delete': only entries to add are read" ]
	printf 'dn: uid=1,dc=x\nsn:: /w==\n' > "$BATS_TEST_TMPDIR/bad.ldif"
	contacts -f "$S" import --format ldif "$BATS_TEST_TMPDIR/bad.ldif"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/bad.ldif:2: the base64 value of 'sn' is not UTF-8 text" ]
	[ "$(wc -l < "$S")" -eq 3 ]
}
