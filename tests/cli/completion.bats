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
add
edit
rm
import
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
	[ "$(printf '%s\n' "$cmds" | wc -l)" -eq 10 ]
	for cmd in $cmds; do
		grep -qE "^	([a-z]+\|)*$cmd(\|[a-z]+)*\)" "$BATS_TEST_DIRNAME/../../completions/contacts.bash"
		grep -q "$cmd" "$BATS_TEST_DIRNAME/../../completions/_contacts"
		grep -q -- "-a $cmd " "$BATS_TEST_DIRNAME/../../completions/contacts.fish"
	done
}

@test "every option a command's --help lists has a completion in each shell" {
	fish=$BATS_TEST_DIRNAME/../../completions/contacts.fish
	# Long options fish knows: each -l NAME, and the words a for loop gives -l $f.
	fish_longs=$( { grep -o -- '-l [a-z-]*' "$fish" | cut -c4-
		sed -n 's/^for f in //p' "$fish" | tr ' ' '\n'; } | grep .)
	contacts --help
	cmds=$(printf '%s\n' "$output" | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
	for cmd in $cmds; do
		contacts "$cmd" --help
		opts=$(printf '%s\n' "$output" | sed -n 's/^  \(-[a-z0-9], \)\{0,1\}--\([a-z-]*\).*/\2/p')
		complete_words "$cmd" --
		for o in $opts; do
			printf '%s\n' "$output" | grep -qx -- "--$o" ||
				{ echo "bash: $cmd --$o"; false; }
			grep -qE -- "--$o([^a-z-]|$)" "$BATS_TEST_DIRNAME/../../completions/_contacts" ||
				{ echo "zsh: $cmd --$o"; false; }
			printf '%s\n' "$fish_longs" | grep -qx -- "$o" ||
				{ echo "fish: $cmd --$o"; false; }
		done
	done
}

@test "every global option --help lists has a completion in each shell" {
	contacts --help
	opts=$(printf '%s\n' "$output" | sed -n '/^options:/,$s/^  \(-[a-zA-Z], \)\{0,1\}--\([a-z-]*\).*/\2/p')
	[ "$(printf '%s\n' "$opts" | wc -l)" -ge 6 ]
	complete_words --
	for o in $opts; do
		printf '%s\n' "$output" | grep -qxE -- "--$o=?" ||
			{ echo "bash: --$o"; false; }
		grep -qE -- "--$o([^a-z-]|$)" "$BATS_TEST_DIRNAME/../../completions/_contacts" ||
			{ echo "zsh: --$o"; false; }
		grep -qE -- "-l $o( |$)" "$BATS_TEST_DIRNAME/../../completions/contacts.fish" ||
			{ echo "fish: --$o"; false; }
	done
}
