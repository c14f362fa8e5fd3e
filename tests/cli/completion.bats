#!/usr/bin/env bats
# completion.bats: the bash completion offers the commands and their options.
load helper

# complete_words WORD...: what bash completion offers for the last word.
complete_words() {
	on_path
	run bash -c 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1)); _contacts; printf "%s\n" "${COMPREPLY[@]}"' \
	    "$BATS_TEST_DIRNAME/../../completions/contacts.bash" contacts "$@"
}

# The binary under test as the contacts the completions run.
on_path() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$CONTACTS" "$BATS_TEST_TMPDIR/bin/contacts"
	case $PATH in "$BATS_TEST_TMPDIR/bin":*) ;; *) PATH="$BATS_TEST_TMPDIR/bin:$PATH" ;; esac
}

@test "bash completion offers the commands" {
	complete_words ""
	[ "$output" = "lookup
email
phone
list
export
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
	[ "$(printf '%s\n' "$cmds" | wc -l)" -eq 11 ]
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

@test "bash completes regions from the rules and names from the store, folded and quoted" {
	complete_words --region ""
	for r in FI SE FR BE IT US 001; do
		printf '%s\n' "$output" | grep -qx "$r" || { echo "no $r"; false; }
	done
	complete_words lookup ran
	[ "$output" = 'Ranki
Vuokko\ Ranki' ]
	complete_words email pimia
	[ "$output" = 'Kirsi\ Pimiä
Pimiä' ]
	printf 'id,given_name,family_name\n1,Åsa,Öberg\n' > "$BATS_TEST_TMPDIR/s.csv"
	complete_words -f "$BATS_TEST_TMPDIR/s.csv" lookup obe
	[ "$output" = 'Åsa\ Öberg
Öberg' ]
	complete_words lookup zzz
	[ "$output" = "" ]
}

@test "fish itself completes regions and names through the hidden command" {
	command -v fish >/dev/null
	on_path
	run fish -c "source '$BATS_TEST_DIRNAME/../../completions/contacts.fish'; complete -C 'contacts --region '"
	printf '%s\n' "$output"
	printf '%s\n' "$output" | cut -f1 | grep -qx FR
	printf '%s\n' "$output" | cut -f1 | grep -qx 001
	run fish -c "source '$BATS_TEST_DIRNAME/../../completions/contacts.fish'; complete -C 'contacts lookup Ran'"
	printf '%s\n' "$output"
	printf '%s\n' "$output" | cut -f1 | grep -qx Ranki
}

@test "the hidden completion command is not in --help, and answers quickly" {
	contacts --help
	[[ "$output" != *__complete* ]]
	contacts __complete names ""
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	contacts __complete regions
	[ "${lines[0]}" = FI ]
}

@test "the format names of each completion are those of the format table" {
	contacts lookup --format nosuch Pingoud
	[ "$status" -eq 2 ]
	known=$(printf '%s\n' "$stderr" | sed -n "s/.*(known: \(.*\))$/\1/p" | tr -d ,)
	[ -n "$known" ]
	complete_words lookup --format ""
	[ "$(printf '%s\n' "$output" | tr '\n' ' ')" = "$known " ]
	grep -qx "local -a formats=($known) .*" "$BATS_TEST_DIRNAME/../../completions/_contacts"
	grep -q -- "-l format -x -a '$known'" "$BATS_TEST_DIRNAME/../../completions/contacts.fish"
	for cmd in lookup list export; do
		contacts $cmd --help
		line=$(printf '%s\n' "$output" | grep -- '--format FMT')
		for f in $known; do
			[[ "$line" == *"$f"* ]] || { echo "$cmd --help lacks $f"; false; }
		done
	done
}

