#!/usr/bin/env bats
# nfc.bats: text written decomposed (NFD, as macOS exports it) is the same
# text as composed: in the store, in queries, in what is added and imported.
load helper

setup() {
	helper_setup
	S=$BATS_TEST_TMPDIR/s.csv
	# Maija Järvi of Ulkoministeriö, every ä and ö decomposed.
	printf 'id,given_name,family_name,organization\n1,Maija,Ja\xcc\x88rvi,Ulkoministerio\xcc\x88\n2,Anna,Ek,Ulkoministeri\xc3\xb6\n' > "$S"
}

@test "an organization written in NFD gets its rule's address, and check is content" {
	contacts -f "$S" email "Maija Järvi"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "maija.jarvi@formin.fi" ]
	contacts -f "$S" check
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	# Shown composed.
	contacts -f "$S" lookup --json maija
	[ "$(printf '%s\n' "$output" | jq -r .organization)" = "Ulkoministeriö" ]
	[ "$(printf '%s\n' "$output" | jq -r .family_name)" = "Järvi" ]
}

@test "a query in NFD finds the composed name, and the other way round" {
	contacts lookup "$(printf 'Pimia\xcc\x88')"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kirsi Pimiä  [7]" ]
	contacts -f "$S" lookup "Järvi"
	[ "${lines[0]}" = "Maija Järvi  [1]" ]
	contacts -f "$S" email --org "$(printf 'Ulkoministerio\xcc\x88')" Matti Meikäläinen
	[ "$status" -eq 0 ]
	[ "$output" = "matti.meikalainen@formin.fi" ]
}

@test "what is added or imported in NFD is stored in NFC; rows left alone keep their bytes" {
	contacts -f "$S" add --given "$(printf 'So\xcc\x88ren')" --family Berg --org UM
	show
	[ "$status" -eq 0 ]
	grep -q "^3,Sören,Berg," "$S"
	! grep -q "$(printf 'So\xcc\x88ren')" "$S" || false
	# Row 1 was not changed: still decomposed, byte for byte.
	grep -q "$(printf '1,Maija,Ja\xcc\x88rvi,Ulkoministerio\xcc\x88')" "$S"
	printf 'given_name,family_name,organization\nO\xcc\x88sten,A\xcc\x8arberg,UM\n' > "$BATS_TEST_TMPDIR/in.csv"
	contacts -f "$S" import "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 0 ]
	grep -q ",Östen,Årberg,UM" "$S"
	contacts -f "$S" email "Östen Årberg"
	[ "$output" = "osten.arberg@formin.fi" ]
}

@test "compatibility letters and ligatures spell through their decomposition" {
	printf 'id,given_name,family_name,organization\n1,\xc7\x84emal,\xc7\x87ubi\xc4\x87,UM\n2,E\xef\xac\x81,Lund,UM\n' > "$S"
	contacts -f "$S" email ljubic
	show
	[ "$status" -eq 0 ]
	[ "$output" = "dzemal.ljubic@formin.fi" ]
	contacts -f "$S" email "efi lund"
	[ "$output" = "efi.lund@formin.fi" ]
	contacts -f "$S" lookup dzemal
	[ "${lines[0]}" = "Ǆemal Ǉubić  [1]" ]
}
