#!/usr/bin/env bats
# terminal.bats: no control character or bidi override from the data reaches
# a terminal raw, whatever command prints it, checked byte by byte with od.
load helper

setup() {
	helper_setup
	command -v script >/dev/null
	S="$BATS_TEST_TMPDIR/s.csv"
	# Every field hostile: a title-setting OSC with BEL, screen clears, a
	# C1 CSI, backspaces, a bidi override and isolate, in the header too.
	printf 'id,given_name,family_name,title,organization,unit,phone,mobile,email,note,r\033[1mroom\n1,"Eve\033]0;pwn\007",Esc\033[2J,"t\xc2\x9b31m",Org\xe2\x80\xae,"u\x08\x08\xe2\x81\xa6",+358 50 \0331234,"+358\x0750 1",ev\033[2Je@x.org,n\033[31m,\033[5m\n2,Eve,Eve\xe2\x80\xaeOrg,,UM,,,,,,\n' > "$S"
}

# on_tty ARGS...: runs contacts on a pseudo-terminal, stdout and stderr both,
# into $BATS_TEST_TMPDIR/tty; no colour unless ARGS asks. The line is quoted
# for bash (printf %q writes $'...'), so script runs it with bash whatever
# $SHELL is: sh would pass $'\033' on as a dollar and letters.
on_tty() {
	local cmd=
	for a in "$CONTACTS" -f "$S" --color=never "$@"; do cmd+=" $(printf '%q' "$a")"; done
	TERM=xterm SHELL="$BASH" script -qc "$cmd" /dev/null < /dev/null > "$BATS_TEST_TMPDIR/tty" || true
	[ -s "$BATS_TEST_TMPDIR/tty" ] || { echo "nothing came out of: $*"; return 1; }
}

# raw_bytes [--controls-only]: prints the offset and bytes of each C0 control
# other than tab, CR and LF, DEL, C1 control, and (unless --controls-only)
# bidi embedding, override or isolate in the tty file, as od reads it.
raw_bytes() {
	od -An -tx1 -v -w1 "$BATS_TEST_TMPDIR/tty" | awk -v ctl="${1:-}" '
	{ b[n++] = $1 }
	END {
		for (i = 0; i < n; i++) {
			x = b[i]
			if ((x < "20" && x != "09" && x != "0a" && x != "0d") || x == "7f")
				print i ": " x
			else if (x == "c2" && b[i+1] >= "80" && b[i+1] <= "9f")
				print i ": c2 " b[i+1]
			else if (ctl == "" && x == "e2" && ((b[i+1] == "80" && b[i+2] >= "aa" && b[i+2] <= "ae") || (b[i+1] == "81" && b[i+2] >= "a6" && b[i+2] <= "a9")))
				print i ": e2 " b[i+1] " " b[i+2]
		}
	}'
}

@test "the check fails on raw bytes: the store itself, cat to the terminal" {
	TERM=xterm script -qc "cat $(printf '%q' "$S")" /dev/null < /dev/null > "$BATS_TEST_TMPDIR/tty"
	[ "$(raw_bytes | wc -l)" -ge 12 ]
	raw_bytes | grep -q ': 1b$'
	raw_bytes | grep -q ': 07$'
	raw_bytes | grep -q ': c2 9b$'
	raw_bytes | grep -q ': e2 80 ae$'
	raw_bytes | grep -q ': e2 81 a6$'
}

