#!/usr/bin/env bats
# lookup.bats: finding officials by name, address and number, in every format.
load helper

@test "lookup Pingoud shows every field, the derived email and the number" {
	contacts lookup Pingoud
	show
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$output" = "Kristina Pingoud  [1]
  title         ledande sakkunnig
  organization  Utrikesministeriet
  phone         +358 50 344 2844  (+358503442844)
  email         kristina.pingoud@formin.fi  (rule formin)
  note          ytterligare information
  source        Pressmeddelande 99/2017, 24.5.2017" ]
}

@test "lookup folds case and diacritics: pimia and PIMIÄ find Kirsi Pimiä" {
	contacts lookup pimia
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kirsi Pimiä  [7]" ]
	contacts lookup PIMIÄ
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kirsi Pimiä  [7]" ]
}

@test "lookup by a national phone number finds its owner" {
	contacts lookup 0503248366
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
	contacts lookup 050 324 8366
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
}

@test "lookup by a derived email address finds its owner" {
	contacts lookup kristina.pingoud@formin.fi
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	[ "$(printf '%s\n' "$output" | grep -c '^[^ ]')" -eq 1 ]
}

@test "lookup by an address as it is typed: local part, its start or middle, domain" {
	contacts lookup --tsv vuokko@
	show
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "2 " ]
	contacts lookup --tsv vuokko.ranki
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "2 " ]
	contacts lookup --tsv okko.ra
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "2 " ]
	contacts lookup --tsv @formin.fi
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "1 2 " ]
	contacts lookup --tsv PINGOUD@FORMIN.FI
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "1 " ]
	contacts lookup @other.org
	[ "$status" -eq 1 ]
	[ "$stderr" = "contacts: no official matches '@other.org'" ]
	# A number written with dots is still a number.
	contacts lookup 050.324.8366
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
}

@test "an exact address ranks first, then a whole local part, then a start" {
	printf 'id,given_name,family_name,email\n1,Anna,Berg,anna.bergman@x.org\n2,Anna,Berg2,anna.berg@y.org\n3,Anna,Berg3,anna.berg@x.org\n' \
	    > "$BATS_TEST_TMPDIR/s.csv"
	# The address whole, then one it begins, in that domain only.
	contacts -f "$BATS_TEST_TMPDIR/s.csv" lookup --tsv anna.berg@x.org
	show
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "3 1 " ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" lookup --tsv anna.berg
	[ "$(printf '%s\n' "$output" | cut -f1 | tail -n +2 | tr '\n' ' ')" = "2 3 1 " ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" email anna.berg@x.org
	[ "$output" = "anna.berg@x.org" ]
}

@test "lookup terms AND together in any order" {
	contacts lookup ranki vuokko
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
	contacts lookup kristina ranki
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
}

@test "lookup Nobody prints nothing and exits 1" {
	contacts lookup Nobody
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: no official matches 'Nobody'" ]
}

@test "lookup suggests a close name on stderr" {
	contacts lookup Pingod
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: no official matches 'Pingod'
contacts: did you mean 'Kristina Pingoud'?" ]
}

@test "lookup --json writes one object per official with stable keys" {
	contacts lookup --json Ranki
	show
	[ "$status" -eq 0 ]
	[ "$output" = '{"id":"2","given_name":"Vuokko","family_name":"Ranki","title":"assistent","organization":"UM","unit":"Östersjöteamet","note":"ytterligare information (praktiska arrangemang)","source":"Pressmeddelande 99/2017, 24.5.2017","email":"vuokko.ranki@formin.fi","email_source":"rule formin","email_error":null,"email_collision":false,"phones":[{"field":"phone","raw":"+358 50 324 8366","e164":"+358503248366","display":"+358 50 324 8366","ext":null,"error":null}],"extra":{}}' ]
}

@test "lookup --json says why an official has no address" {
	contacts lookup --format json Jokinen
	[ "$status" -eq 0 ]
	[[ "$output" == *'"email":null,"email_source":null,"email_error":"no stored email and no rule covers organization '"'CBSS sekretariat'"'","email_collision":false'* ]]
}

@test "lookup --tsv writes a header and escapes tabs" {
	contacts -f "$FIX/hostile.csv" lookup --tsv Quote
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'id\tgiven_name\tfamily_name\ttitle\torganization\tunit\tphone\tmobile\temail\temail_source\tnote\tsource')" ]
	[ "${lines[1]}" = "$(printf '1\tEve "the" Tester\tQuote\t\tCBSS sekretariat\t\t\t\t\t\ttab\\tinside, comma, "quotes"\t')" ]
}

@test "lookup -0 ends records with NUL" {
	run bash -c '"$0" lookup --json -0 Ranki | tr "\0" "@" | tail -c 3' "$CONTACTS"
	[ "$status" -eq 0 ]
	[ "$output" = "}}@" ]
}

@test "lookup --all-fields searches organization too" {
	contacts lookup --all-fields sekretariat
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep '^[^ ]')" = "Anniina Jokinen  [3]
Maira Mora  [6]" ]
	contacts lookup sekretariat
	[ "$status" -eq 1 ]
}

@test "text output never carries control characters from the data" {
	contacts -f "$FIX/mixed.csv" lookup Escape
	[ "$status" -eq 0 ]
	[[ "$output" == *"note          bell? and ?[31mred"* ]]
	[[ "$output" != *$'\e'* ]]
}

