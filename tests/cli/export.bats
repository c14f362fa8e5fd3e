#!/usr/bin/env bats
# export.bats: the whole store out, as CSV that reads back, and JSON through jq.
load helper

setup() {
	helper_setup
	S="$BATS_TEST_TMPDIR/s.csv"
	# Quoting, a comma, a line break, an unknown column and a BOM-free header.
	printf '%s\n' 'id,given_name,family_name,title,organization,phone,email,room' \
	    '1,Kristina,Pingoud,"ledande sakkunnig, enhet",Utrikesministeriet,+358 50 344 2844,,"A ""1"""' \
	    '2,Vuokko,Ranki,"assistent' 'andra raden",UM,=1+1,,' \
	    '3,Anniina,Jokinen,@sum(A1),CBSS sekretariat,-3,x@cbss.org,' > "$S"
}

@test "export writes CSV with the store's columns that reads back as the same store" {
	contacts -f "$S" export
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '"id","given_name","family_name","title","organization","phone","email","room"' ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.csv"
	for fmt in json tsv; do
		a=$("$CONTACTS" -f "$S" list --format $fmt)
		b=$("$CONTACTS" -f "$BATS_TEST_TMPDIR/out.csv" list --format $fmt)
		[ "$a" = "$b" ]
	done
	# And through import, into an empty store.
	contacts -f "$BATS_TEST_TMPDIR/new.csv" import "$BATS_TEST_TMPDIR/out.csv"
	show
	[ "$status" -eq 0 ]
	[ "$("$CONTACTS" -f "$BATS_TEST_TMPDIR/new.csv" list --tsv | cut -f2- )" = "$("$CONTACTS" -f "$S" list --tsv | cut -f2-)" ]
}

@test "export --spreadsheet-safe begins a formula-like cell with '" {
	contacts -f "$S" export --spreadsheet-safe
	show
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *'"'"'"'+358 50 344 2844"'* ]]
	[[ "$output" == *'"'"'"'=1+1"'* ]]
	[[ "$output" == *'"'"'"'@sum(A1)"'* ]]
	[[ "$output" == *'"'"'"'-3"'* ]]
	[[ "$output" == *'"x@cbss.org"'* ]]
	contacts -f "$S" export
	[[ "$output" == *'"=1+1"'* ]]
}

@test "JSON Lines of list and export are what jq reads" {
	command -v jq >/dev/null
	run bash -c '"$0" list --json | jq -s -e "length == 7 and (.[0].phones[0][\"e164\"] == \"+358503442844\") and (.[1].email == \"vuokko.ranki@formin.fi\") and all(.[]; has(\"id\") and has(\"email_collision\") and (.phones | type == \"array\"))"' "$CONTACTS"
	show
	[ "$status" -eq 0 ]
	run bash -c '"$0" -f "$1" export --json | jq -c ".extra"' "$CONTACTS" "$S"
	show
	[ "$output" = '{"room":"A \"1\""}
{"room":""}
{"room":""}' ]
}

@test "export -0 ends records with NUL, and an unknown format names the known ones" {
	run bash -c '"$0" -f "$1" export -0 | tr "\0" "|"' "$CONTACTS" "$S"
	[[ "$output" == '"id","given_name",'*'"email","room"|"1","Kristina",'* ]]
	contacts -f "$S" export --format nosuch
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: unknown format 'nosuch' (known: text, json, tsv, csv, mutt, vcard, ldif, directory)" ]
}

@test "vCard 4.0 export is read by a real parser, and imports back the same officials" {
	contacts list --format vcard
	show
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/all.vcf"
	# CRLF line ends, 75 octets at most, no letter cut in two.
	"$CONTACTS" list --format vcard > "$BATS_TEST_TMPDIR/raw.vcf"
	! grep -qv $'\r$' "$BATS_TEST_TMPDIR/raw.vcf" || false
	[ -z "$(LC_ALL=C awk '{ sub(/\r$/, "") } length($0) > 75' "$BATS_TEST_TMPDIR/raw.vcf")" ]
	iconv -f UTF-8 -t UTF-8 "$BATS_TEST_TMPDIR/raw.vcf" > /dev/null
	run /usr/bin/python3 -c '
import sys, vobject
cards = list(vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()))
print(len(cards))
for c in cards:
    tels = [t.value for t in getattr(c, "tel_list", [])]
    mail = c.email.value if hasattr(c, "email") else "-"
    print(c.fn.value, "|", c.n.value.family, "|", ";".join(tels), "|", mail)
' "$BATS_TEST_TMPDIR/raw.vcf"
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 7 ]
	[ "${lines[1]}" = "Kristina Pingoud | Pingoud | tel:+358503442844 | kristina.pingoud@formin.fi" ]
	[ "${lines[3]}" = "Anniina Jokinen | Jokinen | tel:+46702721347 | -" ]
	# Back through import: the same names, titles, organizations, numbers.
	contacts -f "$BATS_TEST_TMPDIR/new.csv" import "$BATS_TEST_TMPDIR/raw.vcf"
	show
	[ "$status" -eq 0 ]
	a=$("$CONTACTS" list --tsv | cut -f2-8)
	b=$("$CONTACTS" -f "$BATS_TEST_TMPDIR/new.csv" list --tsv | cut -f2-8)
	[ "$a" = "$b" ]
}

