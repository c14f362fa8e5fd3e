# Makefile: builds contacts, runs its tests, installs it.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/contacts
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
# The vendor directory under PREFIX; but for the default /usr/local, which
# fish reads only when $XDG_DATA_DIRS names it (Debian's often does not),
# the one fish's pkg-config file names if fish does not read that one.
FISHCOMPDIR ?= $(shell d='$(PREFIX)/share/fish/vendor_completions.d'; \
	if [ '$(PREFIX)' = /usr/local ] && command -v fish >/dev/null 2>&1 && \
	  ! fish -c "contains -- '$$d' \$$fish_complete_path" 2>/dev/null && \
	  pkg-config --exists fish 2>/dev/null; then \
	  pkg-config --variable completionsdir fish; else echo "$$d"; fi)
VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
PKG_CFLAGS = $(shell pkg-config --cflags libpcre2-8 libidn2 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs libpcre2-8 libidn2 2>/dev/null || \
	echo -lpcre2-8 -lidn2)
# libldap is not linked but opened when a directory store is (store_ldap.c),
# by the soname of the one installed: read when a compile needs it, after
# deps has installed libldap-dev.
LDAP_SONAME = $(shell objdump -p "$$(readlink -f \
	"$$($(CC) -print-file-name=libldap.so)")" 2>/dev/null | \
	awk '$$1 == "SONAME" { print $$2 }')
LIBS = -lcsv $(PKG_LIBS) -lunistring -ldl -pthread
CPPFLAGS_ALL = -D_GNU_SOURCE -DVERSION='"$(VERSION)"' \
	-DLDAP_SONAME='"$(LDAP_SONAME)"' $(CPPFLAGS)

# Debian packages the build needs, and those only the tests need.
BUILD_PKGS = libcsv-dev libpcre2-dev libidn2-dev libunistring-dev \
	libldap-dev pkgconf
TEST_PKGS = libcmocka-dev bats fish zsh python3 mandoc jq neomutt \
	python3-vobject python3-ldap lbdb fzf slapd ldap-utils openssl

MODULES = diag fold names entry hash table store store_csv store_index store_ldap \
	index record rules phone email match output import vcard extract config \
	ldif
COMMANDS = cmd cmd_add cmd_check cmd_complete cmd_edit cmd_email \
	cmd_export cmd_import cmd_list cmd_lookup cmd_phone cmd_rm cmd_rules \
	cmd_sync
UNIT_TESTS = test_fold test_store test_rules test_phone test_email \
	test_match test_names test_record test_import test_vcard test_index \
	test_extract

