#!/usr/bin/env bats
# completion.bats: the bash completion offers the commands and their options.
load helper

# complete_words WORD...: what bash completion offers for the last word.
complete_words() {
	on_path
	run bash -c 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1)); _contacts; printf "%s\n" "${COMPREPLY[@]}"' \
	    "$BATS_TEST_DIRNAME/../../completions/contacts.bash" contacts "$@"
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
sync
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
	# import's own formats, as its error lists them.
	contacts import --format nosuch x
	[ "${stderr%%$'\n'*}" = "contacts: import: unknown format 'nosuch' (known: csv, vcard, ldif, text)" ]
	complete_words import --format ""
	[ "$output" = "csv
vcard
ldif
text" ]
	complete_words import --rules-out /nonexistent-dir/
	[ -z "$output" ]
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
	[ "$(printf '%s\n' "$cmds" | wc -l)" -eq 12 ]
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
	[ "$output" = 'Ranki' ]
	complete_words lookup vuokko
	[ "$output" = 'Vuokko
Vuokko Ranki' ]
	complete_words lookup 'Vuokko\ r'
	[ "$output" = 'Vuokko Ranki' ]
	complete_words email pimia
	[ "$output" = 'Pimiä' ]
	printf 'id,given_name,family_name\n1,Åsa,Öberg\n' > "$BATS_TEST_TMPDIR/s.csv"
	complete_words -f "$BATS_TEST_TMPDIR/s.csv" lookup obe
	[ "$output" = 'Öberg' ]
	complete_words -f "$BATS_TEST_TMPDIR/s.csv" lookup "'asa"
	[ "$output" = 'Åsa
Åsa Öberg' ]
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
	# export alone writes the whole store's formats too.
	contacts export --format nosuch
	[ "$status" -eq 2 ]
	whole=$(printf '%s\n' "$stderr" | sed -n "s/.*(known: \(.*\))$/\1/p" | tr -d ,)
	[ "$whole" = "$known directory" ]
	complete_words export --format ""
	[ "$(printf '%s\n' "$output" | tr '\n' ' ')" = "$whole " ]
	grep -q -- '"--format=\[output format\]:format:($formats directory)"' "$BATS_TEST_DIRNAME/../../completions/_contacts"
	grep -q -- "from export\" -l format -x -a '$whole'" "$BATS_TEST_DIRNAME/../../completions/contacts.fish"
	contacts export --help
	[[ "$output" == *"or directory (LDIF of a directory store's entries"* ]]
}


# typed SHELL LINE: the words of LINE after the real shell's line editor,
# on a pseudo-terminal, completed it with one TAB.
typed() {
	command -v "$1" >/dev/null || { echo "$1 is not installed"; return 1; }
	on_path
	local top=$BATS_TEST_DIRNAME/../.. rc=$BATS_TEST_TMPDIR/$1rc
	case $1 in
	bash) printf "source '%s'\nbind 'set bell-style none'\n" "$top/completions/contacts.bash" > "$rc" ;;
	zsh) printf "fpath=('%s' \$fpath)\nautoload -Uz compinit && compinit -u -d '%s'\nbindkey -e\n" \
	    "$top/completions" "$BATS_TEST_TMPDIR/zcompdump" > "$rc" ;;
	esac
	run timeout 60 "$BATS_TEST_DIRNAME/pty-complete" "$1" "$rc" "$2"
	[ "$status" -eq 0 ] || { printf '%s\n' "$output"; return 1; }
	output=$(printf '%s\n' "$output" | tr '\n' '|')
}

# expect_typed SHELL LINE WORDS: WORDS is the completed line, words joined by |.
expect_typed() {
	typed "$1" "$2"
	[ "$output" = "$3|" ] || { echo "$1: '$2' gave '$output', not '$3|'"; return 1; }
}

@test "bash and zsh complete on a terminal: values after =, and words after them" {
	for sh in bash zsh; do
		expect_typed $sh 'contacts --color=al' 'contacts|--color=always'
		expect_typed $sh 'contacts --color=never lo' 'contacts|--color=never|lookup'
		expect_typed $sh 'contacts --color=always lookup --format=js' 'contacts|--color=always|lookup|--format=json'
		expect_typed $sh 'contacts lookup --format t' 'contacts|lookup|--format|t'
		expect_typed $sh 'contacts lookup --format vc' 'contacts|lookup|--format|vcard'
		expect_typed $sh 'contacts --region=S' 'contacts|--region=SE'
		expect_typed $sh 'contacts --region F' 'contacts|--region|F'
		expect_typed $sh 'contacts phone --format e1' 'contacts|phone|--format|e164'
		expect_typed $sh 'contacts email --un' 'contacts|email|--unicode'
		# A bare --color takes no value: the next word is the command.
		expect_typed $sh 'contacts --color lookup Pingo' 'contacts|--color|lookup|Pingoud'
	done
}

@test "bash and zsh complete names on a terminal, folded, with spaces, quoted or not" {
	for sh in bash zsh; do
		expect_typed $sh 'contacts --color=always lookup Pingo' 'contacts|--color=always|lookup|Pingoud'
		expect_typed $sh 'contacts email pimia' 'contacts|email|Pimiä'
		expect_typed $sh 'contacts email Vuokko\ R' 'contacts|email|Vuokko Ranki'
		expect_typed $sh "contacts email 'vuokko r" 'contacts|email|Vuokko Ranki'
		expect_typed $sh 'contacts email "Vuokko R' 'contacts|email|Vuokko Ranki'
		expect_typed $sh 'contacts lookup zzzz' 'contacts|lookup|zzzz'
		printf 'id,given_name,family_name\n1,Åsa,Öberg\n' > "$BATS_TEST_TMPDIR/s.csv"
		expect_typed $sh "contacts -f $BATS_TEST_TMPDIR/s.csv lookup obe" "contacts|-f|$BATS_TEST_TMPDIR/s.csv|lookup|Öberg"
	done
}

@test "fish completes values after = and quoted names" {
	command -v fish >/dev/null
	on_path
	c="$BATS_TEST_DIRNAME/../../completions/contacts.fish"
	run fish -c "source '$c'; complete -C 'contacts --color='"
	[ "$(printf '%s\n' "$output" | cut -f1 | tr '\n' ' ')" = "--color=always --color=auto --color=never " ]
	run fish -c "source '$c'; complete -C 'contacts lookup \"vuokko r'"
	[ "$(printf '%s\n' "$output" | cut -f1)" = "Vuokko Ranki" ]
	# fish keeps only answers that begin with what was typed, so the
	# letters with diacritics have to be typed.
	run fish -c "source '$c'; complete -C 'contacts lookup pimi'"
	[ "$(printf '%s\n' "$output" | cut -f1)" = "Pimiä" ]
}
