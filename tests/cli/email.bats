#!/usr/bin/env bats
# email.bats: one address for scripts, stored or derived, and honest refusals.
load helper

@test "email derives firstname.lastname@formin.fi for ministry staff" {
	contacts email "Vuokko Ranki"
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
	[ "$stderr" = "" ]
	contacts email "Kristina Pingoud"
	[ "$status" -eq 0 ]
	[ "$output" = "kristina.pingoud@formin.fi" ]
	contacts email "ranki vuokko"
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
}

@test "email for someone no rule covers prints nothing and exits 4" {
	contacts email "Anniina Jokinen"
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: Anniina Jokinen: no stored email and no rule covers organization 'CBSS sekretariat'" ]
	contacts email Pimiä
	[ "$status" -eq 4 ]
	[ "$stderr" = "contacts: Kirsi Pimiä: no stored email and no organization for a rule to cover" ]
}

@test "email --org derives for a person not in the store" {
	contacts email --org UM "Kirsi Pimiä"
	[ "$status" -eq 0 ]
	[ "$output" = "kirsi.pimia@formin.fi" ]
	contacts email --org UM "Laura Yli-Vakkuri"
	[ "$output" = "laura.yli-vakkuri@formin.fi" ]
	contacts email --org UM "Åsa Öberg"
	[ "$output" = "asa.oberg@formin.fi" ]
	contacts email --org Utrikesministeriet Anna-Maija von Wright
	[ "$output" = "anna-maija.von-wright@formin.fi" ]
}

@test "email --org refuses an organization no rule covers" {
	contacts email --org "CBSS sekretariat" "Maira Mora"
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: no rule covers organization 'CBSS sekretariat'" ]
}

@test "email --org needs a given name for {first}" {
	contacts email --org UM Mora
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: Mora: template '{first}.{last}' needs a given name" ]
}

