# fish completion for contacts(1)
set -l cmds lookup email phone list export add edit rm import sync check rules
complete -c contacts -f
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -s f -l file -r -F -d 'the CSV store'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -s r -l rules -r -F -d 'the rule file'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -l region -x -a '(contacts __complete regions 2>/dev/null)' -d 'region of numbers without +'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -l color -x -a 'auto always never' -d 'when to colour'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -l no-cache -d 'read the store whole, without its index'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -s h -l help -d 'usage'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -s V -l version -d 'version'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a lookup -d 'officials matching every term'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a email -d "one official's address"
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a phone -d "one official's number"
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a list -d 'every official'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a export -d 'the whole store as CSV or FMT'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a add -d 'add an official'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a edit -d 'change an official'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a rm -d 'remove officials'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a import -d 'add officials from CSV, vCard or LDIF files or press releases'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a check -d 'validate store and rules'
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a rules -d 'explain, list or check the rules'
complete -c contacts -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from explain list check" -a 'explain list check'
complete -c contacts -n "__fish_seen_subcommand_from lookup" -l all-fields -d 'search every field'
complete -c contacts -n "__fish_seen_subcommand_from lookup list" -l format -x -a 'text json tsv csv mutt vcard ldif' -d 'output format'
complete -c contacts -n "__fish_seen_subcommand_from export" -l format -x -a 'text json tsv csv mutt vcard ldif directory' -d 'output format'
complete -c contacts -n "__fish_seen_subcommand_from lookup list export" -l json -d 'JSON Lines'
complete -c contacts -n "__fish_seen_subcommand_from lookup list export" -l tsv -d 'tab-separated'
complete -c contacts -n "__fish_seen_subcommand_from lookup list export" -s 0 -l null -d 'end records with NUL'
complete -c contacts -n "__fish_seen_subcommand_from export" -l spreadsheet-safe -d 'no cell starts a formula'
complete -c contacts -n "__fish_seen_subcommand_from lookup list export" -l base-dn -x -d 'LDIF base DN'
complete -c contacts -n "__fish_seen_subcommand_from lookup list export" -l fields -x -d 'only these columns'
complete -c contacts -n "__fish_seen_subcommand_from email" -l all -d 'every match'
complete -c contacts -n "__fish_seen_subcommand_from email" -l stdin -d 'one name a line'
complete -c contacts -n "__fish_seen_subcommand_from email" -l org -x -d 'derive for a person not in the store'
complete -c contacts -n "__fish_seen_subcommand_from email" -l unicode -d 'internationalized domains in Unicode'
complete -c contacts -n "__fish_seen_subcommand_from phone" -l format -x -a 'e164 international national rfc3966' -d 'number style'
complete -c contacts -n "__fish_seen_subcommand_from phone" -l parse -x -d 'normalize a raw number'
for f in given family title org unit phone mobile email note source
	complete -c contacts -n "__fish_seen_subcommand_from add edit" -l $f -x -d "set the $f field"
end
complete -c contacts -n "__fish_seen_subcommand_from add edit" -l set -x -d 'any other column: COLUMN=VALUE'
complete -c contacts -n "__fish_seen_subcommand_from add" -l allow-duplicate -d 'add a probable duplicate'
complete -c contacts -n "__fish_seen_subcommand_from edit" -l unset -x -a 'given family title org unit phone mobile email note source' -d 'empty a field'
complete -c contacts -n "__fish_seen_subcommand_from import" -s n -l dry-run -d 'write nothing'
complete -c contacts -n "__fish_seen_subcommand_from import" -l update -d 'apply new values'
complete -c contacts -n "__fish_seen_subcommand_from import" -l format -x -a 'csv vcard ldif text' -d 'input format'
complete -c contacts -n "__fish_seen_subcommand_from import" -l text -d 'the files are press releases'
complete -c contacts -n "__fish_seen_subcommand_from import" -l rules-out -r -F -d 'write the rule block asked for to FILE'
complete -c contacts -n "__fish_seen_subcommand_from import" -F
complete -c contacts -n "not __fish_seen_subcommand_from $cmds" -a sync -d 'copy a store into another, by id'
complete -c contacts -n "__fish_seen_subcommand_from sync" -s n -l dry-run -d 'write nothing'
complete -c contacts -n "__fish_seen_subcommand_from sync" -l from -r -F -d 'the store to copy'
complete -c contacts -n "__fish_seen_subcommand_from sync" -l to -r -F -d 'the store to copy into'
complete -c contacts -n "__fish_seen_subcommand_from $cmds" -l help -d 'usage of the command'
# Official names the word typed begins, as lookup folds them; the word as
# typed may be quoted ("Vuokko\ R", "'Vuokko R").
function __contacts_names
	set -l typed (commandline -ct | string replace -ra '^[\'"]|\\\\' '')
	test -n "$typed"; and contacts __complete names $typed 2>/dev/null
end
complete -c contacts -n "__fish_seen_subcommand_from lookup email phone explain" -f -a '(__contacts_names)'
