#!/usr/bin/env bats
# ldap-harness.bats: the slapd the LDAP tests start for themselves
# (tests/ldap/slapd-start, slapd-stop) answers, indexes, listens on
# 127.0.0.1 alone, reports its failures and ends.
load helper

setup() {
	helper_setup
	# No /etc/ldap/ldap.conf nor ~/.ldaprc for the ldap tools.
	export LDAPNOINIT=1
	H="$BATS_TEST_DIRNAME/../ldap"
	# As slapd-start names it, symbolic links resolved.
	T=$(cd "$BATS_TEST_TMPDIR" && pwd -P)
	L=$T/ldap
	BASE=dc=example,dc=org
	ADMIN=cn=admin,$BASE
}

teardown() {
	local d st=0
	[ -z "${other:-}" ] || kill "$other" 2>/dev/null || true
	for d in "$BATS_TEST_TMPDIR"/ldap*; do
		"$H/slapd-stop" "$d" || st=1
	done
	return "$st"
}

# start [DIR [SCHEMA...]]: slapd-start DIR (default $L); its URI in $URI.
start() {
	local d=${1:-$L}
	[ $# -eq 0 ] || shift
	run --separate-stderr "$H/slapd-start" "$d" "$@"
	show
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	URI=$output
	[ "$URI" = "$(cat "$d/uri")" ]
}

# running PID: whether PID is a process that has not ended; a zombie,
# left to a PID 1 that reaps nothing, has.
running() {
	local st
	st=$(sed 's/.*) //; s/ .*//' "/proc/$1/stat" 2>/dev/null) &&
	    [ -n "$st" ] && [ "$st" != Z ]
}

# slapds DIR: the pids of the processes that run DIR's slapd.conf.
slapds() {
	local p
	for p in /proc/[0-9]*; do
		tr '\0' '\n' < "$p/cmdline" 2>/dev/null |
		    grep -qxF "$1/slapd.conf" && echo "${p#/proc/}"
	done
	return 0
}

# listening PID: the TCP addresses PID listens on, as /proc/net/tcp{,6}
# write them: /proc/net/tcp 0100007F:01BD is 127.0.0.1:445.
listening() {
	local inodes f files=()
	inodes=$(readlink "/proc/$1"/fd/* | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p')
	for f in /proc/net/tcp /proc/net/tcp6; do
		[ -e "$f" ] && files+=("$f")
	done
	awk -v inodes="$inodes" '
	    BEGIN { n = split(inodes, a); for (i = 1; i <= n; i++) s[a[i]] = 1 }
	    $4 == "0A" && ($10 in s) { print FILENAME, $2 }' "${files[@]}"
}

# log_from N: slapd's log from line N, without time and thread.
log_from() {
	tail -n +"$1" "$L/slapd.log" | sed 's/^[0-9a-f]*\.[0-9a-f]* 0x[0-9a-f]* //'
}

@test "slapd-start prints the URI of a slapd whose rootDSE names dc=example,dc=org" {
	start
	[[ "$URI" =~ ^ldap://127\.0\.0\.1:[0-9]+$ ]]
	[ "$(stat -c %a "$L/rootpw")" = 600 ]
	[ "$(wc -l < "$L/rootpw")" -eq 0 ]
	run ldapsearch -x -LLL -H "$URI" -s base -b '' namingContexts
	show
	[ "$status" -eq 0 ]
	[ "$output" = "dn:
namingContexts: $BASE" ]
	run ldapsearch -x -LLL -H "$URI" -b "$BASE" '(objectClass=*)' 1.1
	show
	[ "$output" = "dn: $BASE

dn: ou=people,$BASE" ]
}

@test "an inetOrgPerson added as the rootdn is found through the sn substring index" {
	SLAPD_DEBUG=trace start
	printf '%s\n' "dn: cn=Kristina Pingoud,ou=people,$BASE" \
	    objectClass:\ inetOrgPerson 'cn: Kristina Pingoud' 'sn: Pingoud' \
	    'givenName: Kristina' 'title: ledande sakkunnig' > "$T/p.ldif"
	run ldapadd -x -H "$URI" -D "$ADMIN" -y "$L/rootpw" -f "$T/p.ldif"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "adding new entry \"cn=Kristina Pingoud,ou=people,$BASE\"" ]
	# The wrong password is refused: the rootdn's is the one in rootpw.
	printf x >> "$L/rootpw"
	run ldapwhoami -x -H "$URI" -D "$ADMIN" -y "$L/rootpw"
	[ "$status" -eq 49 ]
	[ "$output" = 'ldap_bind: Invalid credentials (49)' ]

	n=$(($(wc -l < "$L/slapd.log") + 1))
	run ldapsearch -x -LLL -H "$URI" -b "ou=people,$BASE" '(sn=*ngou*)' cn sn
	show
	[ "$output" = "dn: cn=Kristina Pingoud,ou=people,$BASE
cn: Kristina Pingoud
sn: Pingoud" ]
	# The index gave the one candidate (the entry's id is 3, after the
	# two base entries); title, not indexed, gives none.
	[ "$(log_from "$n" | grep '^<= mdb_substring_candidates')" = \
	    '<= mdb_substring_candidates: 1, first=3, last=3' ]
	n=$(($(wc -l < "$L/slapd.log") + 1))
	run ldapsearch -x -LLL -H "$URI" -b "ou=people,$BASE" '(title=*akku*)' 1.1
	[ "$output" = "dn: cn=Kristina Pingoud,ou=people,$BASE" ]
	[ "$(log_from "$n" | grep -c '^<= mdb_substring_candidates')" -eq 0 ]
}

@test "slapd listens on the URI's 127.0.0.1 port and nowhere else" {
	start
	pid=$(cat "$L/slapd.pid")
	[ "$(slapds "$L")" = "$pid" ]
	run listening "$pid"
	show
	[ "$output" = "/proc/net/tcp 0100007F:$(printf %04X "${URI##*:}")" ]
}

@test "slapd-stop ends slapd, the port then refuses, and stopping again is quiet" {
	start
	pid=$(cat "$L/slapd.pid")
	running "$pid"
	run "$H/slapd-stop" "$L"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run ! running "$pid"
	[ -z "$(slapds "$L")" ]
	[ ! -e "$L/slapd.pid" ]
	run ldapsearch -x -H "$URI" -s base -b '' namingContexts
	[ "$status" -eq 255 ]
	[ "$output" = "ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)" ]
	run "$H/slapd-stop" "$L"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$H/slapd-stop" "$BATS_TEST_TMPDIR/never"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "slapd-stop signals no process its pidfile names that runs no slapd of its own" {
	sleep 30 3>&- &
	other=$!
	mkdir "$L"
	echo "$other" > "$L/slapd.pid"
	run "$H/slapd-stop" "$L"
	[ "$status" -eq 0 ]
	running "$other"
}

@test "an extra schema is loaded, and a bad one fails the start with slaptest's words" {
	printf '%s\n' \
	    "attributetype ( 1.3.6.1.4.1.32473.99.1 NAME 'contactsRoom' SUP name )" \
	    "objectclass ( 1.3.6.1.4.1.32473.99.2 NAME 'contactsOfficial' AUXILIARY" \
	    '	MAY contactsRoom )' > "$T/good.schema"
	start "$L" "$T/good.schema"
	printf '%s\n' "dn: cn=Vuokko Ranki,ou=people,$BASE" 'objectClass: inetOrgPerson' \
	    'objectClass: contactsOfficial' 'cn: Vuokko Ranki' 'sn: Ranki' 'contactsRoom: A 1' |
	    ldapadd -x -H "$URI" -D "$ADMIN" -y "$L/rootpw" > /dev/null
	run ldapsearch -x -LLL -H "$URI" -b "ou=people,$BASE" '(contactsRoom=a 1)' contactsRoom
	[ "$output" = "dn: cn=Vuokko Ranki,ou=people,$BASE
contactsRoom: A 1" ]

	echo 'attributetype ( 1.3.6.1.4.1.32473.99.3 NAME broken SYNTAX nosuch )' > "$T/bad.schema"
	run --separate-stderr "$H/slapd-start" "$L.bad" "$T/bad.schema"
	show
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "${stderr%%$'\n'*}" == "slapd-start: slaptest rejects $L.bad/slapd.conf: $T/bad.schema: line 1 attributetype: "* ]]
	[ ! -e "$L.bad/uri" ]
	run --separate-stderr "$H/slapd-start" "$L.none" "$T/none.schema"
	[ "$status" -eq 1 ]
	[ "$stderr" = "slapd-start: cannot read schema '$T/none.schema'" ]
	[ ! -e "$L.none" ]
}

@test "slapd-start refuses a directory in use" {
	start
	run --separate-stderr "$H/slapd-start" "$L"
	[ "$status" -eq 1 ]
	[ "$stderr" = "slapd-start: $L is not empty" ]
	[ "$(slapds "$L")" = "$(cat "$L/slapd.pid")" ]
}

# Faults put in the way through PATH: the commands slapd-start runs by name.
fake() {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\n%s\n' "$2" > "$BATS_TEST_TMPDIR/fake/$1"
	chmod +x "$BATS_TEST_TMPDIR/fake/$1"
}

@test "a port taken between its test and slapd's bind is given up for another" {
	start
	taken=${URI##*:}
	# The first port asked for is the one the first slapd holds.
	# shellcheck disable=SC2016 # $* and $0 are the fake's own.
	fake python3 'case $* in *socket*) [ -e "$0.once" ] || { : > "$0.once"; echo '"$taken"'; exit 0; } ;; esac
exec /usr/bin/python3 "$@"'
	PATH="$BATS_TEST_TMPDIR/fake:$PATH" run --separate-stderr "$H/slapd-start" "$L.2"
	show
	[ "$status" -eq 0 ]
	[ "$stderr" = "slapd-start: ldap://127.0.0.1:$taken taken, try 1 of 5" ]
	[ "$output" != "$URI" ]
	[ "$output" = "$(cat "$L.2/uri")" ]
	grep -qF 'failed errno=98 (Address already in use)' "$L.2/slapd.log"
	run ldapsearch -x -LLL -H "$output" -s base -b '' namingContexts
	[ "${lines[1]}" = "namingContexts: $BASE" ]
}

@test "a start that fails once slapd runs leaves no slapd behind and shows its log" {
	fake ldapadd 'echo "ldap_add: Server is unwilling to perform (53)" >&2; exit 53'
	PATH="$BATS_TEST_TMPDIR/fake:$PATH" run --separate-stderr "$H/slapd-start" "$L"
	show
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr%%$'\n'*}" = 'slapd-start: cannot add the base entries: ldap_add: Server is unwilling to perform (53)' ]
	[[ "$stderr" == *"--- $L/slapd.log"*'slapd starting'*'slapd stopped.'* ]]
	[ -z "$(slapds "$L")" ]
	[ ! -e "$L/uri" ]
}
