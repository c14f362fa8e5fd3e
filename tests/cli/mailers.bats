#!/usr/bin/env bats
# mailers.bats: the README's lines for aerc, lbdb and fzf, run as written.
load helper

@test "the README's aerc line, run as aerc runs it, gives address lines only" {
	line=$(readme_block 'aerc (aerc.conf')
	[[ "$line" == "address-book-cmd = "* ]]
	on_path
	# aerc splits the command like a shell, puts the typed text in place
	# of %s and runs it without a shell; each line is EMAIL<TAB>NAME[...].
	run /usr/bin/python3 -c '
import shlex, subprocess, sys
argv = [a.replace("%s", sys.argv[2]) for a in shlex.split(sys.argv[1])]
sys.stdout.write(subprocess.run(argv, capture_output=True, text=True).stdout)
' "${line#address-book-cmd = }" "vuokko r"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi	Vuokko Ranki	assistent, UM" ]
	run /usr/bin/python3 -c '
import shlex, subprocess, sys
argv = [a.replace("%s", sys.argv[2]) for a in shlex.split(sys.argv[1])]
sys.stdout.write(subprocess.run(argv, capture_output=True, text=True).stdout)
' "${line#address-book-cmd = }" "@formin.fi"
	[ "${#lines[@]}" -eq 2 ]
	for l in "${lines[@]}"; do
		[[ "$l" =~ ^[a-z.]+@formin\.fi$'\t'[^$'\t']+$'\t' ]] || { echo "not an address line: $l"; false; }
	done
}

@test "lbdb's lbdbq finds officials through the README's module" {
	command -v lbdbq >/dev/null
	on_path
	mkdir -p "$HOME/.lbdb/modules"
	readme_block 'module ~/.lbdb/modules/m_contacts' > "$HOME/.lbdb/modules/m_contacts"
	readme_block 'lines in ~/.lbdbrc' > "$HOME/.lbdbrc"
	grep -q '^m_contacts_query()' "$HOME/.lbdb/modules/m_contacts"
	grep -q '^METHODS=' "$HOME/.lbdbrc"
	run lbdbq pingoud
	show
	[ "$status" -eq 0 ]
	[ "$output" = "lbdbq: 1 matches
kristina.pingoud@formin.fi	Kristina Pingoud	ledande sakkunnig, Utrikesministeriet" ]
	run lbdbq @formin.fi
	[ "${lines[0]}" = "lbdbq: 2 matches" ]
	# An official without an address, and no official at all, are no match.
	run lbdbq Jokinen
	[ "$status" -eq 1 ]
	[ "$output" = "lbdbq: no matches" ]
}

@test "the README's fzf picker gives the address of the official picked" {
	command -v fzf >/dev/null
	line=$(readme_block 'A picker, as khard users')
	[[ "$line" == 'to=$(contacts list '*'| fzf '* ]]
	on_path
	# fzf's --filter prints, best first, what a user typing the query sees.
	export FZF_DEFAULT_OPTS="--filter=vuokko"
	run bash -c "$line"' && printf "%s\n" "$to"'
	show
	[ "$status" -eq 0 ]
	[ "$output" = "vuokko.ranki@formin.fi" ]
	export FZF_DEFAULT_OPTS="--filter=sakkunnig"
	run bash -c "$line"' && printf "%s\n" "$to"'
	[ "$output" = "kristina.pingoud@formin.fi" ]
	# The query is matched against the name and title shown, not the address.
	export FZF_DEFAULT_OPTS="--filter=@"
	run bash -c "$line"' && printf "%s\n" "$to"'
	[ "$output" = "" ]
}
