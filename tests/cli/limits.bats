#!/usr/bin/env bats
# limits.bats: the store's documented limits, each a clear FILE:LINE error
# and exit 5, reached without reading more than it takes to see them.
load helper

# refused FILE LINE MESSAGE: every reading command, and check, refuse the
# store at FILE with "FILE:LINE: MESSAGE"; the store is left as it was.
refused() {
	sum=$(cksum < "$1")
	for cmd in "lookup b" "email b" "list"; do
		contacts -f "$1" $cmd
		show
		[ "$status" -eq 5 ]
		[ "$output" = "" ]
		[ "$stderr" = "contacts: $1${2:+:$2}: $3" ]
	done
	contacts -f "$1" edit 1 --title x
	show
	[ "$status" -eq 5 ]
	contacts -f "$1" check
	[ "$status" -eq 5 ]
	[ "${lines[0]}" = "$1${2:+:$2}: $3" ]
	[ "$(cksum < "$1")" = "$sum" ]
}

@test "a field longer than 64 KiB is refused; one of 64 KiB is read" {
	S=$BATS_TEST_TMPDIR/s.csv
	{ printf 'id,given_name,note\n1,A,'; head -c 65537 /dev/zero | tr '\0' x
	  printf '\n2,B,ok\n'; } > "$S"
	refused "$S" 2 "a field longer than 65536 bytes"
	{ printf 'id,given_name,note\n1,A,'; head -c 65536 /dev/zero | tr '\0' x
	  printf '\n2,B,ok\n'; } > "$S"
	contacts -f "$S" lookup --json a
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | jq -r '.note | length')" = 65536 ]
}

@test "a row longer than 1 MiB is refused, though each of its lines is shorter" {
	S=$BATS_TEST_TMPDIR/s.csv
	/usr/bin/python3 -c '
print("id,given_name," + ",".join("c%d" % i for i in range(20)))
print("1,A," + ",".join("\"" + "y" * 30000 + "\n" + "z" * 30000 + "\"" for i in range(20)))
print("2,B")' > "$S"
	refused "$S" 2 "a row longer than 1048576 bytes"
	# check goes on past it to the rows after.
	contacts -f "$S" check
	[ "${#lines[@]}" -eq 1 ]
}

@test "more than 1024 columns are refused; 1024 are read" {
	S=$BATS_TEST_TMPDIR/s.csv
	{ printf 'id,given_name'; seq -f ',c%g' 1023 | tr -d '\n'; printf '\n1,B\n'; } > "$S"
	refused "$S" 1 "more than 1024 columns"
	{ printf 'id,given_name'; seq -f ',c%g' 1022 | tr -d '\n'; printf '\n1,B\n'; } > "$S"
	contacts -f "$S" lookup --tsv b
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | tail -1)" = c1022 ]
}

@test "a gigabyte on one line fails at once, from a file or a pipe" {
	S=$BATS_TEST_TMPDIR/s.csv
	# Sparse: a gigabyte that takes no room, one line after the header.
	printf 'id,given_name\n1,B,' > "$S"
	truncate -s 1000000000 "$S"
	refused "$S" 2 "a line longer than 1048576 bytes"
	# Neither reader reads much of it: past 20 MB every read of it fails.
	for nocache in "" --no-cache; do
		run --separate-stderr env \
		    LD_PRELOAD="$BATS_TEST_DIRNAME/../../build/check/libfault.so" \
		    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		    FAULT_READ_AFTER=20000000 "$CONTACTS" $nocache -f "$S" lookup b
		show
		[ "$status" -eq 5 ]
		[ "$stderr" = "contacts: $S:2: a line longer than 1048576 bytes" ]
	done
	# Through -f -, a reader that read it whole would take the whole
	# gigabyte from the pipe; dd says how much it could write.
	run bash -c 'trap "" PIPE; { printf "id,given_name\n1,B,"; head -c 1000000000 /dev/zero; } |
	    dd bs=65536 2>"$1" | "$0" -f - lookup b; tail -1 "$1"' "$CONTACTS" "$BATS_TEST_TMPDIR/dd"
	show
	[[ "$output" == *"contacts: (standard input):2: a line longer than 1048576 bytes"* ]]
	copied=$(sed -n 's/^\([0-9]*\) bytes.*/\1/p' "$BATS_TEST_TMPDIR/dd")
	[ -n "$copied" ]
	[ "$copied" -lt 20000000 ]
}

@test "a header of ten million columns fails at once" {
	S=$BATS_TEST_TMPDIR/s.csv
	{ printf 'given_name'; head -c 10000000 /dev/zero | tr '\0' ','; printf '\nB\n'; } > "$S"
	refused "$S" 1 "a line longer than 1048576 bytes"
}

@test "a store larger than 1 GiB is refused before it is read" {
	S=$BATS_TEST_TMPDIR/s.csv
	printf 'id,given_name\n1,B\n' > "$S"
	truncate -s 1073741825 "$S"
	refused "$S" "" "larger than 1073741824 bytes, the most a store may be"
}
