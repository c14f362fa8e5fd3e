#!/usr/bin/env bats
# completion.bats: the bash completion offers the commands and their options.
load helper

# complete_words WORD...: what bash completion offers for the last word.
complete_words() {
	run bash -c 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1)); _contacts; printf "%s\n" "${COMPREPLY[@]}"' \
	    "$BATS_TEST_DIRNAME/../../completions/contacts.bash" contacts "$@"
}

@test "bash completion offers the commands" {
	complete_words ""
	[ "$output" = "lookup
email
phone
list
check
rules" ]
}

@test "bash completion knows each command's options and values" {
	complete_words email --
	[ "$output" = "--all
--stdin
--org
--unicode
--help" ]
	complete_words phone --format ""
	[ "$output" = "e164
international
national
rfc3966" ]
	complete_words lookup --format j
	[ "$output" = "json" ]
	complete_words --region s
	[ "$output" = "SE" ]
	complete_words rules ""
	[ "$output" = "explain
list
check" ]
}

@test "every command in --help has a completion" {
	contacts --help
	cmds=$(printf '%s\n' "$output" | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
	[ "$(printf '%s\n' "$cmds" | wc -l)" -eq 6 ]
	for cmd in $cmds; do
		grep -qE "^	([a-z]+\|)*$cmd(\|[a-z]+)*\)" "$BATS_TEST_DIRNAME/../../completions/contacts.bash"
		grep -q "$cmd" "$BATS_TEST_DIRNAME/../../completions/_contacts"
		grep -q -- "-a $cmd " "$BATS_TEST_DIRNAME/../../completions/contacts.fish"
	done
}