@test "a long vCard line is folded at 75 octets without cutting a letter" {
	long=$(printf 'Östersjö%.0s' $(seq 1 20))
	printf 'id,given_name,family_name,note\n1,Åsa,Öberg,%s\n' "$long" > "$BATS_TEST_TMPDIR/l.csv"
	"$CONTACTS" -f "$BATS_TEST_TMPDIR/l.csv" list --format vcard > "$BATS_TEST_TMPDIR/l.vcf"
	[ -z "$(LC_ALL=C awk '{ sub(/\r$/, "") } length($0) > 75' "$BATS_TEST_TMPDIR/l.vcf")" ]
	iconv -f UTF-8 -t UTF-8 "$BATS_TEST_TMPDIR/l.vcf" > /dev/null
	[ "$(grep -c '^ ' "$BATS_TEST_TMPDIR/l.vcf")" -ge 2 ]
	# Unfolded, the note is whole again.
	run /usr/bin/python3 -c '
import sys, vobject
print(next(vobject.readComponents(open(sys.argv[1], encoding="utf-8").read())).note.value)
' "$BATS_TEST_TMPDIR/l.vcf"
	[ "$output" = "$long" ]
}

@test "LDIF export is read by python-ldap's parser: inetOrgPerson, base64 where needed" {
	run /usr/bin/python3 -c '
import sys, ldif
p = ldif.LDIFRecordList(open(sys.argv[1], "rb"))
p.parse()
print(len(p.all_records))
for dn, e in p.all_records:
    print(dn, "|", e["objectClass"][0].decode(), "|", e["cn"][0].decode("utf-8"),
        "|", e.get("ou", [b"-"])[0].decode("utf-8"), "|", e.get("mail", [b"-"])[0].decode())
' <("$CONTACTS" export --format ldif --base-dn "ou=officials,dc=um,dc=fi")
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 7 ]
	[ "${lines[1]}" = "uid=1,ou=officials,dc=um,dc=fi | inetOrgPerson | Kristina Pingoud | - | kristina.pingoud@formin.fi" ]
	[ "${lines[2]}" = "uid=2,ou=officials,dc=um,dc=fi | inetOrgPerson | Vuokko Ranki | Östersjöteamet | vuokko.ranki@formin.fi" ]
	[ "${lines[7]}" = "uid=7,ou=officials,dc=um,dc=fi | inetOrgPerson | Kirsi Pimiä | - | -" ]
	# Non-ASCII values are base64, the plain ones are not.
	run "$CONTACTS" lookup --format ldif Ranki
	[[ "$output" == *"ou:: w5ZzdGVyc2rDtnRlYW1ldA=="* ]]
	[[ "$output" == *"dn: uid=2,ou=people,dc=example,dc=org"* ]]
	[[ "$output" == *"telephoneNumber: +358503248366"* ]]
}

@test "--fields keeps tsv, csv and json to the columns named, in their order" {
	contacts -f "$S" list --tsv --fields room,name,email,phone
	show
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'room\tname\temail\tphone\nA "1"\tKristina Pingoud\tkristina.pingoud@formin.fi\t+358503442844\n\tVuokko Ranki\tvuokko.ranki@formin.fi\t=1+1\n\tAnniina Jokinen\tx@cbss.org\t-3')" ]
	contacts export --fields name,email
	[ "${lines[0]}" = '"name","email"' ]
	[ "${lines[2]}" = '"Vuokko Ranki","vuokko.ranki@formin.fi"' ]
	run bash -c '"$0" lookup --json --fields id,email_source Pingoud | jq -c .' "$CONTACTS"
	[ "$output" = '{"id":"1","email_source":"rule formin"}' ]
	contacts lookup --fields nosuch --tsv Pingoud
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: lookup: no such field 'nosuch' (a column of the store, name, email or email_source)" ]
	contacts lookup --fields name Pingoud
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "contacts: lookup: --fields is for tsv, csv and json" ]
}