@test "-0 ends each official's text block with NUL, with no empty line between" {
	run bash -c '"$0" lookup -0 Ranki | tr "\0" "|"' "$CONTACTS"
	[ "$status" -eq 0 ]
	[ "$output" = "Vuokko Ranki  [2]
  title         assistent
  organization  UM
  unit          Östersjöteamet
  phone         +358 50 324 8366  (+358503248366)
  email         vuokko.ranki@formin.fi  (rule formin)
  note          ytterligare information (praktiska arrangemang)
  source        Pressmeddelande 99/2017, 24.5.2017
|" ]
	# Two blocks: each ends with NUL, for xargs -0 and read -d ''.
	run bash -c '"$0" lookup -0 k | tr -cd "\0" | wc -c' "$CONTACTS"
	[ "$output" = 2 ]
	run bash -c '"$0" lookup -0 k | tr "\0" "|" | grep -c "^$"' "$CONTACTS"
	[ "$output" = 0 ]
	run bash -c '"$0" lookup -0 k | tr "\0" "|" | grep "^|."' "$CONTACTS"
	[ "$output" = "|Kirsi Pimiä  [7]" ]
}

@test "colour only when asked or on a terminal, and never with NO_COLOR" {
	contacts --color=always lookup Pingoud
	[ "${lines[0]}" = $'\e[1mKristina Pingoud\e[0m  [1]' ]
	contacts lookup Pingoud
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	# A terminal is needed for what follows: without script, a failure.
	command -v script >/dev/null
	run script -qc "TERM=xterm NO_COLOR=1 $CONTACTS lookup Pingoud" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *"Kristina Pingoud"* ]]
	[[ "$output" != *$'\e['* ]]
	contacts --color=sometimes lookup Pingoud
	[ "$status" -eq 2 ]
	contacts --color lookup Pingoud
	[ "${lines[0]}" = $'\e[1mKristina Pingoud\e[0m  [1]' ]
	# On a terminal: bold, but not for a dumb one.
	run script -qc "TERM=xterm $CONTACTS lookup Pingoud" /dev/null
	[[ "$output" == *$'\e[1m'* ]]
	run script -qc "TERM=dumb $CONTACTS lookup Pingoud" /dev/null
	[[ "$output" == *"Kristina Pingoud"* ]]
	[[ "$output" != *$'\e['* ]]
}

@test "lookup to a full disk exits 6" {
	run bash -c '"$0" lookup Pingoud > /dev/full' "$CONTACTS"
	[ "$status" -eq 6 ]
	[ "$output" = "contacts: write error on stdout: No space left on device" ]
}

@test "list shows every official of the press release" {
	contacts list --json
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 7 ]
	contacts list
	[ "$(printf '%s\n' "$output" | grep '^[^ ]')" = "Kristina Pingoud  [1]
Vuokko Ranki  [2]
Anniina Jokinen  [3]
Laura Yli-Vakkuri  [4]
Eugenio Ambrosi  [5]
Maira Mora  [6]
Kirsi Pimiä  [7]" ]
	contacts list extra
	[ "$status" -eq 2 ]
}

@test "lookup --format mutt is what neomutt's query_command reads, byte for byte" {
	contacts lookup --format mutt Ranki
	show
	[ "$status" -eq 0 ]
	[ "$output" = "contacts: 1 official with an address
vuokko.ranki@formin.fi	Vuokko Ranki	assistent, UM" ]
	# Officials without an address are left out; none at all is no match.
	contacts lookup --format mutt vuokko.ranki@formin.fi
	[ "${lines[1]}" = "vuokko.ranki@formin.fi	Vuokko Ranki	assistent, UM" ]
	contacts lookup --format mutt Jokinen
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: no official with an address matches 'Jokinen'" ]
	# The README's line, as neomutt itself reads it.
	command -v neomutt >/dev/null
	line=$(grep -m1 '^    set query_command' "$BATS_TEST_DIRNAME/../../README" | sed 's/^    //')
	printf '%s\n' "$line" > "$BATS_TEST_TMPDIR/muttrc"
	run neomutt -n -F "$BATS_TEST_TMPDIR/muttrc" -Q query_command
	show
	[ "$status" -eq 0 ]
	[ "$output" = 'query_command="contacts lookup --format mutt %s"' ] ||
	    [ "$output" = 'set query_command = "contacts lookup --format mutt %s"' ]
	# And the command it names, with a name typed into mutt, answers.
	cmd=$(printf '%s\n' "$output" | sed 's/.*"contacts \(.*\) %s".*/\1/')
	run --separate-stderr "$CONTACTS" $cmd Pingoud
	[ "${lines[1]}" = "kristina.pingoud@formin.fi	Kristina Pingoud	ledande sakkunnig, Utrikesministeriet" ]
}

@test "TSV carries the other columns and escapes every control character" {
	printf 'id,given_name,family_name,room,floor\n1,Eve,Esc\033x,"a\tb",2\n2,Bo,C1,"x\xc2\x9by",\n' > "$BATS_TEST_TMPDIR/t.csv"
	contacts -f "$BATS_TEST_TMPDIR/t.csv" list --tsv
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'id\tgiven_name\tfamily_name\ttitle\torganization\tunit\tphone\tmobile\temail\temail_source\tnote\tsource\troom\tfloor')" ]
	[ "${lines[1]}" = "$(printf '1\tEve\tEsc\\x1bx\t\t\t\t\t\t\t\t\t\ta\\tb\t2')" ]
	[ "${lines[2]}" = "$(printf '2\tBo\tC1\t\t\t\t\t\t\t\t\t\tx\\u009by\t')" ]
	# No raw control byte at all.
	! printf '%s' "$output" | tr -d '\t\n' | LC_ALL=C grep -q '[[:cntrl:]]' || false
}
