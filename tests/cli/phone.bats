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
