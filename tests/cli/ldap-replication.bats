#!/usr/bin/env bats
# ldap-replication.bats: a store in a directory that two slapds keep in
# multi-provider replication (tests/ldap/slapd-pair): what is written
# through one server is read through the other, and adds through both at
# once lose no official.
load helper

setup_file() {
	export LDAPNOINIT=1
	export LD="$BATS_FILE_TMPDIR/pair"
	SLAPD_INDEX='contactsKey eq,sub' "$BATS_TEST_DIRNAME/../ldap/slapd-pair" \
	    "$LD" "$BATS_TEST_DIRNAME/../../data/contacts.schema" > /dev/null
}

teardown_file() {
	"$BATS_TEST_DIRNAME/../ldap/slapd-stop" "$LD/1"
	"$BATS_TEST_DIRNAME/../ldap/slapd-stop" "$LD/2"
}

setup() {
	helper_setup
	S1=$(cat "$LD/1/uri")
	S2=$(cat "$LD/2/uri")
	ADMIN=cn=admin,dc=example,dc=org
	export CONTACTS_LDAP_BIND_DN=$ADMIN
	export CONTACTS_LDAP_PASSWORD_FILE="$LD/1/rootpw"
	CSV="$BATS_TEST_DIRNAME/../../data/officials.csv"
	# Replication is asynchronous: what one server says, the other says
	# within WAIT seconds, or never.
	WAIT=10
}

