#!/usr/bin/env bats
# phone.bats: one number in E.164 or a display style; raw numbers normalized.
load helper

@test "phone prints E.164 by default" {
	contacts phone Pingoud
	[ "$status" -eq 0 ]
	[ "$output" = "+358503442844" ]
	contacts phone Jokinen
	[ "$status" -eq 0 ]
	[ "$output" = "+46702721347" ]
}

@test "phone --format shows each country's grouping" {
	contacts phone --format international Pingoud
	[ "$output" = "+358 50 344 2844" ]
	contacts phone --format national Pingoud
	[ "$output" = "050 344 2844" ]
	contacts phone --format rfc3966 Jokinen
	[ "$output" = "tel:+46-70-272-13-47" ]
	contacts phone --format international Jokinen
	[ "$output" = "+46 70 272 13 47" ]
	contacts phone --format e164 Ranki
	[ "$output" = "+358503248366" ]
}

@test "phone for an official without a number exits 4" {
	contacts phone Mora
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: Maira Mora: no phone number" ]
}

@test "phone with an unknown style is a usage error" {
	contacts phone --format pretty Pingoud
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
}

@test "phone --parse normalizes a raw number in the default region" {
	contacts phone --parse "tfn 050 344 2844"
	[ "$status" -eq 0 ]
	[ "$output" = "+358503442844" ]
	contacts --region SE phone --parse "070-272 13 47"
	[ "$output" = "+46702721347" ]
	contacts phone --format international --parse "+358 (0)9 1605 5555 ext. 12"
	[ "$output" = "+358 9 1605 5555 ext. 12" ]
}

@test "phone --parse refuses what is not a number" {
	contacts phone --parse abc
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: 'abc' is not a valid phone number: no digits" ]
}

@test "phone --parse - reads lines and never stops early" {
	run --separate-stderr bash -c 'printf "050 344 2844\n070-272 13 47\tSE\nabc\n09 1605 5555 ext. 12\n1\tZZ\n+358 50 324 8366" | "$0" phone --parse -' "$CONTACTS"
	show
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '+358503442844\t+358 50 344 2844
+46702721347\t+46 70 272 13 47
INVALID\tno digits
+358916055555\t+358 9 1605 5555 ext. 12
INVALID\tunknown region '"'ZZ'"'
+358503248366\t+358 50 324 8366')" ]
}

@test "an unknown --region is a usage error" {
	contacts --region ZZ phone --parse 0503442844
	[ "$status" -eq 2 ]
	[[ "$stderr" == "contacts: unknown region 'ZZ'"* ]]
}

@test "lookup finds an owner by a number in any written form" {
	for q in "0503248366" "050-324 83 66" "+358 (0)50 324 8366" "00358503248366" \
	    "tel:+358-50-324-8366" "tfn +358 50 324 8366" "358 50 324 8366"; do
		contacts lookup "$q"
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "Vuokko Ranki  [2]" ]
	done
	contacts --region SE lookup "070-272 13 47"
	[ "${lines[0]}" = "Anniina Jokinen  [3]" ]
}

@test "lookup by a number that is not valid matches nobody and says why" {
	contacts lookup 12345
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "contacts: no official matches '12345': not a valid phone number: not a valid number for the region" ]
}