@test "email with two matches exits 3 and lists both with ids" {
	contacts email k
	[ "$status" -eq 3 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: 'k' matches 2 officials; name one of them:
contacts:   id 1: Kristina Pingoud (Utrikesministeriet)
contacts:   id 7: Kirsi Pimiä" ]
	# Two officials of the same full name: an exact name picks neither.
	printf 'id,given_name,family_name,organization\n1,Vuokko,Ranki,UM\n2,Vuokko,Rankinen,UM\n3,Vuokko,Ranki,CBSS\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" email "Vuokko Ranki"
	[ "$status" -eq 3 ]
	[ "$stderr" = "contacts: 'Vuokko Ranki' matches 3 officials; name one of them:
contacts:   id 1: Vuokko Ranki (UM)
contacts:   id 3: Vuokko Ranki (CBSS)
contacts:   id 2: Vuokko Rankinen (UM)" ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" email "Vuokko Rankinen"
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.rankinen@formin.fi" ]
}

@test "email --all prints every match's address" {
	contacts email --all ranki
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
	contacts email --all a
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
}

@test "email --stdin answers one line per line, errors included" {
	run --separate-stderr bash -c 'printf "Vuokko Ranki\nAnniina Jokinen\nk\nNobody\n\nPingoud\n" | "$0" email --stdin' "$CONTACTS"
	show
	[ "$status" -eq 4 ]
	[ "$output" = "$(printf 'Vuokko Ranki\tvuokko.ranki@formin.fi
Anniina Jokinen\terror: no stored email and no rule covers organization '"'CBSS sekretariat'"'
k\terror: 2 officials match
Nobody\terror: no official matches
\terror: empty name
Pingoud\tkristina.pingoud@formin.fi')" ]
	run bash -c 'printf "Vuokko Ranki\r\nPingoud" | "$0" email --stdin' "$CONTACTS"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "email --stdin: an empty line or one not UTF-8 is an error line, not a usage error" {
	run --separate-stderr bash -c 'printf "Vuokko Ranki\n\nPimi\xe4\nKristina Pingoud\n" | "$0" email --stdin' "$CONTACTS"
	show
	[ "$status" -eq 1 ]
	[ "$stderr" = "" ]
	[ "$output" = "$(printf 'Vuokko Ranki\tvuokko.ranki@formin.fi\n\terror: empty name\nPimi\xe4\terror: not valid UTF-8\nKristina Pingoud\tkristina.pingoud@formin.fi')" ]
	run --separate-stderr bash -c 'printf "\n" | "$0" email --stdin' "$CONTACTS"
	[ "$status" -eq 1 ]
	[ "$stderr" = "" ]
}

@test "email flags a derived address two officials share" {
	contacts -f "$FIX/mixed.csv" lookup --json "Anna Virtanen"
	[ "$(printf '%s\n' "$output" | grep -c '"email_collision":true')" -eq 2 ]
	contacts -f "$FIX/mixed.csv" email --all "Anna Virtanen"
	[ "$status" -eq 0 ]
	[ "$output" = "anna.virtanen@formin.fi
anna.virtanen@formin.fi" ]
	[ "$stderr" = "contacts: warning: 'anna.virtanen@formin.fi' is also the address of id 2 (Anna Virtanen)
contacts: warning: 'anna.virtanen@formin.fi' is also the address of id 1 (Anna Virtanen)" ]
}

@test "email will not spell a letter it cannot transliterate" {
	contacts -f "$FIX/mixed.csv" email Жанна
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: Жанна Иванова: cannot transliterate 'ж' in 'Жанна'" ]
}

@test "a stored address wins, and an invalid stored address is a data error" {
	contacts -f "$FIX/mixed.csv" email Mora
	[ "$status" -eq 0 ]
	[ "$output" = "maira.mora@cbss.example" ]
	contacts -f "$FIX/mixed.csv" email Pimiä
	[ "$status" -eq 5 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: $FIX/mixed.csv:6: email 'kirsi@@example.org': local part is not a dot-atom" ]
}

@test "email usage errors exit 2" {
	contacts email
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: email: missing NAME" ]
	contacts email --stdin Ranki
	[ "$status" -eq 2 ]
	contacts email --all --stdin
	[ "$status" -eq 2 ]
}

@test "a user rule file adds an organization and keeps the bundled ones" {
	mkdir -p "$HOME/.config/contacts"
	printf '# mine\norg cbss\n\tmatch ^CBSS\\x20sekretariat$\n\ttemplate {first}.{last}\n\tdomain cbss.example\n\ttranslit fi\n\ninclude bundled\n' > "$HOME/.config/contacts/rules"
	contacts email "Anniina Jokinen"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "anniina.jokinen@cbss.example" ]
	contacts email "Vuokko Ranki"
	[ "$output" = "vuokko.ranki@formin.fi" ]
	contacts lookup --json Jokinen
	[[ "$output" == *'"email":"anniina.jokinen@cbss.example","email_source":"rule cbss"'* ]]
}

@test "an include that cannot be read is a system error naming both files" {
	printf 'include missing.rules\n' > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" email Ranki
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot open '$BATS_TEST_TMPDIR/missing.rules': No such file or directory
contacts: $BATS_TEST_TMPDIR/rules:1:9: included here" ]
}

@test "an error in an included file names that file and line" {
	printf 'org x\n\tmatch (\n' > "$BATS_TEST_TMPDIR/inner"
	printf '# outer\ninclude inner\n' > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" email Ranki
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/inner:2:9: missing closing parenthesis" ]
}

@test "email --unicode writes an internationalized domain in Unicode" {
	printf 'org ost\n\tmatch ^Östersjö$\n\ttemplate {f}{last}\n\tdomain östersjö.example\n\tparticles drop\n\tspaces drop\n' > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" email --org Östersjö "Anna von der Leyen"
	[ "$output" = "aleyen@xn--stersj-vxag.example" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" email --unicode --org Östersjö "Anna von der Leyen"
	[ "$status" -eq 0 ]
	[ "$output" = "aleyen@östersjö.example" ]
}

@test "an invalid domain in a rule is an error at load" {
	printf 'org x\n\tmatch ^X$\n\ttemplate {last}\n\tdomain bad_domain..example\n' > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" email Ranki
	[ "$status" -eq 5 ]
	[[ "$stderr" == "contacts: $BATS_TEST_TMPDIR/rules:4:9: invalid domain: "* ]]
	[ "$output" = "" ]
}

@test "names from around the Baltic Sea derive under the ministry rule" {
	run --separate-stderr bash -c 'for n in "Jānis Bērziņš" "Žaneta Šimkutė" "Łukasz Żółć" "Søren Kierkegaard" "Þórunn Guðmundsdóttir" "Anna-Maija von Wright" "Jüri Ülemiste"; do "$0" email --org UM "$n"; done' "$CONTACTS"
	[ "$status" -eq 0 ]
	[ "$output" = "janis.berzins@formin.fi
zaneta.simkute@formin.fi
lukasz.zolc@formin.fi
soren.kierkegaard@formin.fi
thorunn.gudmundsdottir@formin.fi
anna-maija.von-wright@formin.fi
juri.ulemiste@formin.fi" ]
}

@test "check lists both officials of a collision" {
	contacts -f "$FIX/mixed.csv" check
	[ "$status" -eq 5 ]
	[ "$(printf '%s\n' "$output" | grep -c "another official has the same address")" -eq 2 ]
	contacts -f "$FIX/mixed.csv" lookup "Anna Virtanen"
	[ "$(printf '%s\n' "$output" | grep -c "collision: another official has this address")" -eq 2 ]
}