# eventually CMD...: CMD again until it succeeds, for at most $WAIT s.
eventually() {
	local end=$((SECONDS + WAIT))
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# says TEXT ARGS...: whether contacts ARGS succeeds and prints TEXT.
says() {
	local want=$1
	shift
	contacts "$@"
	[ "$status" -eq 0 ] && [ "$output" = "$want" ]
}

# search URI ARGS...: ldapsearch's entries as the rootdn, LDIF unwrapped.
search() {
	ldapsearch -x -LLL -o ldif-wrap=no -H "$1" -D "$ADMIN" \
	    -y "$LD/1/rootpw" "${@:2}"
}

# branch: a branch of the directory of the test's own, made through
# server 1 and seen on 2; its DN in $OU, the stores through each in U1, U2.
branch() {
	local ou=t$BATS_TEST_NUMBER$RANDOM
	OU=ou=$ou,dc=example,dc=org
	printf 'dn: %s\nobjectClass: organizationalUnit\nou: %s\n' "$OU" "$ou" |
	    ldapadd -x -H "$S1" -D "$ADMIN" -y "$LD/1/rootpw" > /dev/null
	eventually search "$S2" -s base -b "$OU" 1.1 > /dev/null
	U1=$S1/$OU
	U2=$S2/$OU
}

# settled: whether both servers have applied every change of the other
# (their contextCSNs, one per server, are equal) and list the same.
settled() {
	local c1 c2 l1
	c1=$(search "$S1" -s base -b dc=example,dc=org contextCSN | sort) &&
	    c2=$(search "$S2" -s base -b dc=example,dc=org contextCSN | sort) &&
	    [ "$c1" = "$c2" ] || return 1
	l1=$("$CONTACTS" -f "$U1" list --tsv) &&
	    [ "$l1" = "$("$CONTACTS" -f "$U2" list --tsv)" ]
}

# last_id URI: the store's counter, as the server at URI keeps it.
last_id() {
	search "$1" -s base -b "cn=contacts,$OU" contactsLastId |
	    sed -n 's/^contactsLastId: //p'
}

@test "the pair: two servers on 127.0.0.1, serverID 1 and 2, each the other's provider, the base entries on both" {
	[[ "$S1" =~ ^ldap://127\.0\.0\.1:[0-9]+$ ]]
	[[ "$S2" =~ ^ldap://127\.0\.0\.1:[0-9]+$ ]]
	[ "$S1" != "$S2" ]
	[ "$(stat -c %a "$LD/1/rootpw")" = 600 ]
	cmp -s "$LD/1/rootpw" "$LD/2/rootpw"
	grep -qx 'serverID 1' "$LD/1/slapd.conf"
	grep -qx 'serverID 2' "$LD/2/slapd.conf"
	grep -q "provider=${S2}[[:space:]]" "$LD/1/slapd.conf"
	grep -q "provider=${S1}[[:space:]]" "$LD/2/slapd.conf"
	for s in "$S1" "$S2"; do
		run search "$s" -b dc=example,dc=org -s sub '(|(dc=example)(ou=people))' 1.1
		[ "$output" = "dn: dc=example,dc=org

dn: ou=people,dc=example,dc=org" ]
	done
}

@test "an official added through one server is read back through the other" {
	local P=ou=people,dc=example,dc=org
	contacts -f "$S2/$P" email Nordmann
	[ "$status" -ne 0 ]
	contacts -f "$S1/$P" add --given Kari --family Nordmann --org UM
	show
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	eventually says kari.nordmann@formin.fi -f "$S2/$P" email Nordmann || {
		show
		false
	}
	contacts -f "$S2/$P" lookup --json Nordmann
	[[ "$output" == '{"id":"1",'* ]]
}

@test "an import through server 2 is seen whole through server 1" {
	branch
	contacts -f "$U2" import "$CSV"
	show
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 7 ]
	contacts -f "$U2" list --tsv
	[ "${#lines[@]}" -eq 8 ]
	want=$output
	[ "$want" = "$("$CONTACTS" -f "$CSV" list --tsv)" ]
	eventually says "$want" -f "$U1" list --tsv || {
		show
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$output")
		false
	}
	eventually says "$("$CONTACTS" -f "$U2" export)" -f "$U1" export
}

# add gives the id after the highest it reads, so adds through each server
# at once could give two officials one id; each server would keep its own,
# both adds would say they succeeded, and replication would keep one entry
# of that DN on both servers: the other official lost, silently. Writers to
# each server therefore give ids of their own (CONTACTS_LDAP_ID_STEP 2,
# OFFSET 1 through the first server and 2 through the second), as
# auto-increment offsets do for a database written in two places.
# An add refused as the server's entry exists already (exit 6, said) is
# allowed; silence is not. (Adds through one server take turns on the
# store's counter: ldap.bats.)
@test "adds through both servers at once, each server's writers with ids of their own, lose no official" {
	local r i k u st id err n name pids=() names=() via=() lost=() given=()
	local failed=0
	branch
	# The store's entry made first, so that only the officials race.
	contacts -f "$U1" add --given Seed --family Official
	show
	[ "$output" = 1 ]
	eventually settled
	# Rounds, as one may happen to give no id twice.
	for r in 1 2 3; do
		for i in $(seq 10); do
			for k in 1 2; do
				name="S${k}r${r}n$i Official$k"
				u=U$k
				CONTACTS_LDAP_ID_STEP=2 CONTACTS_LDAP_ID_OFFSET=$k \
				    "$CONTACTS" -f "${!u}" add --given "${name% *}" \
				    --family "${name#* }" > "$BATS_TEST_TMPDIR/${#names[@]}.out" \
				    2> "$BATS_TEST_TMPDIR/${#names[@]}.err" &
				pids+=($!)
				names+=("$name")
				via+=("$k")
			done
		done
		for i in "${!pids[@]}"; do
			[ -e "$BATS_TEST_TMPDIR/$i.st" ] && continue
			wait "${pids[$i]}" && st=0 || st=$?
			echo "$st" > "$BATS_TEST_TMPDIR/$i.st"
		done
		eventually settled
	done
	"$CONTACTS" -f "$U1" list --tsv > "$BATS_TEST_TMPDIR/list"
	# What each add said, and whether its official is there.
	for i in "${!names[@]}"; do
		k=${via[$i]}
		u=U$k
		st=$(cat "$BATS_TEST_TMPDIR/$i.st")
		id=$(cat "$BATS_TEST_TMPDIR/$i.out")
		err=$(cat "$BATS_TEST_TMPDIR/$i.err")
		name=${names[$i]}
		printf '%s through %s: exit %s, id %s %s\n' "$name" "$k" "$st" "${id:--}" "$err"
		if [ "$st" -eq 0 ]; then
			[[ "$id" =~ ^[0-9]+$ ]]
			[ -z "$err" ]
			given+=("$id")
			grep -q "^$id	${name% *}	${name#* }	" "$BATS_TEST_TMPDIR/list" ||
			    lost+=("$name, added through server $k as $id, exit 0; $id is $(grep "^$id	" "$BATS_TEST_TMPDIR/list" | cut -f 2,3 | tr "\t" " ")")
		else
			failed=$((failed + 1))
			# Refused, said, and not there.
			n=${err#"contacts: ${!u}: cannot add 'employeeNumber="}
			n=${n%%,*}
			[ "$st" -eq 6 ]
			[ -z "$id" ]
			[[ "$n" =~ ^[0-9]+$ ]]
			[ "$err" = "contacts: ${!u}: cannot add 'employeeNumber=$n,$OU' (0 entries written before it): Already exists" ]
			run ! grep -q "	${name% *}	${name#* }	" "$BATS_TEST_TMPDIR/list"
		fi
	done
	echo "$((${#names[@]} - failed)) added, $failed refused, ${#lost[@]} lost;" \
	    "counter $(last_id "$S1") and $(last_id "$S2"), highest id given" \
	    "$(printf '%s\n' "${given[@]}" | sort -n | tail -n 1):"
	printf '  %s\n' "${lost[@]}"
	# The counter the same on both servers.
	[ "$(last_id "$S1")" = "$(last_id "$S2")" ]
	# Nothing lost: every official whose add succeeded, listed under its id.
	[ "${#lost[@]}" -eq 0 ]
	[ "$(($(wc -l < "$BATS_TEST_TMPDIR/list") - 1))" -eq $((${#names[@]} - failed + 1)) ]
	# Each server's writers gave ids of their own kind.
	for i in "${!names[@]}"; do
		id=$(cat "$BATS_TEST_TMPDIR/$i.out")
		[ -z "$id" ] || [ $(((id - ${via[$i]}) % 2)) -eq 0 ]
	done
}
