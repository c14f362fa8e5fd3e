#!/usr/bin/env bats
# errors.bats: bad stores, bad rules and bad calls: clear messages, right status,
# and the store left exactly as it was.
load helper

# bad_store FIXTURE LINE[:COL] WHAT: the message and exit 5, store unchanged.
bad_store() {
	cp "$FIX/$1" "$BATS_TEST_TMPDIR/store.csv"
	sum=$(cksum < "$BATS_TEST_TMPDIR/store.csv")
	for cmd in "lookup Ranki" "email Ranki" "phone Ranki" "list"; do
		contacts -f "$BATS_TEST_TMPDIR/store.csv" $cmd
		show
		[ "$status" -eq 5 ]
		[ "$output" = "" ]
		[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/store.csv:$2: $3" ]
	done
	# check says it where it says every problem: on stdout.
	contacts -f "$BATS_TEST_TMPDIR/store.csv" check
	[ "$status" -eq 5 ]
	[ "$stderr" = "" ]
	[ "$output" = "$BATS_TEST_TMPDIR/store.csv:$2: $3" ]
	[ "$(cksum < "$BATS_TEST_TMPDIR/store.csv")" = "$sum" ]
}

@test "an unterminated quote names the line its row starts on" {
	bad_store unterminated.csv 3 "unterminated quoted field"
}

@test "a stray quote is malformed quoting" {
	bad_store stray-quote.csv 3 "malformed quoting: a quote inside an unquoted field or after a closing quote"
}

@test "a row with more fields than the header" {
	bad_store too-many-fields.csv 3 "5 fields, but the header has 4"
}

@test "invalid UTF-8 names line and column" {
	bad_store invalid-utf8.csv 3:13 "invalid UTF-8"
}

@test "a NUL byte names line and column" {
	bad_store nul-byte.csv 2:11 "NUL byte"
}

@test "a missing header" {
	bad_store no-header.csv 1 "missing header: no given_name or family_name column"
}

@test "an empty file has no header" {
	bad_store empty.csv 1 "missing header: the file is empty"
}

@test "a row without a name" {
	bad_store no-name.csv 3 "row has neither given_name nor family_name"
}

@test "a bad pcre2 pattern gives RULES:LINE:COL and pcre2's message" {
	contacts -r "$FIX/bad-pattern.rules" lookup Ranki
	[ "$status" -eq 5 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: $FIX/bad-pattern.rules:3:33: missing closing parenthesis" ]
}

@test "a missing store exits 6 and names the path" {
	contacts -f "$BATS_TEST_TMPDIR/nope.csv" lookup Ranki
	[ "$status" -eq 6 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: cannot open '$BATS_TEST_TMPDIR/nope.csv': No such file or directory" ]
	[ ! -e "$BATS_TEST_TMPDIR/nope.csv" ]
}

@test "an unreadable store exits 6" {
	contacts -f "$BATS_TEST_TMPDIR" lookup Ranki
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot read '$BATS_TEST_TMPDIR': Is a directory" ]
}

@test "an unknown command is a usage error" {
	contacts frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[ "${stderr%%$'\n'*}" = "contacts: unknown command 'frobnicate'" ]
	[[ "$stderr" == *"usage: contacts "* ]]
}

@test "an unknown option is a usage error, global or per command" {
	contacts --bogus lookup Ranki
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[ "${stderr%%$'\n'*}" = "contacts: unknown or incomplete option '--bogus'" ]
	contacts lookup --bogus Ranki
	[ "$status" -eq 2 ]
	[ "$stderr" = "contacts: lookup: unknown option or missing argument '--bogus'
usage: contacts lookup [--all-fields] [--format FMT | --json | --tsv] [-0] [--base-dn DN] [--fields A,B,...] TERM..." ]
	contacts lookup --format yaml Ranki
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: unknown format 'yaml' (known: text, json, tsv, csv, mutt, vcard, ldif)" ]
}

@test "no command and a missing operand are usage errors" {
	contacts
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	contacts lookup
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: lookup: missing operand" ]
}

@test "--help and -V go to stdout and exit 0" {
	contacts --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: contacts [-f STORE] [-r RULES] [--region CC] [--color[=WHEN]] [--no-cache] COMMAND [ARG...]" ]
	contacts email --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: contacts email [--unicode] [--all] NAME... | --stdin | --org ORG NAME..." ]
	contacts -V
	[ "$status" -eq 0 ]
	[ "$output" = "contacts 0.1.0" ]
}

@test "check passes the bundled store and rules silently" {
	contacts check
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
}

@test "check reports every problem as FILE:LINE: problem" {
	contacts -f "$FIX/mixed.csv" check
	[ "$status" -eq 5 ]
	[ "$output" = "$FIX/mixed.csv:2: email 'anna.virtanen@formin.fi': another official has the same address
$FIX/mixed.csv:4: email 'anna.virtanen@formin.fi': another official has the same address
$FIX/mixed.csv:5: email: rule 'formin': cannot transliterate 'ж' in 'Жанна'
$FIX/mixed.csv:6: phone '12345': not a valid number for the region
$FIX/mixed.csv:6: email 'kirsi@@example.org': local part is not a dot-atom
$FIX/mixed.csv:8: duplicate id: also line 4" ]
}

@test "the store is found by --file, then CONTACTS_FILE, then XDG, then bundled" {
	mkdir -p "$HOME/.local/share/contacts"
	printf 'id,given_name,family_name\n1,Xdg,Person\n' > "$HOME/.local/share/contacts/officials.csv"
	printf 'id,given_name,family_name\n1,Env,Person\n' > "$BATS_TEST_TMPDIR/env.csv"
	contacts lookup Person
	[ "${lines[0]}" = "Xdg Person  [1]" ]
	CONTACTS_FILE="$BATS_TEST_TMPDIR/env.csv" contacts lookup Person
	[ "${lines[0]}" = "Env Person  [1]" ]
	CONTACTS_FILE="$BATS_TEST_TMPDIR/env.csv" contacts -f "$FIX/hostile.csv" lookup Quote
	[ "$status" -eq 0 ]
	XDG_DATA_HOME="$BATS_TEST_TMPDIR/none" contacts lookup Pingoud
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
}

@test "the rules are found by --rules, then CONTACTS_RULES, then XDG" {
	mkdir -p "$HOME/.config/contacts"
	cp "$FIX/bad-pattern.rules" "$HOME/.config/contacts/rules"
	contacts email Ranki
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $HOME/.config/contacts/rules:3:33: missing closing parenthesis" ]
	CONTACTS_RULES="$BATS_TEST_TMPDIR/missing" contacts email Ranki
	[ "$status" -eq 6 ]
	contacts -r "$BATS_TEST_DIRNAME/../../data/rules" email Ranki
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
}

@test "a closed pipe is not a fault: exit 0, quietly, not a death by signal" {
	big="$BATS_TEST_TMPDIR/big.csv"
	{ echo id,given_name,family_name; seq 1 20000 | sed 's/.*/&,Anna,Virtanen&/'; } > "$big"
	run bash -c '"$0" -f "$1" list 2>"$2" | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}"' "$CONTACTS" "$big" "$BATS_TEST_TMPDIR/err"
	[ "$output" = "0" ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
}

@test "messages never carry control characters from the data or the query" {
	printf 'id,given_name,family_name,organization\n1,Eve,Escape,"\033[31mRed Org\a"\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" email Escape
	[ "$status" -eq 4 ]
	[ "$stderr" = "contacts: Eve Escape: no stored email and no rule covers organization '?[31mRed Org?'" ]
	contacts lookup $'\e]0;pwned\a'
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: no official matches '?]0;pwned?'" ]
}

@test "a query that is not UTF-8 is a usage error" {
	contacts lookup $'Pimi\xe4'
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: the query is not valid UTF-8" ]
}

@test "check shows no control character of the data, through a terminal either" {
	printf 'id,given_name,family_name,email\n1,Eve,Esc,"ev\033[2Je@x\xc2\x9b31m.org"\n2,Bo,Bidi,"b\xe2\x80\xaeo@x.org"\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" check
	show
	[ "$status" -eq 5 ]
	[ "$output" = "$BATS_TEST_TMPDIR/s.csv:2: email 'ev?[2Je@x?31m.org': local part is not a dot-atom
$BATS_TEST_TMPDIR/s.csv:3: email 'b?o@x.org': local part is not a dot-atom" ]
	# Through a pseudo-terminal, byte for byte: no ESC, no CSI.
	command -v script >/dev/null
	script -qc "\"$CONTACTS\" -f \"$BATS_TEST_TMPDIR/s.csv\" check" /dev/null \
	    > "$BATS_TEST_TMPDIR/tty" < /dev/null || true
	[ -s "$BATS_TEST_TMPDIR/tty" ]
	! od -An -c "$BATS_TEST_TMPDIR/tty" | grep -q '033' || false
	! od -An -tx1 "$BATS_TEST_TMPDIR/tty" | grep -qw '9b' || false
	! od -An -tx1 -w1 "$BATS_TEST_TMPDIR/tty" | tr -d ' \n' | grep -q 'e280ae' || false
}

@test "help and help COMMAND say what --help does" {
	contacts --help
	all=$output
	contacts help
	[ "$status" -eq 0 ]
	[ "$output" = "$all" ]
	contacts lookup --help
	one=$output
	contacts help lookup
	[ "$status" -eq 0 ]
	[ "$output" = "$one" ]
	contacts rules explain --help
	one=$output
	contacts help rules explain
	[ "$output" = "$one" ]
	contacts help nosuch
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: unknown command 'nosuch'" ]
}


@test "-f - reads the store from standard input, for reading only" {
	top="$BATS_TEST_DIRNAME/../.."
	run --separate-stderr bash -c '"$0" -f - lookup Pingoud < "$1"' "$CONTACTS" "$top/data/officials.csv"
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	run --separate-stderr bash -c 'printf "id,given_name\n1,\"x\n" | "$0" -f - check' "$CONTACTS"
	[ "$status" -eq 5 ]
	[ "$output" = "(standard input):2: unterminated quoted field" ]
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
	run --separate-stderr bash -c '"$0" -f - add --given X < "$1"' "$CONTACTS" "$top/data/officials.csv"
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: add: a store on standard input (-f -) cannot be written" ]
	# Nothing named - appears.
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/cwd")" ]
	run --separate-stderr bash -c 'echo Ranki | "$0" -f - email --stdin' "$CONTACTS"
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: email: -f - and --stdin both read standard input" ]
}
