#!/usr/bin/env bats
# ldap-readme.bats: the README's slapd.conf for two servers that replicate
# each other, run as written but for host names, ports and paths: two
# slapds on 127.0.0.1, each written through with the README's id settings
# and read through the other.
load helper

setup() {
	helper_setup
	export LDAPNOINIT=1
	PATH=$PATH:/usr/sbin:/sbin
	TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	D=$BATS_TEST_TMPDIR
	BASE=ou=people,dc=example,dc=org
	printf 'SECRET' > "$D/pw"
	chmod 600 "$D/pw"
	export CONTACTS_LDAP_BIND_DN=cn=admin,dc=example,dc=org
	export CONTACTS_LDAP_PASSWORD_FILE=$D/pw
}

teardown() {
	"$TOP/tests/ldap/slapd-stop" "$D/1"
	"$TOP/tests/ldap/slapd-stop" "$D/2"
}

# The README's block that begins "# slapd.conf of ldap1.example.org", its
# indent gone.
readme_conf() {
	awk '/^    # slapd\.conf of ldap1\.example\.org$/ { on = 1 }
	    on && !/^    / { exit }
	    on { print substr($0, 5) }' "$TOP/README"
}

# server I PEER-PORT: D/I/slapd.conf, the README's with the changes it
# names for server I, its peer on 127.0.0.1:PEER-PORT, its files in D/I;
# checked by slaptest.
server() {
	mkdir -p "$D/$1/db"
	: > "$D/$1/slapd.log"
	readme_conf | sed \
	    -e "s|/usr/local/share/contacts/contacts.schema|$TOP/data/contacts.schema|" \
	    -e "s|/var/run/slapd/slapd.pid|$D/$1/slapd.pid|" \
	    -e "s|^directory   /var/lib/ldap$|directory   $D/$1/db|" \
	    -e "s|provider=ldap://ldap2.example.org:389|provider=ldap://127.0.0.1:$2|" \
	    -e "s|^serverID    1$|serverID    $1|" \
	    -e "s|rid=1 |rid=$1 |" > "$D/$1/slapd.conf"
	slaptest -u -f "$D/$1/slapd.conf"
}

# start I PORT: server I on 127.0.0.1:PORT, answering, by slapd-start's
# own launch and wait.
start() {
	bash -c '. "$1" && launched "$2" "$3"' _ "$TOP/tests/ldap/slapd-start" \
	    "$D/$1" "$2"
}

# eventually CMD...: CMD again until it succeeds, for at most 20 s (the
# README retries a lost provider every 5 s).
eventually() {
	local end=$((SECONDS + 20))
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
}

# finds URI NAME LINE: lookup NAME through URI says LINE first.
finds() {
	contacts -f "$1/$BASE" lookup "$2"
	[ "$status" -eq 0 ] && [ "${lines[0]}" = "$3" ]
}

@test "the README's two replicated servers: a write through either is read through the other" {
	local p1 p2 u1 u2
	[ -n "$(readme_conf)" ]
	p1=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	p2=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	server 1 "$p2"
	server 2 "$p1"
	# What the README says differs (with the files' places), and nothing else.
	[ "$(diff "$D/1/slapd.conf" "$D/2/slapd.conf" | grep '^<' | cut -c3-13 | tr '\n' ' ')" = "pidfile     serverID    directory   syncrepl    " ]
	grep -q '^include     /etc/ldap/schema/inetorgperson.schema$' "$D/1/slapd.conf"
	grep -q '^index       contactsKey eq,sub$' "$D/1/slapd.conf"
	start 1 "$p1"
	u1=ldap://127.0.0.1:$p1 u2=ldap://127.0.0.1:$p2
	# The base entries, through server 1 with the README's password.
	printf 'dn: dc=example,dc=org\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: example\n\ndn: %s\nobjectClass: organizationalUnit\nou: people\n' "$BASE" |
	    ldapadd -x -H "$u1" -D cn=admin,dc=example,dc=org -w SECRET
	start 2 "$p2"
	CONTACTS_LDAP_ID_STEP=2 CONTACTS_LDAP_ID_OFFSET=1 contacts -f "$u1/$BASE" add --given Kari --family Nordmann --org UM
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	eventually finds "$u2" Nordmann "Kari Nordmann  [1]"
	CONTACTS_LDAP_ID_STEP=2 CONTACTS_LDAP_ID_OFFSET=2 contacts -f "$u2/$BASE" add --given Liisa --family Laine --org UM
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	eventually finds "$u1" Laine "Liisa Laine  [2]"
	contacts -f "$u1/$BASE" email pimia
	[ "$status" -eq 1 ]
}
