#!/usr/bin/env bats
# phone-corpus.bats: every raw number of the corpus in tests/data gets
# libphonenumber's E.164 answer (or INVALID), apart from the listed exceptions.
load helper

corpus() {
	local top="$BATS_TEST_DIRNAME/../.."
	CORPUS="${CONTACTS_PHONE_CORPUS:-$top/tests/data/phone-corpus.tsv}"
	EXCEPTIONS="$top/tests/phone-corpus-exceptions.tsv"
	[ -r "$CORPUS" ] || { echo "no phone corpus at $CORPUS"; return 1; }
}

@test "the phone corpus: every row agrees with libphonenumber's E.164 or INVALID" {
	corpus
	tail -n +2 "$CORPUS" | cut -f1,2 > "$BATS_TEST_TMPDIR/in"
	tail -n +2 "$CORPUS" | cut -f3 > "$BATS_TEST_TMPDIR/want"
	run --separate-stderr bash -c '"$0" phone --parse - < "$1" | cut -f1' "$CONTACTS" "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/got"
	total=$(wc -l < "$BATS_TEST_TMPDIR/in")
	[ "$(wc -l < "$BATS_TEST_TMPDIR/got")" -eq "$total" ]
	[ "$total" -ge 300 ]
	grep -v '^#' "$EXCEPTIONS" | cut -f1,2 > "$BATS_TEST_TMPDIR/except" || true
	paste "$BATS_TEST_TMPDIR/in" "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got" |
	    awk -F'\t' -v ex="$BATS_TEST_TMPDIR/except" '
		BEGIN { while ((getline line < ex) > 0) skip[line] = 1 }
		($1 "\t" $2) in skip { excepted++; next }
		$3 == $4 { agree++; next }
		{ printf "DIFFERS\t%s\t%s\twant %s\tgot %s\n", $1, $2, $3, $4; differ++ }
		END { printf "%d of %d rows agree, %d listed exceptions, %d differ\n",
		    agree, NR, excepted, differ }' > "$BATS_TEST_TMPDIR/report"
	sed 's/^/# /' "$BATS_TEST_TMPDIR/report" >&3
	[ "$(grep -c '^DIFFERS' "$BATS_TEST_TMPDIR/report")" -eq 0 ]
}

@test "every listed exception gives its reason" {
	corpus
	run awk -F'\t' '!/^#/ && NF != 3' "$EXCEPTIONS"
	[ "$output" = "" ]
}
