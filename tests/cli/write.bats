#!/usr/bin/env bats
# write.bats: add, edit and rm: what they print, what they refuse, and the
# store left whole whatever happens to the writer.
load helper

STORE_COPY() {
	S="$BATS_TEST_TMPDIR/s.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
}

@test "add prints the new id and the official is there" {
	STORE_COPY
	contacts -f "$S" add --given Kari --family Nordmann --org UM --phone "050 123 4567" --note "new, with comma"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "8" ]
	[ "$stderr" = "" ]
	contacts -f "$S" email "Kari Nordmann"
	[ "$output" = "kari.nordmann@formin.fi" ]
	[ "$(tail -n 1 "$S")" = '8,Kari,Nordmann,,UM,,050 123 4567,,,"new, with comma",' ]
	contacts -f "$S" check
	[ "$status" -eq 0 ]
}

@test "the first write copies the bundled store to XDG_DATA_HOME, saying so once" {
	bundled="$BATS_TEST_DIRNAME/../../data/officials.csv"
	sum=$(cksum < "$bundled")
	contacts add --given Kari --family Nordmann --org UM
	show
	[ "$status" -eq 0 ]
	[ "$output" = "8" ]
	[ "$stderr" = "contacts: copied the bundled store to '$HOME/.local/share/contacts/officials.csv'" ]
	[ "$(cksum < "$bundled")" = "$sum" ]
	[ "$(wc -l < "$HOME/.local/share/contacts/officials.csv")" -eq 9 ]
	contacts add --given Liisa --family Nordmann --org UM
	[ "$output" = "9" ]
	[ "$stderr" = "" ]
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	contacts rm 3
	[ "$status" -eq 0 ]
	[ "$stderr" = "contacts: copied the bundled store to '$XDG_DATA_HOME/contacts/officials.csv'" ]
	[ "$(grep -c Jokinen "$XDG_DATA_HOME/contacts/officials.csv")" -eq 0 ]
	# A command that fails writes nothing, not even the copy.
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg2"
	contacts rm 99
	[ "$status" -eq 1 ]
	[ ! -e "$XDG_DATA_HOME/contacts/officials.csv" ]
}

@test "add refuses an official without a name and bad values" {
	STORE_COPY
	sum=$(cksum < "$S")
	contacts -f "$S" add --title nobody
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[ "${stderr%%$'\n'*}" = "contacts: add: an official needs --given or --family" ]
	contacts -f "$S" add --family X --set id=99
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: add: ids are given by contacts, not set" ]
	contacts -f "$S" add --family X --set noequals
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: add: --set takes COLUMN=VALUE, not 'noequals'" ]
	contacts -f "$S" add --family $'X\e[31m'
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: add: family_name: a control character is not allowed" ]
	contacts -f "$S" add --family $'Pimi\xe4'
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: add: family_name: not valid UTF-8" ]
	contacts -f "$S" add extra operand --family X
	[ "$status" -eq 2 ]
	[ "$(cksum < "$S")" = "$sum" ]
}

