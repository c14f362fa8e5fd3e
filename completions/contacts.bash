# bash completion for contacts(1)
_contacts() {
	local cur prev cmd i w opt= eq= fields
	fields="--given --family --title --org --unit --phone --mobile --email --note --source --set"

	# Readline breaks "--color=al" at the "=" into three words; join them
	# again, so what follows reads the words as they were typed.
	local -a words=()
	local cword=0 join=
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ -n "$join" ] || { [ "$w" = = ] && [[ ${words[${#words[@]}-1]} == --* ]]; }; then
			words[${#words[@]}-1]+=$w
		else
			words+=("$w")
		fi
		join=
		[ "$w" = = ] && [ "$i" -lt "$COMP_CWORD" ] && join=1
	done
	cword=$((${#words[@]} - 1))
	cur=${words[cword]}
	prev=${words[cword-1]}

	# The store and rules given, for the names and regions asked of contacts.
	local -a global=()
	cmd=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-f|--file|-r|--rules) global+=("${words[i]}" "${words[i+1]}"); ((i++)) ;;
		--file=*|--rules=*) global+=("${words[i]}") ;;
		--region) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	# An option's value, given as "--opt VALUE" or "--opt=VALUE"; readline
	# completes only what follows the "=" when "=" breaks words.
	case $cur in
	--*=*)
		opt=${cur%%=*} cur=${cur#*=}
		[[ $COMP_WORDBREAKS == *=* ]] || eq="$opt=" ;;
	*)
		opt=$prev ;;
	esac

	case $opt in
	-f|--file|-r|--rules|--rules-out|--from|--to)
		COMPREPLY=($(compgen -P "$eq" -f -- "$cur")); return ;;
	--region)
		COMPREPLY=($(compgen -P "$eq" -W "$(contacts "${global[@]}" __complete regions 2>/dev/null)" -- "${cur^^}")); return ;;
	--format)
		case $cmd in
		phone) COMPREPLY=($(compgen -P "$eq" -W "e164 international national rfc3966" -- "$cur")) ;;
		import) COMPREPLY=($(compgen -P "$eq" -W "csv vcard ldif text" -- "$cur")) ;;
		export) COMPREPLY=($(compgen -P "$eq" -W "text json tsv csv mutt vcard ldif directory" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -P "$eq" -W "text json tsv csv mutt vcard ldif" -- "$cur")) ;;
		esac
		return ;;
	--unset)
		COMPREPLY=($(compgen -P "$eq" -W "given family title org unit phone mobile email note source" -- "$cur")); return ;;
	--fields|--base-dn|--org|--parse|--given|--family|--title|--unit|--phone|--mobile|--email|--note|--source|--set)
		return ;;
	--color)
		# Its value is optional, so only "--color=" takes one.
		if [[ ${words[cword]} == --color=* ]]; then
			COMPREPLY=($(compgen -P "$eq" -W "auto always never" -- "$cur"))
			return
		fi ;;
	esac

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-f --file -r --rules --region --color= --no-cache -h --help -V --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "lookup email phone list export add edit rm import sync check rules" -- "$cur"))
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
			# Names as the store has them, folded as lookup folds. The
			# word typed may be quoted ("Vuokko\ R", "'Vuokko R"); readline
			# quotes the answers as it quotes file names, closing the quote.
			local IFS=$'\n' typed=${cur//\\/}
			typed=${typed#[\"\']}
			[ -n "$typed" ] || return
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(contacts "${global[@]}" __complete names "$typed" 2>/dev/null)) ;;
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
	import) COMPREPLY=($(compgen -W "-n --dry-run --update --format --text --rules-out --help" -- "$cur")) ;;
	sync) COMPREPLY=($(compgen -W "-n --dry-run --from --to --help" -- "$cur")) ;;
	rm|check|rules) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
	esac
}
complete -F _contacts contacts
