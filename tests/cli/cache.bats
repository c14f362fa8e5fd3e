#!/usr/bin/env bats
# cache.bats: the index under $XDG_CACHE_HOME answers as the store does, and is never stale.
load helper

# These tests are about the index itself: they run the binary, not the
# cold or off wrapper, and look into $HOME/.cache/contacts.
setup() {
	helper_setup
	BIN="${CONTACTS_BIN:-$CONTACTS}"
	S="$BATS_TEST_TMPDIR/officials.csv"
	cp "$BATS_TEST_DIRNAME/../../data/officials.csv" "$S"
	IDX="$HOME/.cache/contacts"
}

c() {
	run --separate-stderr "$BIN" -f "$S" "$@"
}

# The one index file there is.
index_file() {
	local f
	f=$(ls "$IDX"/*.idx)
	[ "$(printf '%s\n' "$f" | wc -l)" -eq 1 ]
	printf '%s\n' "$f"
}

# Rewrites the store in place: same inode, same size; then puts back its
# modification time to the nanosecond, as a fast editor or a restore might.
edit_in_place() {
	cp -p "$S" "$BATS_TEST_TMPDIR/ref"
	perl -e 'open my $f, "+<", $ARGV[0] or die; local $/; my $s = <$f>;
	    $s =~ s/$ARGV[1]/$ARGV[2]/ or die "no $ARGV[1]"; seek $f, 0, 0;
	    print $f $s; close $f or die' "$S" "$1" "$2"
	touch -r "$BATS_TEST_TMPDIR/ref" "$S"
}

@test "a change that keeps the inode, the size and the time to the nanosecond is seen" {
	c lookup Pingoud
	[ "$status" -eq 0 ]
	idx=$(index_file)
	before=$(stat -c '%i %s %.9Y' "$S")
	edit_in_place Pingoud Pingouf
	[ "$(stat -c '%i %s %.9Y' "$S")" = "$before" ]
	c lookup Pingouf
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingouf  [1]" ]
	c email "Kristina Pingouf"
	[ "$output" = "kristina.pingouf@formin.fi" ]
	c lookup Pingoud
	[ "$status" -eq 1 ]
}

@test "a write by contacts is seen by the next read" {
	c lookup Ranki
	[ "${lines[1]}" = "  title         assistent" ]
	c edit 2 --title "ledande assistent"
	[ "$status" -eq 0 ]
	c lookup Ranki
	[ "${lines[1]}" = "  title         ledande assistent" ]
	c add --given Vuokko --family Rankinen --org UM
	[ "$status" -eq 0 ]
	c email Vuokko Rankinen
	[ "$output" = "vuokko.rankinen@formin.fi" ]
	c rm 2
	c lookup Ranki
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Vuokko Rankinen  [8]" ]
}

@test "a second call reuses the index; it is written once" {
	c lookup Pingoud
	idx=$(index_file)
	stamp=$(stat -c '%i %.9Y %s' "$idx")
	c lookup Ranki
	[ "$status" -eq 0 ]
	c email Kristina Pingoud
	[ "$status" -eq 0 ]
	[ "$(stat -c '%i %.9Y %s' "$idx")" = "$stamp" ]
}

@test "a damaged or cut index is made anew, never trusted" {
	c lookup Pingoud
	idx=$(index_file)
	size=$(stat -c %s "$idx")
	head -c "$size" /dev/urandom > "$idx"
	cp "$idx" "$BATS_TEST_TMPDIR/garbage"
	c lookup Pingoud
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	! cmp -s "$idx" "$BATS_TEST_TMPDIR/garbage" || false
	# A byte changed deep inside, where no header check looks.
	printf 'Z' | dd of="$idx" bs=1 seek=$((size - 5)) conv=notrunc status=none
	c lookup Pimiä
	[ "${lines[0]}" = "Kirsi Pimiä  [7]" ]
	truncate -s 100 "$idx"
	c lookup Ranki
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
	[ "$(stat -c %s "$idx")" -eq "$size" ]
}

@test "a cache that cannot be written costs time, never an answer or a message" {
	touch "$BATS_TEST_TMPDIR/file"
	XDG_CACHE_HOME="$BATS_TEST_TMPDIR/file/below" c lookup Pingoud
	show
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	[ ! -e "$IDX" ]
}

@test "--no-cache neither reads nor writes an index" {
	run --separate-stderr "$BIN" --no-cache -f "$S" lookup Pingoud
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	[ ! -e "$IDX" ]
	c lookup Pingoud
	idx=$(index_file)
	edit_in_place Pingoud Pingouf
	# Were the old index read, Pingoud would still be found.
	run --separate-stderr "$BIN" --no-cache -f "$S" lookup Pingouf
	[ "$status" -eq 0 ]
	[ "$(stat -c %s "$idx")" -gt 0 ]
}

@test "each store has its own index, and other rules make another" {
	c lookup Pingoud
	cp "$S" "$BATS_TEST_TMPDIR/other.csv"
	run "$BIN" -f "$BATS_TEST_TMPDIR/other.csv" lookup Pingoud
	[ "$status" -eq 0 ]
	[ "$(ls "$IDX" | wc -l)" -eq 2 ]
	printf 'include bundled\norg cbss\n\tmatch ^CBSS\n\ttemplate {f}{last}\n\tdomain cbss.org\n' \
	    > "$BATS_TEST_TMPDIR/rules"
	c email Anniina Jokinen
	[ "$status" -eq 4 ]
	run --separate-stderr "$BIN" -f "$S" -r "$BATS_TEST_TMPDIR/rules" \
	    email Anniina Jokinen
	show
	[ "$status" -eq 0 ]
	[ "$output" = "ajokinen@cbss.org" ]
	c email Anniina Jokinen
	[ "$status" -eq 4 ]
}

@test "on a generated store the index answers exactly as the store read whole" {
	perl "$BATS_TEST_DIRNAME/../bench/gen-store" 2000 3 > "$S"
	# Names of the last rows, namesakes, prefixes, addresses and numbers.
	names=$(perl -e 'while (<>) { print "$1 $2\n" if /^\d+,([^",]+),([^",]+),/ }' "$S" |
	    awk 'NR % 7 == 0' | head -300)
	printf '%s\n' "$names" > "$BATS_TEST_TMPDIR/names"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/names")" -ge 200 ]
	queries=("Anna" "anna berg" "mik" "Ö" "von" "zzz" "Pingoud" \
	    "kristina.pingoud@formin.fi" "+358 295 143 039" "050" "virtanen")
	for q in "${queries[@]}"; do
		whole=$("$BIN" --no-cache -f "$S" lookup $q 2>&1; echo "rc=$?")
		fast=$("$BIN" -f "$S" lookup $q 2>&1; echo "rc=$?")
		[ "$whole" = "$fast" ] || { echo "differs: lookup $q"; false; }
		whole=$("$BIN" --no-cache -f "$S" email --all $q 2>&1; echo "rc=$?")
		fast=$("$BIN" -f "$S" email --all $q 2>&1; echo "rc=$?")
		[ "$whole" = "$fast" ] || { echo "differs: email --all $q"; false; }
	done
	whole=$("$BIN" --no-cache -f "$S" email --stdin < "$BATS_TEST_TMPDIR/names"; echo "rc=$?")
	fast=$("$BIN" -f "$S" email --stdin < "$BATS_TEST_TMPDIR/names"; echo "rc=$?")
	[ "$whole" = "$fast" ]
	# Some lines answered, some ambiguous: the comparison means something.
	printf '%s\n' "$fast" | grep -q '@'
	whole=$("$BIN" --no-cache -f "$S" list --json; echo "rc=$?")
	fast=$("$BIN" -f "$S" list --json; echo "rc=$?")
	[ "$whole" = "$fast" ]
	# Collision flags of the whole store, from the index.
	printf '%s\n' "$fast" | grep -q '"email_collision":true'
}

# faulty ENV... -- ARGS: the binary with the fault shim preloaded and ENV set.
faulty() {
	local envs=()
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	run --separate-stderr env \
	    LD_PRELOAD="$BATS_TEST_DIRNAME/../../build/check/libfault.so" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	    "${envs[@]}" "$BIN" -f "$S" "$@"
}

@test "a full disk while the index is saved costs time, never an answer" {
	faulty FAULT_WRITE_AFTER=100 -- lookup Pingoud
	show
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	# Nothing half-written is left, and nothing is taken for an index.
	[ -z "$(ls -A "$IDX")" ]
	c lookup Ranki
	[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
	index_file > /dev/null
}

@test "a call killed while saving the index leaves litter the next save removes" {
	faulty FAULT_KILL_WRITE=2 -- lookup Pingoud
	[ "$status" -eq 137 ]
	tmp=$(ls "$IDX"/.tmp.*)
	[ -f "$tmp" ]
	# Younger than an hour it may be another call's save in progress.
	c lookup Pingoud
	[ "$status" -eq 0 ]
	[ -f "$tmp" ]
	touch -d '2 hours ago' "$tmp"
	edit_in_place Pingoud Pingouf
	c lookup Pingouf
	[ "$status" -eq 0 ]
	[ ! -e "$tmp" ]
	index_file > /dev/null
}

@test "calls racing to make the index agree, and leave one index behind" {
	perl "$BATS_TEST_DIRNAME/../bench/gen-store" 3000 5 > "$S"
	want=$("$BIN" --no-cache -f "$S" lookup "$(sed -n '2998p' "$S" | cut -d, -f3)")
	name=$(sed -n '2998p' "$S" | cut -d, -f3)
	for i in 1 2 3 4 5 6; do
		"$BIN" -f "$S" lookup "$name" > "$BATS_TEST_TMPDIR/out.$i" 2>&1 &
	done
	wait
	for i in 1 2 3 4 5 6; do
		[ "$(cat "$BATS_TEST_TMPDIR/out.$i")" = "$want" ]
	done
	index_file > /dev/null
	[ -z "$(ls "$IDX"/.tmp.* 2>/dev/null)" ]
}

@test "a read while contacts writes sees the store before or after, whole" {
	for i in $(seq 1 15); do
		"$BIN" -f "$S" edit 1 --title "title $i" > /dev/null 2>&1
	done &
	writer=$!
	for i in $(seq 1 15); do
		"$BIN" -f "$S" lookup Pingoud > "$BATS_TEST_TMPDIR/r.$i" 2>&1
	done
	wait "$writer"
	for i in $(seq 1 15); do
		head -2 "$BATS_TEST_TMPDIR/r.$i" | tail -1 |
		    grep -qE '^  title         (ledande sakkunnig|title [0-9]+)$' ||
		    { cat "$BATS_TEST_TMPDIR/r.$i"; false; }
		[ "$(wc -l < "$BATS_TEST_TMPDIR/r.$i")" -eq 7 ]
	done
	c lookup Pingoud
	[ "${lines[1]}" = "  title         title 15" ]
}
