#!/usr/bin/env bats
# safety.bats: concurrent writers, failing writes and killed writers: the store
# is always the old file or the new one, whole.
load helper

TOP="$BATS_TEST_DIRNAME/../.."
GEN="$TOP/tests/bench/gen-store"
FAULT="$TOP/build/check/libfault.so"

# faulty ENV... -- ARGS: the binary with the shim preloaded and ENV set.
faulty() {
	local envs=()
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	run --separate-stderr env LD_PRELOAD="$FAULT" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	    "${envs[@]}" "$CONTACTS" "$@"
}

# No temporary file is left beside the store.
no_temp() {
	! ls "$1".tmp.* >/dev/null 2>&1
}

@test "20 concurrent adds: 20 rows, unique ids, a store that parses" {
	S="$BATS_TEST_TMPDIR/s.csv"
	cp "$TOP/data/officials.csv" "$S"
	for i in $(seq 1 20); do
		"$CONTACTS" -f "$S" add --given "Person$i" --family Concurrent --org UM \
		    > "$BATS_TEST_TMPDIR/id.$i" 2> "$BATS_TEST_TMPDIR/err.$i" &
	done
	wait
	cat "$BATS_TEST_TMPDIR"/err.*
	[ -z "$(cat "$BATS_TEST_TMPDIR"/err.*)" ]
	[ "$(cat "$BATS_TEST_TMPDIR"/id.* | sort -n | tr '\n' ' ')" = "8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 " ]
	[ "$(grep -c ',Concurrent,' "$S")" -eq 20 ]
	contacts -f "$S" check
	show
	[ "$status" -eq 0 ]
	contacts -f "$S" list --tsv
	[ "${#lines[@]}" -eq 28 ]
	no_temp "$S"
}

@test "a write that fails half-way leaves the store byte for byte, and no temporary file" {
	S="$BATS_TEST_TMPDIR/s.csv"
	"$GEN" 2000 > "$S"
	cp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	faulty FAULT_WRITE_AFTER=70000 -- -f "$S" edit 5 --title x
	show
	[ "$status" -eq 6 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: cannot write '$S': No space left on device" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	no_temp "$S"
	faulty FAULT_FSYNC=1 -- -f "$S" edit 5 --title x
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot write '$S': Input/output error" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	no_temp "$S"
	faulty FAULT_RENAME=1 -- -f "$S" edit 5 --title x
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot write '$S': Input/output error" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	no_temp "$S"
	# The highest id is recorded first; when that fails, nothing else is written.
	[ "$(cat "$S.lastid")" = 2000 ]
	faulty FAULT_WRITE_AFTER=0 -- -f "$S" add --family New
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot write '$S.lastid': No space left on device" ]
	[ "$output" = "" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	[ "$(cat "$S.lastid")" = 2000 ]
	no_temp "$S"
	# What a writer would say is said only once the store is saved.
	printf 'given_name,family_name\nLiisa,Laine\n' > "$BATS_TEST_TMPDIR/in.csv"
	faulty FAULT_RENAME=1 -- -f "$S" import "$BATS_TEST_TMPDIR/in.csv"
	[ "$status" -eq 6 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: cannot write '$S.lastid': Input/output error" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	# The shim is really in the path: without a fault, the same edit works.
	faulty FAULT_NONE=1 -- -f "$S" edit 5 --title x
	[ "$status" -eq 0 ]
	! cmp -s "$S" "$BATS_TEST_TMPDIR/orig.csv" || false
}

@test "a file size limit (a full disk) is exit 6, not a death by SIGXFSZ" {
	command -v prlimit
	S="$BATS_TEST_TMPDIR/s.csv"
	"$GEN" 2000 > "$S"
	cp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	run --separate-stderr prlimit --fsize=65536 "$CONTACTS" -f "$S" edit 5 --title x
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot write '$S': File too large" ]
	cmp "$S" "$BATS_TEST_TMPDIR/orig.csv"
	no_temp "$S"
}

@test "SIGKILL while a 100k-row store is rewritten: the old file or the new, never a mix" {
	big="$BATS_TEST_TMPDIR/big.csv"
	"$GEN" 100000 > "$BATS_TEST_TMPDIR/old.csv"
	cp "$BATS_TEST_TMPDIR/old.csv" "$BATS_TEST_TMPDIR/new.csv"
	"$CONTACTS" -f "$BATS_TEST_TMPDIR/new.csv" edit 99990 --title "after the kill"
	! cmp -s "$BATS_TEST_TMPDIR/old.csv" "$BATS_TEST_TMPDIR/new.csv" || false
	writes=$(( $(stat -c %s "$BATS_TEST_TMPDIR/new.csv") / 65536 + 1 ))
	[ "$writes" -gt 100 ]
	for point in write:1 write:$((writes / 2)) write:$writes before-rename after-rename; do
		cp "$BATS_TEST_TMPDIR/old.csv" "$big"
		case $point in
		write:*) faulty FAULT_KILL_WRITE=${point#write:} -- -f "$big" edit 99990 --title "after the kill" ;;
		*) faulty FAULT_KILL=$point -- -f "$big" edit 99990 --title "after the kill" ;;
		esac
		echo "$point: status $status"
		[ "$status" -eq 137 ]
		if [ "$point" = after-rename ]; then
			cmp "$big" "$BATS_TEST_TMPDIR/new.csv"
		else
			cmp "$big" "$BATS_TEST_TMPDIR/old.csv"
		fi
	done
	# A writer killed at random moments: still one file or the other.
	for delay in 0.05 0.1 0.2 0.3 0.5 0.8; do
		cp "$BATS_TEST_TMPDIR/old.csv" "$big"
		"$CONTACTS" -f "$big" edit 99990 --title "after the kill" 2>/dev/null &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" || true
		cmp -s "$big" "$BATS_TEST_TMPDIR/old.csv" || cmp "$big" "$BATS_TEST_TMPDIR/new.csv"
	done
	# The next writer, under the lock, clears what killed writers left.
	cp "$BATS_TEST_TMPDIR/old.csv" "$big"
	faulty FAULT_KILL_WRITE=2 -- -f "$big" edit 99990 --title "after the kill"
	[ "$status" -eq 137 ]
	ls "$big".tmp.*
	contacts -f "$big" edit 99990 --title "after the kill"
	[ "$status" -eq 0 ]
	cmp "$big" "$BATS_TEST_TMPDIR/new.csv"
	no_temp "$big"
}
