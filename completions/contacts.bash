# bash completion for contacts(1)
_contacts() {
	local cur prev cmd i fields
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	fields="--given --family --title --org --unit --phone --mobile --email --note --source --set"

	# The store and rules given, for the names and regions asked of contacts.
	local -a global=()
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-f|--file|-r|--rules) global+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); ((i++)) ;;
		--region) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	-f|--file|-r|--rules)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--region)
		COMPREPLY=($(compgen -W "$(contacts "${global[@]}" __complete regions 2>/dev/null)" -- "${cur^^}")); return ;;
	--format)
		case $cmd in
		phone) COMPREPLY=($(compgen -W "e164 international national rfc3966" -- "$cur")) ;;
		import) COMPREPLY=($(compgen -W "csv vcard" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json tsv csv mutt vcard ldif" -- "$cur")) ;;
		esac
		return ;;
	--unset)
		COMPREPLY=($(compgen -W "given family title org unit phone mobile email note source" -- "$cur")); return ;;
	--fields|--base-dn|--org|--parse|--given|--family|--title|--unit|--phone|--mobile|--email|--note|--source|--set)
		return ;;
	esac
	case $cur in --color=*)
		COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}")); return ;;
	esac

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-f --file -r --rules --region --color= --no-cache -h --help -V --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "lookup email phone list export add edit rm import check rules" -- "$cur"))
		fi
		return
	fi
	if [ "$cmd" = rules ] && [ "$prev" = rules ]; then
		COMPREPLY=($(compgen -W "explain list check" -- "$cur"))
		return
	fi
	if [[ $cur != -* ]]; then
		case $cmd in
		import) COMPREPLY=($(compgen -f -- "$cur")) ;;
		lookup|email|phone|rules)
			# Names as the store has them, folded as lookup folds; each
			# quoted, as a name may have spaces.
			[ -n "$cur" ] || return
			local IFS=$'\n' n
			COMPREPLY=($(contacts "${global[@]}" __complete names "$cur" 2>/dev/null |
			    while IFS= read -r n; do printf '%q\n' "$n"; done)) ;;
		esac
		return
	fi
	case $cmd in
	lookup) COMPREPLY=($(compgen -W "--all-fields --format --json --tsv -0 --null --base-dn --fields --help" -- "$cur")) ;;
	email) COMPREPLY=($(compgen -W "--all --stdin --org --unicode --help" -- "$cur")) ;;
	phone) COMPREPLY=($(compgen -W "--format --parse --help" -- "$cur")) ;;
	list) COMPREPLY=($(compgen -W "--format --json --tsv -0 --null --base-dn --fields --help" -- "$cur")) ;;
	export) COMPREPLY=($(compgen -W "--spreadsheet-safe --format --json --tsv -0 --null --base-dn --fields --help" -- "$cur")) ;;
	add) COMPREPLY=($(compgen -W "$fields --allow-duplicate --help" -- "$cur")) ;;
	edit) COMPREPLY=($(compgen -W "$fields --unset --help" -- "$cur")) ;;
	import) COMPREPLY=($(compgen -W "-n --dry-run --update --format --help" -- "$cur")) ;;
	rm|check|rules) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
	esac
}
complete -F _contacts contacts
