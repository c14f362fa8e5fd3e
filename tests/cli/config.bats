#!/usr/bin/env bats
# config.bats: the settings file, $XDG_CONFIG_HOME/contacts/config.
load helper

setup() {
	helper_setup
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/cfg"
	mkdir -p "$XDG_CONFIG_HOME/contacts"
	CF="$XDG_CONFIG_HOME/contacts/config"
	S="$BATS_TEST_TMPDIR/s.csv"
	printf 'id,given_name,family_name,organization\n1,Kari,Nordmann,UM\n' > "$S"
}

@test "a store line names the store; -f and \$CONTACTS_FILE come before it" {
	printf '# where my officials are\nstore %s\n' "$S" > "$CF"
	contacts email Nordmann
	[ "$status" -eq 0 ]
	[ "$output" = "kari.nordmann@formin.fi" ]
	contacts lookup Pingoud
	[ "$status" -eq 1 ]
	CONTACTS_FILE="$BATS_TEST_DIRNAME/../../data/officials.csv" contacts email Pingoud
	[ "$output" = "kristina.pingoud@formin.fi" ]
	contacts -f "$BATS_TEST_DIRNAME/../../data/officials.csv" email Nordmann
	[ "$status" -eq 1 ]
	# Writes go there too.
	contacts add --given Liisa --family Laine
	[ "$output" = "2" ]
	grep -q '^2,Liisa,Laine,' "$S"
}

@test "a setting the file cannot have is an error naming its line, for every command" {
	printf 'store %s\ncolour blue\n' "$S" > "$CF"
	contacts email Nordmann
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $CF:2: unknown setting 'colour' (known: store, ldap-bind-dn, ldap-password-file, ldap-ca-file, ldap-starttls, ldap-id-step, ldap-id-offset, ldap-timeout)" ]
	printf 'ldap-starttls maybe\n' > "$CF"
	contacts list
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $CF:1: ldap-starttls is 'yes' or 'no', not 'maybe'" ]
	printf 'store a\nstore b\n' > "$CF"
	contacts list
	[ "$stderr" = "contacts: $CF:2: 'store' given twice" ]
	printf 'store\n' > "$CF"
	contacts list
	[ "$stderr" = "contacts: $CF:1: 'store' needs a value" ]
	# No file is no error; an unreadable one is.
	rm "$CF"
	contacts lookup Pingoud
	[ "$status" -eq 0 ]
	mkdir "$CF"
	contacts lookup Pingoud
	[ "$status" -eq 6 ]
	[[ "$stderr" == "contacts: cannot read '$CF': "* ]]
}

@test "a comment may end a line, and a relative path is the settings file's neighbour" {
	cp "$S" "$XDG_CONFIG_HOME/contacts/mine.csv"
	printf 'store mine.csv   # beside this file\n' > "$CF"
	cd "$BATS_TEST_TMPDIR"
	contacts email Nordmann
	[ "$status" -eq 0 ]
	[ "$output" = "kari.nordmann@formin.fi" ]
	printf 'store %s#1\n' "$S" > "$CF"
	contacts lookup Nordmann
	[ "$status" -eq 6 ]
	[[ "$stderr" == *"$S#1"* ]]
}
