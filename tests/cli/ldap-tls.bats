#!/usr/bin/env bats
# ldap-tls.bats: StartTLS to a directory, with a certificate authority and a
# server certificate the test makes; the server's log says TLS was used.
load helper

setup_file() {
	export LDAPNOINIT=1
	local c="$BATS_FILE_TMPDIR/certs"
	mkdir -p "$c"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$c/ca.key" \
	    -out "$c/ca.pem" -days 2 -subj /CN=contacts-test-ca 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -keyout "$c/server.key" \
	    -out "$c/server.csr" -subj /CN=127.0.0.1 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' > "$c/ext"
	openssl x509 -req -in "$c/server.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" \
	    -CAcreateserial -out "$c/server.pem" -days 2 -extfile "$c/ext" 2>/dev/null
	# Another authority, which signed nothing the server shows.
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$c/other.key" \
	    -out "$c/other.pem" -days 2 -subj /CN=another-ca 2>/dev/null
	export CERTS=$c LD="$BATS_FILE_TMPDIR/ldap"
	SLAPD_DEBUG=stats SLAPD_GLOBAL="TLSCACertificateFile $c/ca.pem
TLSCertificateFile $c/server.pem
TLSCertificateKeyFile $c/server.key" \
	    "$BATS_TEST_DIRNAME/../ldap/slapd-start" "$LD" \
	    "$BATS_TEST_DIRNAME/../../data/contacts.schema" > /dev/null
}

teardown_file() {
	"$BATS_TEST_DIRNAME/../ldap/slapd-stop" "$LD"
}

setup() {
	helper_setup
	export LDAPNOINIT=1
	SERVER=$(cat "$LD/uri")
	U="$SERVER/ou=people,dc=example,dc=org"
	export CONTACTS_LDAP_BIND_DN=cn=admin,dc=example,dc=org
	export CONTACTS_LDAP_PASSWORD_FILE="$LD/rootpw"
}

@test "?starttls with the test's authority: the directory is read and written over TLS" {
	: > "$LD/slapd.log"
	CONTACTS_LDAP_CA_FILE="$CERTS/ca.pem" contacts -f "$U?starttls" add --given Kari --family Nordmann --org UM
	show
	[ "$status" -eq 0 ]
	[ "$output" = "1" ]
	# The server says the connection the add came on was made TLS first.
	grep -q 'EXT oid=1.3.6.1.4.1.1466.20037' "$LD/slapd.log"
	grep -q 'ADD dn="employeeNumber=1,ou=people,dc=example,dc=org"' "$LD/slapd.log"
	conn=$(sed -n 's/.* conn=\([0-9]*\) .*EXT oid=1.3.6.1.4.1.1466.20037.*/\1/p' "$LD/slapd.log" | head -1)
	grep -q "conn=$conn .*ADD dn=" "$LD/slapd.log"
	CONTACTS_LDAP_CA_FILE="$CERTS/ca.pem" contacts -f "$U?starttls" email Nordmann
	[ "$output" = "kari.nordmann@formin.fi" ]
	# The variable asks for it as the URL does.
	CONTACTS_LDAP_CA_FILE="$CERTS/ca.pem" CONTACTS_LDAP_STARTTLS=yes contacts -f "$U" email Nordmann
	[ "$output" = "kari.nordmann@formin.fi" ]
}

@test "a server certificate no trusted authority signed is refused, and nothing is read" {
	: > "$LD/slapd.log"
	CONTACTS_LDAP_CA_FILE="$CERTS/other.pem" contacts -f "$U?starttls" list
	[ "$status" -eq 6 ]
	[[ "$stderr" == "contacts: $U?starttls: cannot start TLS: Connect error"* ]]
	! grep -q ' SRCH ' "$LD/slapd.log" || false
	# Without a CA file, the system's authorities do not know the test's.
	CONTACTS_LDAP_STARTTLS=yes contacts -f "$U" list
	[ "$status" -eq 6 ]
	CONTACTS_LDAP_CA_FILE="$BATS_TEST_TMPDIR/missing.pem" contacts -f "$U?starttls" list
	[ "$status" -eq 6 ]
	[ "$stderr" = "contacts: cannot read the LDAP CA file '$BATS_TEST_TMPDIR/missing.pem': No such file or directory" ]
}