@test "check reports a stored number that is not valid for its region" {
	printf 'id,given_name,family_name,organization,phone,mobile\n1,A,B,UM,+46 8,\n2,C,D,,,050 344 2844\n3,E,F,,09 1605 5555 ext. 7,abc\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" check
	[ "$status" -eq 5 ]
	[ "$output" = "$BATS_TEST_TMPDIR/s.csv:2: phone '+46 8': too short for its country
$BATS_TEST_TMPDIR/s.csv:4: mobile 'abc': no digits" ]
}

@test "phone shows extensions in every style" {
	printf 'id,given_name,family_name,phone\n1,E,F,09 1605 5555 ext. 7\n' > "$BATS_TEST_TMPDIR/s.csv"
	contacts -f "$BATS_TEST_TMPDIR/s.csv" phone F
	[ "$output" = "+358916055555 ext. 7" ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" phone --format national F
	[ "$output" = "09 1605 5555 ext. 7" ]
	contacts -f "$BATS_TEST_TMPDIR/s.csv" phone --format rfc3966 F
	[ "$output" = "tel:+358-9-1605-5555;ext=7" ]
}

@test "phone --parse reads national numbers nationally first, then by calling code" {
	run bash -c 'printf "46702721347\tSE\n45 35 945834\tDK\n47393088\tNO\n8 (495) 123-45-67\tRU\n8-10-358 40 461 9456\tRU\n0 612 34567\tLT\n001 202 517-3141\tFI\n" | "$0" phone --parse - | cut -f1' "$CONTACTS"
	[ "$output" = "+46702721347
+4535945834
+4747393088
+74951234567
+358404619456
+37061234567
+12025173141" ]
}

@test "phone --parse - exits 4 when no line was a valid number, as one RAW does" {
	run --separate-stderr bash -c 'printf "abc\n1\tZZ\n" | "$0" phone --parse -' "$CONTACTS"
	show
	[ "$status" -eq 4 ]
	[ "$output" = "INVALID	no digits
INVALID	unknown region 'ZZ'" ]
	run --separate-stderr bash -c '"$0" phone --parse - < /dev/null' "$CONTACTS"
	[ "$status" -eq 4 ]
	[ "$output" = "" ]
	run --separate-stderr bash -c 'printf "abc\n050 344 2844\n" | "$0" phone --parse -' "$CONTACTS"
	[ "$status" -eq 0 ]
}

@test "phone --parse - with rules that name no default region reads numbers with +" {
	grep -v '^default-region' "$BATS_TEST_DIRNAME/../../data/rules" > "$BATS_TEST_TMPDIR/rules"
	run --separate-stderr "$CONTACTS" -r "$BATS_TEST_TMPDIR/rules" phone --parse - <<-'EOF2'
	+358 50 344 2844
	050 344 2844
	050 344 2844	FI
	EOF2
	show
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$output" = "+358503442844	+358 50 344 2844
INVALID	no '+' and no default region
+358503442844	+358 50 344 2844" ]
}

@test "phone --parse reads a region's own calling code without '+' only where libphonenumber does" {
	contacts --region DE phone --parse "49 89 1234567"
	[ "$status" -eq 0 ]
	[ "$output" = "+49891234567" ]
	contacts --region DE phone --format international --parse "49 30 123456"
	[ "$output" = "+49 30 123456" ]
	run --separate-stderr bash -c '"$0" phone --parse - | cut -f1' "$CONTACTS" <<-'EOF2'
	358 50 324 8366	FI
	46 8 405 10 00	SE
	358 50 324 8366	AX
	358 18 12345	FI
	47 39 30 88	NO
	48 123 45 67	PL
	393 123 4567	IT
	358 130226	AX
	EOF2
	show
	[ "$stderr" = "" ]
	[ "$output" = "+358503248366
+4684051000
+358503248366
+3581812345
+4747393088
+48481234567
+393931234567
INVALID" ]
}

@test "a region's general and longest in the rule file decide when digits carry its code" {
	printf 'region ZZ\n\tcode 99\n\tvalid 5\\d{5}|99\\d{4}\n' > "$BATS_TEST_TMPDIR/plain"
	printf 'region ZZ\n\tcode 99\n\tgeneral \\d{6,8}\n\tvalid 5\\d{5}|99\\d{4}\n' > "$BATS_TEST_TMPDIR/general"
	printf 'region ZZ\n\tcode 99\n\tgeneral \\d{6,8}\n\tlongest 6\n\tvalid 5\\d{5}|99\\d{4}\n' > "$BATS_TEST_TMPDIR/longest"
	# Without 'general' the valid lines are the shape: 99512345 is not one.
	contacts -r "$BATS_TEST_TMPDIR/plain" --region ZZ phone --parse "99 512345"
	[ "$status" -eq 0 ]
	[ "$output" = "+99512345" ]
	contacts -r "$BATS_TEST_TMPDIR/general" --region ZZ phone --parse "99 512345"
	[ "$status" -eq 4 ]
	[ "$stderr" = "contacts: '99 512345' is not a valid phone number: not a valid number for the region" ]
	contacts -r "$BATS_TEST_TMPDIR/longest" --region ZZ phone --parse "99 512345"
	[ "$status" -eq 0 ]
	[ "$output" = "+99512345" ]
	for r in plain general longest; do
		contacts -r "$BATS_TEST_TMPDIR/$r" --region ZZ phone --parse "991234"
		[ "$output" = "+99991234" ]
	done
}

@test "a bad general or longest in a rule file names its place" {
	printf 'region ZZ\n\tcode 99\n\tlongest 16\n' > "$BATS_TEST_TMPDIR/r1"
	contacts -r "$BATS_TEST_TMPDIR/r1" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r1:3:10: longest '16' must be a count from 1 to 15" ]
	printf 'region ZZ\n\tcode 99\n\tlongest 8\n\tlongest 9\n' > "$BATS_TEST_TMPDIR/r2"
	contacts -r "$BATS_TEST_TMPDIR/r2" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r2:4:10: 'longest' given twice" ]
	printf 'region ZZ\n\tcode 99\n\tgeneral (\\d\n' > "$BATS_TEST_TMPDIR/r3"
	contacts -r "$BATS_TEST_TMPDIR/r3" rules check
	[ "$status" -eq 5 ]
	[ "$stderr" = "contacts: $BATS_TEST_TMPDIR/r3:3:13: missing closing parenthesis" ]
}
