# Makefile: builds contacts, runs its tests, installs it.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/contacts
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
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
LIBS = -lcsv $(PKG_LIBS) -lunistring -pthread
CPPFLAGS_ALL = -D_GNU_SOURCE -DVERSION='"$(VERSION)"' $(CPPFLAGS)

# Debian packages the build and the tests need.
DEB_PKGS = libcsv-dev libpcre2-dev libidn2-dev libunistring-dev \
	libcmocka-dev bats pkgconf

MODULES = diag fold names entry hash table store store_csv store_index \
	index record rules phone email match output import vcard
COMMANDS = cmd cmd_add cmd_check cmd_edit cmd_email cmd_import cmd_list \
	cmd_lookup cmd_phone cmd_rm cmd_rules
UNIT_TESTS = test_fold test_store test_rules test_phone test_email \
	test_match test_names test_record test_import test_vcard test_index

OBJ = $(MODULES:%=build/obj/%.o) $(COMMANDS:%=build/obj/%.o)
MODULE_OBJ = $(MODULES:%=build/check/%.o)
CHECK_OBJ = $(MODULE_OBJ) $(COMMANDS:%=build/check/%.o)
HEADERS = $(wildcard src/*.h)

all: deps contacts

# Installs missing packages as root; otherwise names the command to run.
deps:
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "missing packages; run: sudo apt-get install$$missing" >&2; \
	  exit 1; \
	fi

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

build/check/test_%: tests/unit/test_%.c $(MODULE_OBJ) tests/unit/unit.h
	$(CC) $(CPPFLAGS_ALL) -DDATADIR='"$(CURDIR)/data"' -Isrc $(PKG_CFLAGS) \
	  $(WARN) -Werror -O1 -g $(SAN) -o $@ $< $(MODULE_OBJ) $(LIBS) -lcmocka

# An LD_PRELOAD shim that fails or kills the store's writes on cue.
build/check/libfault.so: tests/fault/fault.c
	@mkdir -p build/check
	$(CC) -shared -fPIC $(WARN) -Werror -O1 -o $@ $< -ldl

check: deps build/check/contacts build/check/libfault.so \
    $(UNIT_TESTS:%=build/check/%)
	@bash tests/run $(UNIT_TESTS:%=build/check/%)

# libFuzzer harnesses (clang): make fuzz FUZZ_SECONDS=60 runs each in turn.
FUZZERS = fuzz_store fuzz_rules fuzz_phone fuzz_names fuzz_vcard fuzz_index
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
	    build/fuzz/corpus-$$f tests/fixtures || exit 1; \
	done

# make bench: times contacts on generated stores of 10k, 100k and 1M
# officials against grep -i (and abook, where installed); prints one table.
# BENCH_FLAGS=--quick leaves out the 1M store.
BENCH_FLAGS =

build/bench/measure: tests/bench/measure.c
	@mkdir -p build/bench
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ tests/bench/measure.c

bench: contacts build/bench/measure
	@bash tests/bench/run $(BENCH_FLAGS) ./contacts build/bench/measure

install: contacts
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(FISHCOMPDIR)
	cp contacts $(DESTDIR)$(BINDIR)/contacts
	cp data/officials.csv data/rules $(DESTDIR)$(DATADIR)/
	cp data/contacts.1 $(DESTDIR)$(MANDIR)/man1/
	cp data/contacts-rules.5 $(DESTDIR)$(MANDIR)/man5/
	cp completions/contacts.bash $(DESTDIR)$(BASHCOMPDIR)/contacts
	cp completions/_contacts $(DESTDIR)$(ZSHCOMPDIR)/_contacts
	cp completions/contacts.fish $(DESTDIR)$(FISHCOMPDIR)/contacts.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/contacts $(DESTDIR)$(MANDIR)/man1/contacts.1 \
	  $(DESTDIR)$(MANDIR)/man5/contacts-rules.5 \
	  $(DESTDIR)$(BASHCOMPDIR)/contacts $(DESTDIR)$(ZSHCOMPDIR)/_contacts \
	  $(DESTDIR)$(FISHCOMPDIR)/contacts.fish
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build contacts

.PHONY: all deps check fuzz bench install uninstall clean
