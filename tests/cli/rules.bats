#!/usr/bin/env bats
# rules.bats: rules explain, list and check, and errors in the rule file.
load helper

@test "rules explain shows the profile, each transliteration step and each phone step" {
	contacts rules explain Pimiä
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kirsi Pimiä  ($(cd "$BATS_TEST_DIRNAME/../../data" && pwd)/officials.csv:8)" ]
	[ "${lines[1]}" = "email" ]
	[ "${lines[2]}" = "  organization                   (none)" ]
	[ "${lines[3]}" = "  rule                           none applies, so no address" ]
	contacts -f "$FIX/mixed.csv" rules explain Pimiä
	[ "$status" -eq 0 ]
	[[ "$output" == *"  stored                         kirsi@@example.org
  valid                          local part is not a dot-atom"* ]]
}

@test "rules explain walks a ministry official through the formin rule" {
	printf 'id,given_name,family_name,organization,mobile\n9,Åsa,Öberg,UM,0503248366 ext. 12\n' > "$BATS_TEST_TMPDIR/s.csv"
	line=$(grep -n '^org formin' "$BATS_TEST_DIRNAME/../../data/rules" | cut -d: -f1)
	contacts -f "$BATS_TEST_TMPDIR/s.csv" rules explain Öberg
	show
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | tail -n +2)" = "email
  rule                           formin ($(cd "$BATS_TEST_DIRNAME/../../data" && pwd)/rules:$line)
  matches                        ^(?:Utrikesministeriet|UM|Ulkoministeriö|Ulkoasiainministeriö|UM/Ulkoministeriö|Ministry\ for\ Foreign\ Affairs(?:\ of\ Finland)?|MFA)\$
  transliteration                fi
  template                       {first}.{last}
  name part                      Åsa
  lowercased, profile applied    asa
  marks stripped, built-in table asa
  name part                      Öberg
  lowercased, profile applied    oberg
  marks stripped, built-in table oberg
  local part                     asa.oberg
  address                        asa.oberg@formin.fi
mobile
  written                        0503248366 ext. 12
  default region                 FI
  folded                         0503248366 ext. 12
  extension                      12
  digits                         0503248366
  trunk prefix stripped          503248366
  valid in region                FI
  E.164                          +358503248366
  international                  +358 50 324 8366 ext. 12
  national                       050 324 8366 ext. 12" ]
}

@test "rules explain shows an IDN domain in its A-label form" {
	printf 'org ost\n\tmatch ^Östersjö$\n\ttemplate {f}{last}\n\tdomain östersjö.example\n' > "$BATS_TEST_TMPDIR/rules"
	printf 'id,given_name,family_name,organization\n1,Jüri,Ülemiste,Östersjö\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -r "$BATS_TEST_TMPDIR/rules" -f "$BATS_TEST_TMPDIR/s.csv" rules explain Jüri
	show
	[ "$status" -eq 0 ]
	[[ "$output" == *"  domain, IDNA                   xn--stersj-vxag.example
  address                        julemiste@xn--stersj-vxag.example"* ]]
	contacts -r "$BATS_TEST_TMPDIR/rules" -f "$BATS_TEST_TMPDIR/s.csv" email Jüri
	[ "$output" = "julemiste@xn--stersj-vxag.example" ]
}

@test "rules explain needs exactly one official" {
	contacts rules explain k
	[ "$status" -eq 3 ]
	[ "$output" = "" ]
	contacts rules explain Nobody
	[ "$status" -eq 1 ]
	contacts rules explain
	[ "$status" -eq 2 ]
}

@test "rules list names every profile and region" {
	contacts rules list
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c '^region ')" -eq 18 ]
	for cc in DK EE FI AX DE IS LV LT NO PL RU SE GB FR BE IT US; do
		printf '%s\n' "$output" | grep -q "^region $cc "
	done
	line=$(grep -n '^org formin' "$BATS_TEST_DIRNAME/../../data/rules" | cut -d: -f1)
	[[ "$output" == *"org formin  ("*"/rules:$line)"* ]]
	[[ "$output" == *"translit fi  ("*")
  ä a, ö o, å a, ü u"* ]]
}

@test "rules check is silent for the bundled rules and reports a bad file" {
	contacts rules check
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	contacts -r "$FIX/bad-pattern.rules" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $FIX/bad-pattern.rules:3:33: missing closing parenthesis" ]
	contacts rules frob
	[ "$status" -eq 2 ]
}

@test "bad region lines give RULES:LINE:COL" {
	printf 'region XX\n\tcode 12345\n' > "$BATS_TEST_TMPDIR/r1"
	contacts -r "$BATS_TEST_TMPDIR/r1" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r1:2:7: calling code '12345' must be 1 to 3 digits" ]
	printf 'region XX\n\tcode 99\n\tvalid (\\d\n' > "$BATS_TEST_TMPDIR/r2"
	contacts -r "$BATS_TEST_TMPDIR/r2" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r2:3:11: missing closing parenthesis" ]
	printf 'region XX\n\tcode 99\n\tformat (\\d+)\n' > "$BATS_TEST_TMPDIR/r3"
	contacts -r "$BATS_TEST_TMPDIR/r3" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r3:3:9: 'format' takes a pattern, then a replacement" ]
	printf 'region XX\n\tcode 99\nregion xx\n\tcode 98\n' > "$BATS_TEST_TMPDIR/r4"
	contacts -r "$BATS_TEST_TMPDIR/r4" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r4:3: region 'xx' already defined on line 1" ]
}

@test "a region added in a rule file is used for parsing and display" {
	cat "$BATS_TEST_DIRNAME/../../data/rules" > "$BATS_TEST_TMPDIR/rules"
	printf 'region ZZ\n\tcode 999\n\ttrunk 0\n\ttrunk-strip 0\n\tintl 00\n\tvalid 5\\d{5}\n\tformat (\\d{3})(\\d{3})\t$1-$2\n' >> "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" --region ZZ phone --format international --parse "0512 345"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "+999 512-345" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" --region ZZ phone --format national --parse "+999512345"
	[ "$output" = "0512-345" ]
}

# man_example WORD: the example block of contacts-rules(5) that opens with WORD,
# as a rule file.
man_example() {
	sed -n "/^$1 /,/^\\.fi/p" "$BATS_TEST_DIRNAME/../../data/contacts-rules.5" |
	    sed '/^\.fi/d; s/\\e/\\/g; s/\\-/-/g'
}

@test "the man page's examples work as written" {
	{ cat "$BATS_TEST_DIRNAME/../../data/rules"; man_example region; man_example org; } > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" --region AT phone --format international --parse "01 5880 0"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "+43 1 58800" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" email --org "Example Agency" "Jürgen Müller"
	[ "$status" -eq 0 ]
	[ "$output" = "jmueller@example.org" ]
}

@test "a format replacement of 80 characters and more is applied, not skipped for the next" {
	long='$1 $2 (switchboard of the Ministry for Foreign Affairs, ask for the duty officer)'
	[ "${#long}" -ge 80 ]
	printf 'region ZZ\n\tcode 999\n\ttrunk 0\n\tvalid 5\\d{5}\n\tformat (\\d{3})(\\d{3})\t%s\n\tformat (\\d{3})(\\d{3})\t$1-$2\n' "$long" > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" rules check
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" phone --format international --parse "+999512345"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "+999 512 345 (switchboard of the Ministry for Foreign Affairs, ask for the duty officer)" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" phone --format national --parse "+999512345"
	[ "$output" = "0512 345 (switchboard of the Ministry for Foreign Affairs, ask for the duty officer)" ]
	# Past what pcre2_substitute() is first given room for, with $N too.
	huge=$(printf '$1 %.0s' $(seq 300))
	printf 'region ZZ\n\tcode 999\n\tvalid 5\\d{5}\n\tformat (\\d{3})(\\d{3})\t%s\n\tnational (\\d{3})(\\d{3})\t%s$2\n' "$huge" "$huge" > "$BATS_TEST_TMPDIR/rules"
	contacts -r "$BATS_TEST_TMPDIR/rules" phone --format national --parse "+999512345"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '512 %.0s' $(seq 300))345" ]
	contacts -r "$BATS_TEST_TMPDIR/rules" phone --format international --parse "+999512345"
	[ "$output" = "+999 $(printf '512 %.0s' $(seq 299))512" ]
}

@test "a pathological org pattern is reported for its rows and by rules check, never a hang" {
	R="$BATS_TEST_TMPDIR/rules" S="$BATS_TEST_TMPDIR/s.csv"
	printf 'org slow\n\tmatch (a+)+$\n\ttemplate {last}\n\tdomain a.fi\n' > "$R"
	printf 'id,given_name,family_name,organization\n1,Anna,Aalto,%sb\n2,Bo,Berg,aaa\n' "$(printf 'a%.0s' $(seq 40))" > "$S"
	costly="$R:2:8: pattern too costly for the organization: match limit exceeded"
	run --separate-stderr timeout 60 "$CONTACTS" -r "$R" -f "$S" email Aalto
	show
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: Anna Aalto: $costly" ]
	contacts -r "$R" -f "$S" email Berg
	[ "$status" -eq 0 ]
	[ "$output" = "berg@a.fi" ]
	run --separate-stderr timeout 60 "$CONTACTS" -r "$R" -f "$S" check
	[ "$status" -eq 5 ]
	[ "$output" = "$S:2: email: rule 'slow': $costly" ]
	run --separate-stderr timeout 60 "$CONTACTS" -r "$R" -f "$S" rules explain Aalto
	[ "$status" -eq 0 ]
	[ "${lines[3]}" = "  rule                           $costly" ]
	run --separate-stderr timeout 60 "$CONTACTS" -r "$R" email --org "$(printf 'a%.0s' $(seq 40))b" "Anna Aalto"
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $costly" ]
	run --separate-stderr timeout 60 "$CONTACTS" -r "$R" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $R:2:8: pattern too costly: match limit exceeded on 64 'a' and one other character" ]
}

@test "an include loop is an error at the include, and includes nest 8 deep at most" {
	d=$BATS_TEST_TMPDIR
	printf 'include b.rules\n' > "$d/a.rules"
	printf 'include a.rules\n' > "$d/b.rules"
	contacts -r "$d/a.rules" lookup x
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $d/b.rules:1:9: include loop: 'a.rules' is already being read" ]
	printf 'include self.rules\n' > "$d/self.rules"
	contacts -r "$d/self.rules" rules check
	[ "$status" -eq 5 ]
	[ "${stderr%%$'\n'*}" = "contacts: $d/self.rules:1:9: include loop: 'self.rules' is already being read" ]
	# A chain of nine files (r1 to r8, then r9) is one too deep; eight is not.
	for i in 1 2 3 4 5 6 7 8; do printf 'include r%d.rules\n' $((i + 1)) > "$d/r$i.rules"; done
	printf 'default-region FI\ninclude bundled\n' > "$d/r9.rules"
	contacts -r "$d/r1.rules" lookup x
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $d/r8.rules:1:9: includes nested more than 8 deep" ]
	printf 'include bundled\n' > "$d/r7.rules"
	contacts -r "$d/r1.rules" lookup Pingoud
	[ "$status" -eq 0 ]
}

@test "a rule written decomposed (NFD) matches the organization written composed" {
	printf 'org nfd\n\tmatch ^Ulkoministerio\xcc\x88$\n\ttemplate {first}.{last}\n\tdomain um.example\ninclude bundled\n' > "$BATS_TEST_TMPDIR/n.rules"
	printf 'id,given_name,family_name,organization\n1,Anna,Ek,Ulkoministeri\xc3\xb6\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -r "$BATS_TEST_TMPDIR/n.rules" -f "$BATS_TEST_TMPDIR/s.csv" email ek
	show
	[ "$status" -eq 0 ]
	[ "$output" = "anna.ek@um.example" ]
}
