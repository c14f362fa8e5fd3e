#!/usr/bin/env bats
# install.bats: make install and uninstall into temporary trees, as a user or a packager would.
load helper

setup() {
	helper_setup
	TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	P="$BATS_TEST_TMPDIR/prefix"
}

mk() {
	run make -s -C "$TOP" "$@"
}

# The files an install into PREFIX P writes, as make names them.
installed() {
	make -s -C "$TOP" print-INSTALLED PREFIX="$P" | tr ' ' '\n' | grep .
}

@test "make install PREFIX=... after a plain make: the binary finds its data from anywhere" {
	mk install PREFIX="$P"
	show
	[ "$status" -eq 0 ]
	cd /
	run --separate-stderr "$P/bin/contacts" lookup Pingoud
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kristina Pingoud  [1]" ]
	run "$P/bin/contacts" email Vuokko Ranki
	[ "$output" = "vuokko.ranki@formin.fi" ]
	[ "$(stat -c %a "$P/bin/contacts")" = 755 ]
	for f in $(installed); do
		[ -f "$f" ] || { echo "missing $f"; false; }
		case $f in */bin/*) ;; *) [ "$(stat -c %a "$f")" = 644 ] ;; esac
	done
	[ "$(installed | wc -l)" -eq 9 ]
	# The schema a directory needs is installed beside the rules.
	[ -f "$P/share/contacts/contacts.schema" ]
}

@test "a DESTDIR staging tree works wherever it is unpacked" {
	mk install DESTDIR="$BATS_TEST_TMPDIR/stage" PREFIX=/opt/contacts
	[ "$status" -eq 0 ]
	mv "$BATS_TEST_TMPDIR/stage/opt/contacts" "$BATS_TEST_TMPDIR/moved"
	run --separate-stderr "$BATS_TEST_TMPDIR/moved/bin/contacts" lookup pimia
	show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Kirsi Pimiä  [7]" ]
	[ -f "$BATS_TEST_TMPDIR/moved/share/man/man1/contacts.1" ]
}

@test "make uninstall removes exactly what install wrote, and no directory it did not make" {
	mkdir -p "$P/share"
	echo keep > "$P/share/other.txt"
	mk install PREFIX="$P"
	[ "$status" -eq 0 ]
	mk uninstall PREFIX="$P"
	[ "$status" -eq 0 ]
	for f in $(installed); do
		[ ! -e "$f" ] || { echo "left $f"; false; }
	done
	[ ! -e "$P/share/contacts" ]
	[ "$(cat "$P/share/other.txt")" = keep ]
	# A data directory of someone else's is emptied of ours, not removed.
	mkdir -p "$P/elsewhere"
	echo theirs > "$P/elsewhere/theirs.txt"
	mk install PREFIX="$P" DATADIR="$P/elsewhere"
	[ -f "$P/elsewhere/rules" ]
	mk uninstall PREFIX="$P" DATADIR="$P/elsewhere"
	[ "$status" -eq 0 ]
	[ ! -e "$P/elsewhere/rules" ]
	[ "$(cat "$P/elsewhere/theirs.txt")" = theirs ]
}

@test "fish completions go where the installed fish reads them" {
	for prefix in /usr/local /usr "$HOME/.local"; do
		dir=$(make -s -C "$TOP" print-FISHCOMPDIR PREFIX="$prefix")
		fish -c "contains -- '$dir' \$fish_complete_path" ||
		    { echo "fish does not read $dir (PREFIX=$prefix)"; false; }
	done
}

# A dpkg-query that has no package, and an apt-get that leaves a mark.
fake_apt() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\nexit 1\n' > "$BATS_TEST_TMPDIR/bin/dpkg-query"
	printf '#!/bin/sh\ntouch "%s/apt-ran"; exit 0\n' "$BATS_TEST_TMPDIR" \
	    > "$BATS_TEST_TMPDIR/bin/apt-get"
	chmod +x "$BATS_TEST_TMPDIR/bin/dpkg-query" "$BATS_TEST_TMPDIR/bin/apt-get"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH"
}

@test "install and NO_APT=1 never run apt-get; they name the command instead" {
	fake_apt
	run make -s -C "$TOP" install PREFIX="$P"
	[ "$status" -ne 0 ]
	[[ "$output" == *"missing packages; run: sudo apt-get install libcsv-dev libpcre2-dev libidn2-dev libunistring-dev libldap-dev pkgconf"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/apt-ran" ]
	run make -s -C "$TOP" deps NO_APT=1
	[ "$status" -ne 0 ]
	[[ "$output" == *"sudo apt-get install libcsv-dev"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/apt-ran" ]
}

@test "make installs only the build packages; the test ones belong to make check" {
	[ "$(make -s -C "$TOP" print-BUILD_PKGS)" = "libcsv-dev libpcre2-dev libidn2-dev libunistring-dev libldap-dev pkgconf" ]
	fake_apt
	run make -s -C "$TOP" deps NEED="$(make -s -C "$TOP" print-BUILD_PKGS)"
	if [ "$(id -u)" -eq 0 ]; then
		# As root, with nothing installed: apt-get is run, for those.
		[ -e "$BATS_TEST_TMPDIR/apt-ran" ]
		[[ "$output" == "installing: libcsv-dev libpcre2-dev libidn2-dev libunistring-dev libldap-dev pkgconf" ]]
	else
		[[ "$output" == *"sudo apt-get install libcsv-dev libpcre2-dev libidn2-dev libunistring-dev libldap-dev pkgconf" ]]
	fi
}

@test "the version is said in one place: --version and both man pages agree with the Makefile" {
	v=$(make -s -C "$TOP" print-VERSION)
	run "$CONTACTS" --version
	[ "$output" = "contacts $v" ]
	grep -q "^\\.TH CONTACTS 1 .* \"contacts $v\"" "$TOP/data/contacts.1"
	grep -q "^\\.TH CONTACTS-RULES 5 .* \"contacts $v\"" "$TOP/data/contacts-rules.5"
}
