#!/usr/bin/env bats
# run.bats: tests/run counts a skipped test as skipped, not passed, and under
# CI=true fails the run for a skip tests/skips does not list.
load helper

@test "tests/run counts skips apart, and CI=true fails an unlisted skip" {
	top=$BATS_TEST_DIRNAME/../..
	export CLI_TESTS=$top/tests/fixtures/run/skips.bats CACHE_MODES="on cold off"
	CI= run "$top/tests/run"
	[ "$status" -eq 0 ]
	[ "${lines[${#lines[@]}-1]}" = "3 passed, 0 failed, 3 skipped" ]
	CI=true run "$top/tests/run"
	[ "$status" -ne 0 ]
	[[ "$output" == *"not in tests/skips: "*"this one skips"* ]]
	[ "${lines[${#lines[@]}-1]}" = "3 passed, 0 failed, 3 skipped" ]
	# Listed with a reason, the skip is allowed.
	printf 'this one skips\tthe reason\n' > "$BATS_TEST_TMPDIR/skips"
	SKIPS=$BATS_TEST_TMPDIR/skips CI=true run "$top/tests/run"
	[ "$status" -eq 0 ]
	[ "${lines[${#lines[@]}-1]}" = "3 passed, 0 failed, 3 skipped" ]
}