@test "every command and format meant for people keeps the terminal safe" {
	for args in "lookup eve" "list" "lookup --all-fields pwn" "check" \
	    "email esc" "email eve" "email --all eve" "phone esc" \
	    "phone --format national esc" "rules explain esc" "rules explain eve" \
	    "edit 99 --title x" "rm 99" \
	    "import --dry-run $S"; do
		on_tty $args
		[ -z "$(raw_bytes)" ] || { echo "contacts $args:"; raw_bytes; cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	done
	# Queries and arguments come back in messages, safe too.
	for q in $'\033[2Jzz' $'zz\xe2\x80\xae' $'\xc2\x9bzz'; do
		on_tty lookup "$q"
		[ -z "$(raw_bytes)" ] || { cat -v "$BATS_TEST_TMPDIR/tty"; false; }
		on_tty email "$q"
		[ -z "$(raw_bytes)" ] || { cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	done
	on_tty add --given $'Eve\033]0;pwn\007' --family x
	[ -z "$(raw_bytes)" ]
	on_tty edit 1 --set $'ro\033om=x'
	[ -z "$(raw_bytes)" ]
	# In colour, the only escapes are the bold around each name.
	on_tty --color=always lookup eve
	[ "$(grep -c $'\033\\[1m.*\033\\[0m  \\[' "$BATS_TEST_TMPDIR/tty")" -eq 2 ]
	sed -i $'s/\033\\[[01]m//g' "$BATS_TEST_TMPDIR/tty"
	[ -z "$(raw_bytes)" ] || { cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	# A press release: a bidi override in a title reaches the report
	# marked, and the rule block its sentence asks for keeps its layout;
	# a control character is refused with the file's line.
	printf 'Ytterligare information: Eve Esc, sak\xe2\x80\xaekunnig, tfn 050 344 2844\n\nTestverkets e-postadresser har formen fornamn.efternamn@test.fi.\n' > "$BATS_TEST_TMPDIR/rel.txt"
	on_tty import --text "$BATS_TEST_TMPDIR/rel.txt"
	grep -q '^org testverket' "$BATS_TEST_TMPDIR/tty"
	grep -q $'^\ttemplate\t{first}.{last}' "$BATS_TEST_TMPDIR/tty"
	[ -z "$(raw_bytes)" ] || { cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	sed -i 's/sak.*kunnig/sakkunnig/' "$BATS_TEST_TMPDIR/rel.txt"
	on_tty import --text "$BATS_TEST_TMPDIR/rel.txt"
	grep -q "title: 'sak?kunnig' -> 'sakkunnig'" "$BATS_TEST_TMPDIR/tty"
	[ -z "$(raw_bytes)" ] || { cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	printf 'Ytterligare information: Eve\033]0;pwn\007 Esc, tfn 050 344 2844\n' > "$BATS_TEST_TMPDIR/rel.txt"
	on_tty import --text "$BATS_TEST_TMPDIR/rel.txt"
	grep -q 'rel.txt:1: a control character' "$BATS_TEST_TMPDIR/tty"
	[ -z "$(raw_bytes)" ]
	# What was shown is still there to see, marked.
	on_tty lookup eve
	grep -q 'Eve?]0;pwn? Esc?\[2J  \[1\]' "$BATS_TEST_TMPDIR/tty"
	grep -q 'Eve Eve?Org  \[2\]' "$BATS_TEST_TMPDIR/tty"
}

@test "the formats for programs carry no raw control character to a terminal either" {
	for fmt in json tsv mutt vcard ldif; do
		on_tty lookup --format $fmt eve
		[ -z "$(raw_bytes --controls-only)" ] || { echo "$fmt:"; cat -v "$BATS_TEST_TMPDIR/tty"; false; }
	done
	# vCard has no escape for a control: U+FFFD stands in its place.
	run --separate-stderr "$CONTACTS" -f "$S" lookup --format vcard esc
	[[ "$output" == *$'TITLE:t\xef\xbf\xbd31m\r'* ]]
	# LDIF puts a value with a control in base64, as it may any value.
	run --separate-stderr "$CONTACTS" -f "$S" lookup --format ldif esc
	[[ "$output" == *"description:: bhtbMzFt"* ]]
	# JSON escapes C1 controls as well as C0, and jq reads them back.
	run --separate-stderr "$CONTACTS" -f "$S" lookup --json esc
	[[ "$output" == *'"title":"t\u009b31m"'* ]]
	[ "$(printf '%s\n' "$output" | jq -r .title)" = $'t\xc2\x9b31m' ]
}
