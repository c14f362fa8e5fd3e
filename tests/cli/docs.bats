#!/usr/bin/env bats
# docs.bats: --help and the man page say the same thing about every command.
load helper

# The man page as plain lines: font escapes and request names gone.
man_text() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/^\.[BIR]*[BIR] //' \
	    "$BATS_TEST_DIRNAME/../../data/contacts.1"
}

@test "every command's usage line is in the man page, word for word" {
	contacts --help
	cmds=$(printf '%s\n' "$output" | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
	[ -n "$cmds" ]
	man=$(man_text)
	for cmd in $cmds; do
		contacts "$cmd" --help
		[ "$status" -eq 0 ]
		if printf '%s\n' "$output" | sed -n '4,/^$/p' | grep -q '^  [a-z]'; then
			for sub in $(printf '%s\n' "$output" | sed -n '4,/^$/s/^  \([a-z]*\) .*/\1/p'); do
				contacts "$cmd" "$sub" --help
				usage=${lines[0]#usage: contacts }
				printf '%s\n' "$man" | grep -qxF -- "$usage" ||
					{ echo "not in the man page: $usage"; false; }
			done
			continue
		fi
		usage=${lines[0]#usage: contacts }
		printf '%s\n' "$man" | grep -qxF -- "$usage" ||
			{ echo "not in the man page: $usage"; false; }
	done
}

@test "both man pages are clean for mandoc -Tlint" {
	command -v mandoc >/dev/null
	run mandoc -Tlint -Wall "$BATS_TEST_DIRNAME/../../data/contacts.1" \
	    "$BATS_TEST_DIRNAME/../../data/contacts-rules.5"
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}
