# helper.bash: the binary under test and an environment that cannot leak in.
bats_require_minimum_version 1.5.0

helper_setup() {
	CONTACTS="${CONTACTS:-$BATS_TEST_DIRNAME/../../build/check/contacts}"
	# cold and off go through a wrapper; on is the binary itself.
	if [ "${CACHE_MODE:-on}" != on ]; then
		export CONTACTS_BIN="$CONTACTS"
		CONTACTS="$BATS_TEST_DIRNAME/cache-mode"
	fi
	FIX="$BATS_TEST_DIRNAME/../fixtures"
	export HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p "$HOME"
	unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME CONTACTS_FILE CONTACTS_RULES NO_COLOR
}

setup() {
	helper_setup
}

# The binary under test as the contacts on PATH, for what runs it by name
# (completions, mail clients, the README's lines).
on_path() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$CONTACTS" "$BATS_TEST_TMPDIR/bin/contacts"
	case $PATH in "$BATS_TEST_TMPDIR/bin":*) ;; *) PATH="$BATS_TEST_TMPDIR/bin:$PATH" ;; esac
}

# readme_block TEXT: the indented block that follows the README's first
# line containing TEXT, unindented.
readme_block() {
	awk -v t="$1" 'f && /^    / { sub(/^    /, ""); print; b = 1; next }
	    f && b { exit } index($0, t) { f = 1 }' "$BATS_TEST_DIRNAME/../../README"
}

# contacts ARGS...: runs the binary with stdout and stderr apart.
contacts() {
	run --separate-stderr "$CONTACTS" "$@"
}

# Prints what a failed comparison needs to be understood.
show() {
	printf 'status=%s\n--- stdout\n%s\n--- stderr\n%s\n' \
	    "$status" "$output" "$stderr" >&2
}