# slapd_conf DIR SUFFIX: a slapd.conf with the inetOrgPerson schema and an
# mdb database for SUFFIX in DIR, for slapadd's dry run.
slapd_conf() {
	mkdir -p "$1/db"
	printf '%s\n' 'include /etc/ldap/schema/core.schema' \
	    'include /etc/ldap/schema/cosine.schema' \
	    'include /etc/ldap/schema/inetorgperson.schema' \
	    'modulepath /usr/lib/ldap' 'moduleload back_mdb' 'database mdb' \
	    "suffix \"$2\"" "directory $1/db" 'maxsize 10485760' > "$1/slapd.conf"
}

@test "LDIF export passes slapadd's dry run against OpenLDAP's inetOrgPerson schema" {
	slapadd=$(PATH=$PATH:/usr/sbin command -v slapadd)
	slapd_conf "$BATS_TEST_TMPDIR/ldap" "dc=um,dc=fi"
	"$CONTACTS" export --format ldif --base-dn "ou=officials,dc=um,dc=fi" > "$BATS_TEST_TMPDIR/all.ldif"
	run "$slapadd" -u -f "$BATS_TEST_TMPDIR/ldap/slapd.conf" -l "$BATS_TEST_TMPDIR/all.ldif"
	show
	[ "$status" -eq 0 ]
	# Hostile values: line breaks, a leading space and colon, a comma and
	# a plus in the id, which goes into the DN.
	printf '%s\n' 'id,given_name,family_name,title,organization,note' \
	    '"a,b+c",Åsa," Öberg","x' 'y",:UM,"<tag> ""q"""' > "$BATS_TEST_TMPDIR/h.csv"
	"$CONTACTS" -f "$BATS_TEST_TMPDIR/h.csv" export --format ldif --base-dn "dc=um,dc=fi" > "$BATS_TEST_TMPDIR/h.ldif"
	run "$slapadd" -u -f "$BATS_TEST_TMPDIR/ldap/slapd.conf" -l "$BATS_TEST_TMPDIR/h.ldif"
	show
	[ "$status" -eq 0 ]
	# The check can fail: an entry inetOrgPerson forbids is refused.
	printf 'dn: uid=9,dc=um,dc=fi\nobjectClass: inetOrgPerson\ncn: x\n' > "$BATS_TEST_TMPDIR/bad.ldif"
	run "$slapadd" -u -f "$BATS_TEST_TMPDIR/ldap/slapd.conf" -l "$BATS_TEST_TMPDIR/bad.ldif"
	[ "$status" -ne 0 ]
}

@test "-0 ends each mutt line and each LDIF entry with NUL" {
	run bash -c '"$0" lookup -0 --format mutt @formin.fi | od -An -c | tr -s " \n" " "' "$CONTACTS"
	[ "$output" = "$("$CONTACTS" lookup --format mutt @formin.fi | tr '\n' '\0' | od -An -c | tr -s ' \n' ' ')" ]
	run bash -c '"$0" lookup -0 --format mutt @formin.fi | tr "\0" "|"' "$CONTACTS"
	[ "$output" = 'contacts: 2 officials with an address|kristina.pingoud@formin.fi	Kristina Pingoud	ledande sakkunnig, Utrikesministeriet|vuokko.ranki@formin.fi	Vuokko Ranki	assistent, UM|' ]
	# Each NUL-ended LDIF entry is one record to python-ldap's parser,
	# and the same entries as without -0.
	run /usr/bin/python3 -c '
import sys, ldif, io
chunks = open(sys.argv[1], "rb").read().split(b"\0")
assert chunks[-1] == b"", "output does not end with NUL"
for c in chunks[:-1]:
    p = ldif.LDIFRecordList(io.BytesIO(c))
    p.parse()
    assert len(p.all_records) == 1, c
    print(p.all_records[0][0])
plain = ldif.LDIFRecordList(open(sys.argv[2], "rb"))
plain.parse()
print(len(plain.all_records))
' <("$CONTACTS" export -0 --format ldif) <("$CONTACTS" export --format ldif)
	show
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 8 ]
	[ "${lines[0]}" = "uid=1,ou=people,dc=example,dc=org" ]
	[ "${lines[7]}" = 7 ]
}