@test "add warns of a probable duplicate and adds it only when told" {
	STORE_COPY
	contacts -f "$S" add --given KIRSI --family pimia --title other
	show
	[ "$status" -eq 3 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: $S:8: id 7 is already Kirsi Pimiä; not added (--allow-duplicate adds it)" ]
	[ "$(wc -l < "$S")" -eq 8 ]
	# Another organization is another official.
	contacts -f "$S" add --given Kirsi --family Pimiä --org UM
	[ "$status" -eq 0 ]
	[ "$output" = "8" ]
	contacts -f "$S" add --given Kirsi --family Pimiä --allow-duplicate
	[ "$status" -eq 0 ]
	[ "$output" = "9" ]
}

@test "add and edit warn of a number or address that is not valid, and keep it" {
	STORE_COPY
	contacts -f "$S" add --family Solo --phone 12345 --email "a b@x.fi"
	[ "$status" -eq 0 ]
	[ "$stderr" = "contacts: warning: phone '12345' is not a valid number: not a valid number for the region
contacts: warning: email 'a b@x.fi' is not a valid address: local part is not a dot-atom" ]
	contacts -f "$S" edit 8 --note fine
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	contacts -f "$S" check
	[ "$status" -eq 5 ]
}

@test "--set adds a column; other columns and rows keep their values" {
	STORE_COPY
	contacts -f "$S" add --family Solo --set room=A12 --set "floor=2, left"
	[ "$status" -eq 0 ]
	[ "$(head -n 1 "$S")" = "id,given_name,family_name,title,organization,unit,phone,mobile,email,note,source,room,floor" ]
	[ "$(tail -n 1 "$S")" = '8,,Solo,,,,,,,,,A12,"2, left"' ]
	contacts -f "$S" lookup --json Solo
	[ "$output" = '{"id":"8","given_name":"","family_name":"Solo","title":"","organization":"","unit":"","note":"","source":"","email":null,"email_source":null,"email_error":"no stored email and no organization for a rule to cover","email_collision":false,"phones":[],"extra":{"room":"A12","floor":"2, left"}}' ]
	contacts -f "$S" lookup --json Pingoud
	[[ "$output" == *'"extra":{"room":"","floor":""}}' ]]
}

@test "edit changes the fields it names and nothing else" {
	STORE_COPY
	before=$(sed -n '3p' "$S")
	contacts -f "$S" edit 1 --title "senior adviser" --unset note --set room=B2
	show
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[ "$(sed -n '2p' "$S")" = '1,Kristina,Pingoud,senior adviser,Utrikesministeriet,,+358 50 344 2844,,,,"Pressmeddelande 99/2017, 24.5.2017",B2' ]
	# A new column is an empty field more; the row is otherwise as it was.
	[ "$(sed -n '3p' "$S")" = "$before," ]
	contacts -f "$S" edit 1 --unset room
	[ "$status" -eq 0 ]
	contacts -f "$S" edit 1 --unset given --unset family
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: edit: an official needs a given or a family name" ]
	contacts -f "$S" edit 1 --unset shoe
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: edit: no column 'shoe' to unset" ]
	contacts -f "$S" edit 1
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: edit: nothing to change" ]
	contacts -f "$S" edit 99 --title x
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: no official has id '99'" ]
}

@test "rm removes by id, all named or none" {
	STORE_COPY
	contacts -f "$S" rm 2 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: no official has id '99'" ]
	[ "$(wc -l < "$S")" -eq 8 ]
	contacts -f "$S" rm 2 4
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$(cut -d, -f1 "$S" | tr '\n' ' ')" = "id 1 3 5 6 7 " ]
	contacts -f "$S" rm
	[ "$status" -eq 2 ]
}

@test "ids are never given twice, even after rm of the last and a hand edit" {
	STORE_COPY
	contacts -f "$S" add --family One
	[ "$output" = "8" ]
	contacts -f "$S" rm 8
	contacts -f "$S" add --family Two
	[ "$output" = "9" ]
	contacts -f "$S" rm 9
	# An editor rewrites the file; the highest id is kept beside it.
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
	contacts -f "$S" add --family Three
	[ "$output" = "10" ]
	[ "$(cat "$S.lastid")" = "10" ]
	# An id written by hand above it counts too.
	printf '40,,Hand,,,,,,,,\n' >> "$S"
	contacts -f "$S" add --family Four
	[ "$output" = "41" ]
}

@test "a read-only store or directory: exit 6 naming the path, nothing changed" {
	STORE_COPY
	sum=$(cksum < "$S")
	chmod 444 "$S"
	contacts -f "$S" add --family X
	[ "$status" -eq 6 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: cannot write '$S': Permission denied" ]
	[ "$(cksum < "$S")" = "$sum" ]
	chmod 644 "$S"
	mkdir "$BATS_TEST_TMPDIR/ro"
	cp "$S" "$BATS_TEST_TMPDIR/ro/s.csv"
	chmod 555 "$BATS_TEST_TMPDIR/ro"
	contacts -f "$BATS_TEST_TMPDIR/ro/s.csv" edit 1 --title x
	chmod 755 "$BATS_TEST_TMPDIR/ro"
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot write '$BATS_TEST_TMPDIR/ro': Permission denied" ]
	[ "$(cksum < "$BATS_TEST_TMPDIR/ro/s.csv")" = "$sum" ]
	[ "$(ls "$BATS_TEST_TMPDIR/ro")" = "s.csv" ]
}

@test "a symlinked store is written through to its target, its mode kept" {
	mkdir "$BATS_TEST_TMPDIR/real"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$BATS_TEST_TMPDIR/real/o.csv"
	chmod 640 "$BATS_TEST_TMPDIR/real/o.csv"
	ln -s real/o.csv "$BATS_TEST_TMPDIR/link.csv"
	contacts -f "$BATS_TEST_TMPDIR/link.csv" edit 7 --title ombudsman
	[ "$status" -eq 0 ]
	[ -L "$BATS_TEST_TMPDIR/link.csv" ]
	[ "$(readlink "$BATS_TEST_TMPDIR/link.csv")" = "real/o.csv" ]
	grep -q '^7,Kirsi,Pimiä,ombudsman,' "$BATS_TEST_TMPDIR/real/o.csv"
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/real/o.csv")" = "640" ]
	[ "$(ls "$BATS_TEST_TMPDIR/real")" = "o.csv
o.csv.lastid
o.csv.lock" ]
	# A link to a store not there yet: the store is made where it points.
	ln -s real/new.csv "$BATS_TEST_TMPDIR/dangling.csv"
	contacts -f "$BATS_TEST_TMPDIR/dangling.csv" add --family First
	[ "$status" -eq 0 ]
	[ -L "$BATS_TEST_TMPDIR/dangling.csv" ]
	[ "$(tail -n 1 "$BATS_TEST_TMPDIR/real/new.csv")" = "1,,First,,,,,,,," ]
}

@test "an edit keeps every other row and every extra column as it was" {
	S="$BATS_TEST_TMPDIR/odd.csv"
	cp "$FIX/odd.csv" "$S"
	contacts -f "$S" list --json
	before=$(printf '%s\n' "$output" | grep -v '"id":"3"')
	contacts -f "$S" edit 3 --note "new, note" --set "x,y=changed"
	[ "$status" -eq 0 ]
	contacts -f "$S" list --json
	after=$(printf '%s\n' "$output" | grep -v '"id":"3"')
	[ "$after" = "$before" ]
	[[ "$(printf '%s\n' "$output" | grep '"id":"3"')" == *'"note":"new, note"'*'"extra":{"room":"C3","x,y":"changed","zeta":" spaced "}}' ]]
	# The other rows' very bytes, BOM and CRLF included.
	cmp <(grep -av '^C3,' "$FIX/odd.csv") <(grep -av '^C3,' "$S")
	[ "$(grep -a '^C3,' "$S")" = $'C3,3,Anniina,Jokinen,changed,CBSS sekretariat,"new, note", spaced \r' ]
	# A column added: every row gains an empty field, and keeps its values.
	contacts -f "$S" edit 3 --title x
	contacts -f "$S" list --json
	[ "$(printf '%s\n' "$output" | grep -v '"id":"3"' | sed 's/"title":"",//')" = "$(printf '%s\n' "$before" | sed 's/"title":"",//')" ]
}

@test "check lists every bad row of a store, then exits 5" {
	contacts -f "$FIX/three-bad-rows.csv" check
	show
	[ "$status" -eq 5 ]
	[ "$stderr" = "" ]
	[ "$output" = "$FIX/three-bad-rows.csv:3: 5 fields, but the header has 4
$FIX/three-bad-rows.csv:5:13: invalid UTF-8
$FIX/three-bad-rows.csv:7: row has neither given_name nor family_name" ]
	# Other commands stop at the first.
	contacts -f "$FIX/three-bad-rows.csv" lookup Pingoud
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $FIX/three-bad-rows.csv:3: 5 fields, but the header has 4" ]
	# And the sound rows are still checked.
	sed 's/^1,Kristina,Pingoud,.*/1,Kristina,Pingoud,UM/; s/^5,Maira,Mora,.*/1,Maira,Mora,UM/' "$FIX/three-bad-rows.csv" > "$BATS_TEST_TMPDIR/b.csv"
	contacts -f "$BATS_TEST_TMPDIR/b.csv" check
	[ "$status" -eq 5 ]
	[ "$output" = "$BATS_TEST_TMPDIR/b.csv:3: 5 fields, but the header has 4
$BATS_TEST_TMPDIR/b.csv:5:13: invalid UTF-8
$BATS_TEST_TMPDIR/b.csv:7: row has neither given_name nor family_name
$BATS_TEST_TMPDIR/b.csv:6: duplicate id: also line 2" ]
}

@test "a bad store is never written" {
	cp "$FIX/three-bad-rows.csv" "$BATS_TEST_TMPDIR/b.csv"
	sum=$(cksum < "$BATS_TEST_TMPDIR/b.csv")
	contacts -f "$BATS_TEST_TMPDIR/b.csv" add --family X
	[ "$status" -eq 5 ]
	[ "$(cksum < "$BATS_TEST_TMPDIR/b.csv")" = "$sum" ]
}

@test "rules subcommands take their own options" {
	contacts rules explain --all x
	[ "$status" -eq 2 ]
	[ "$stderr" = "contacts: rules explain: unknown option or missing argument '--all'
usage: contacts rules explain NAME..." ]
	contacts rules list extra
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: rules list: too many operands" ]
}

@test "rm of the highest id never brings it back, even before any add" {
	printf 'id,given_name,family_name\n1,A,B\n2,C,D\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" rm 2
	[ "$status" -eq 0 ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" add --given Y
	[ "$output" = "3" ]
	# The bundled store copied by a first write that removes its last.
	contacts rm 7
	contacts add --family Q
	[ "$output" = "8" ]
}

@test "rm of many ids at once, repeats and unknown ones" {
	"$BATS_TEST_DIRNAME/../bench/gen-store" 3000 > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" rm $(seq 1 2 2999) 3000 3000
	[ "$status" -eq 0 ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" list --tsv
	[ "${#lines[@]}" -eq 1500 ]
	[ "$(printf '%s\n' "${lines[@]:1}" | cut -f1 | tr '\n' ' ' | cut -d' ' -f1-3)" = "2 4 6" ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" rm 2 3001 4
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: no official has id '3001'" ]
}

@test "an option's value that looks like --help is a value" {
	STORE_COPY
	contacts -f "$S" edit 1 --note -h
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	grep -q '^1,Kristina,Pingoud,.*,-h,"Pressmeddelande' "$S"
	contacts -f "$S" edit --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: contacts edit [--FIELD VALUE]... [--set COLUMN=VALUE]... [--unset FIELD]... ID" ]
	contacts -f
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: option '-f' needs a value" ]
}

@test "--set and --unset name columns the same way" {
	STORE_COPY
	contacts -f "$S" edit 2 --set org=Ulkoministeriö --unset unit --unset mobile
	[ "$status" -eq 0 ]
	[ "$(head -n 1 "$S")" = "id,given_name,family_name,title,organization,unit,phone,mobile,email,note,source" ]
	grep -q '^2,Vuokko,Ranki,assistent,Ulkoministeriö,,+358' "$S"
}

@test "a dry run reads a read-only store and writes nothing anywhere" {
	mkdir "$BATS_TEST_TMPDIR/d"
	S="$BATS_TEST_TMPDIR/d/s.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
	chmod 444 "$S"
	printf 'given_name,family_name\nLiisa,Laine\n' > "$BATS_TEST_TMPDIR/in.csv"
	contacts -f "$S" import --dry-run "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "add	8	Liisa Laine" ]
	[ "$(ls "$BATS_TEST_TMPDIR/d")" = "s.csv" ]
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	contacts import -n "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 0 ]
	[ ! -e "$XDG_DATA_HOME" ]
}