OBJ = $(MODULES:%=build/obj/%.o) $(COMMANDS:%=build/obj/%.o)
MODULE_OBJ = $(MODULES:%=build/check/%.o)
CHECK_OBJ = $(MODULE_OBJ) $(COMMANDS:%=build/check/%.o)
HEADERS = $(wildcard src/*.h)

all: deps contacts

# Installs missing packages as root (NO_APT=1 says not to, and install never
# does); otherwise names the command to run. Nothing there is installed again.
# No service a package brings (slapd) is started: a policy-rc.d refuses it
# while apt-get runs, and the tests start their own.
NEED = $(BUILD_PKGS)
NO_APT_NOW = $(NO_APT)$(filter install uninstall,$(MAKECMDGOALS))
deps:
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=; for p in $(NEED); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && [ -z "$(NO_APT_NOW)" ]; then \
	  echo "installing:$$missing"; \
	  rc=/usr/sbin/policy-rc.d; made=; \
	  [ -e $$rc ] || { printf '#!/bin/sh\nexit 101\n' > $$rc && \
	    chmod 755 $$rc && made=1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	  st=$$?; [ -z "$$made" ] || rm -f $$rc; exit $$st; \
	else \
	  echo "missing packages; run: sudo apt-get install$$missing" >&2; \
	  exit 1; \
	fi

check-deps:
	@$(MAKE) -s deps NEED="$(BUILD_PKGS) $(TEST_PKGS)"

contacts: $(OBJ) build/obj/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) build/obj/main.o $(LIBS)

build/obj/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p build/obj
	$(CC) $(CPPFLAGS_ALL) -DDATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(WARN) \
	  $(CFLAGS) -c -o $@ $<

# The test build: sanitizers on, warnings fatal, data found in this tree.
build/check/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p build/check
	$(CC) $(CPPFLAGS_ALL) -DDATADIR='"$(CURDIR)/data"' $(PKG_CFLAGS) \
	  $(WARN) -Werror -O1 -g $(SAN) -c -o $@ $<

build/check/contacts: $(CHECK_OBJ) build/check/main.o
	$(CC) $(SAN) -o $@ $(CHECK_OBJ) build/check/main.o $(LIBS)

build/check/test_%: tests/unit/test_%.c $(MODULE_OBJ) $(wildcard tests/unit/*.h) $(HEADERS)
	$(CC) $(CPPFLAGS_ALL) -DDATADIR='"$(CURDIR)/data"' -Isrc $(PKG_CFLAGS) \
	  $(WARN) -Werror -O1 -g $(SAN) -o $@ $< $(MODULE_OBJ) $(LIBS) -lcmocka

# An LD_PRELOAD shim that fails or kills the store's writes on cue.
build/check/libfault.so: tests/fault/fault.c
	@mkdir -p build/check
	$(CC) -shared -fPIC $(WARN) -Werror -O1 -o $@ $< -ldl

check: check-deps build/check/contacts build/check/libfault.so \
    $(UNIT_TESTS:%=build/check/%)
	@bash tests/run $(UNIT_TESTS:%=build/check/%)

# libFuzzer harnesses (clang): make fuzz FUZZ_SECONDS=60 runs each in turn,
# from its committed seeds in tests/fuzz/corpus/NAME; what it finds new
# goes to build/fuzz/corpus-NAME.
FUZZERS = fuzz_store fuzz_rules fuzz_phone fuzz_names fuzz_vcard fuzz_index \
	fuzz_import fuzz_extract fuzz_ldif
FUZZ_SECONDS = 30
FUZZ_CC = clang

build/fuzz/%: tests/fuzz/%.c $(MODULES:%=src/%.c) $(HEADERS) | deps
	@mkdir -p build/fuzz build/fuzz/corpus-$*
	$(FUZZ_CC) $(CPPFLAGS_ALL) -DDATADIR='"$(CURDIR)/data"' -Isrc \
	  $(PKG_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< \
	  $(MODULES:%=src/%.c) $(LIBS)

fuzz: $(FUZZERS:%=build/fuzz/%)
	@for f in $(FUZZERS); do \
	  echo "== $$f"; \
	  ./build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    build/fuzz/corpus-$$f tests/fuzz/corpus/$$f || exit 1; \
	done

# make bench: times contacts on generated stores of 10k, 100k and 1M
# officials against grep -i (and abook, where installed); prints one table.
# BENCH_FLAGS=--quick leaves out the 1M store.
BENCH_FLAGS =

build/bench/measure: tests/bench/measure.c
	@mkdir -p build/bench
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ tests/bench/measure.c

# make lint: cppcheck and clang-tidy over src/, clean or failing. The
# checks are every warning cppcheck has of kinds warning, performance and
# portability, and clang-tidy's clang-analyzer-* and bugprone-*, less:
#   security.insecureAPI.DeprecatedOrUnsafeBufferHandling and .strcpy:
#     they ask for C11 Annex K functions glibc does not have;
#   optin.performance.Padding: a struct's layout is not a defect;
#   valist.Uninitialized: false reports on a va_list handed to vsnprintf;
#   bugprone-easily-swappable-parameters, -narrowing-conversions and
#     -implicit-widening-of-multiplication-result: size arithmetic here is
#     bounded on purpose (the index keeps u32 offsets, checked);
#   bugprone-sizeof-expression: it reports sizeof(*p) for every array of
#     pointers to structs, the way this code allocates them.
TIDY_CHECKS = -*,clang-analyzer-*,bugprone-*,$\
	-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,$\
	-clang-analyzer-security.insecureAPI.strcpy,$\
	-clang-analyzer-optin.performance.Padding,$\
	-clang-analyzer-valist.Uninitialized,$\
	-bugprone-easily-swappable-parameters,-bugprone-narrowing-conversions,$\
	-bugprone-implicit-widening-of-multiplication-result,$\
	-bugprone-sizeof-expression
LINT_FLAGS = $(CPPFLAGS_ALL) -DDATADIR='"$(DATADIR)"' -Isrc $(PKG_CFLAGS)

LINT_PKGS = cppcheck clang-tidy

lint:
	@$(MAKE) -s deps NEED="$(BUILD_PKGS) $(LINT_PKGS)"
	cppcheck --quiet --std=c11 --enable=warning,performance,portability \
	  --error-exitcode=1 $(LINT_FLAGS) src/*.c
	@ls src/*.c | xargs -P 2 -I{} clang-tidy --quiet \
	  --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' {} \
	  -- $(LINT_FLAGS) 2>/dev/null

# make check-valgrind: the CLI tests, index on, with every call of an
# unsanitized build under valgrind; any error or leak it reports fails.
VALGRIND_PKGS = valgrind

build/valgrind/contacts: $(MODULES:%=src/%.c) $(COMMANDS:%=src/%.c) \
    src/main.c $(HEADERS) | deps
	@mkdir -p build/valgrind
	$(CC) $(CPPFLAGS_ALL) -DDATADIR='"$(CURDIR)/data"' $(PKG_CFLAGS) \
	  $(WARN) -O1 -g -o $@ $(MODULES:%=src/%.c) $(COMMANDS:%=src/%.c) \
	  src/main.c $(LIBS)

check-valgrind: build/valgrind/contacts build/check/libfault.so
	@$(MAKE) -s deps NEED="$(BUILD_PKGS) $(TEST_PKGS) $(VALGRIND_PKGS)"
	@bash tests/valgrind-run

# Each mutation of tests/mutations, alone, must make `make check` fail.
mutate:
	@bash tests/mutate

bench: contacts build/bench/measure
	@bash tests/bench/run $(BENCH_FLAGS) ./contacts build/bench/measure

# The files install writes, where it writes them. The binary finds its data
# beside itself (../share/contacts), so a PREFIX or DESTDIR given only here,
# after a plain make, still works; nothing here runs apt-get.
INSTALLED = $(BINDIR)/contacts $(DATADIR)/officials.csv $(DATADIR)/rules \
	$(DATADIR)/contacts.schema \
	$(MANDIR)/man1/contacts.1 $(MANDIR)/man5/contacts-rules.5 \
	$(BASHCOMPDIR)/contacts $(ZSHCOMPDIR)/_contacts \
	$(FISHCOMPDIR)/contacts.fish

install: contacts
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 contacts $(DESTDIR)$(BINDIR)/contacts
	install -m 644 data/officials.csv data/rules data/contacts.schema \
	  $(DESTDIR)$(DATADIR)/
	install -m 644 data/contacts.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 data/contacts-rules.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completions/contacts.bash \
	  $(DESTDIR)$(BASHCOMPDIR)/contacts
	install -m 644 completions/_contacts $(DESTDIR)$(ZSHCOMPDIR)/_contacts
	install -m 644 completions/contacts.fish \
	  $(DESTDIR)$(FISHCOMPDIR)/contacts.fish

# Exactly the files install wrote; of directories only the data directory,
# which install made for itself, and only when it is empty.
uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	@case "$(DATADIR)" in */contacts) \
	  rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true ;; esac

clean:
	rm -rf build contacts

# make print-VAR: the value of a variable, for the tests and the curious.
print-%:
	@echo '$($*)'

.PHONY: all deps check-deps check check-valgrind lint mutate fuzz bench install uninstall clean
