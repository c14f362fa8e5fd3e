/* main.c: global options, the command table, setup around each command, the only exit(). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "fold.h"
#include "index.h"
#include "rules.h"
#include "store.h"

#ifndef VERSION
#error "VERSION comes from the Makefile, the one place it is set"
#endif
#ifndef DATADIR
#define DATADIR "/usr/local/share/contacts"
#endif

static const struct command *const commands[] = {
	&cmd_lookup_entry,
	&cmd_email_entry,
	&cmd_phone_entry,
	&cmd_list_entry,
	&cmd_export_entry,
	&cmd_add_entry,
	&cmd_edit_entry,
	&cmd_rm_entry,
	&cmd_import_entry,
	&cmd_sync_entry,
	&cmd_check_entry,
	&cmd_rules_entry,
	&cmd_complete_entry,
	NULL,
};

/* The synopsis alone for a usage error; everything for --help. */
static void
usage(FILE *fp, int full)
{
	size_t i;

	fprintf(fp, "usage: contacts [-f STORE] [-r RULES] [--region CC] "
	    "[--color[=WHEN]] [--no-cache] COMMAND [ARG...]\n"
	    "       contacts -h | -V | help [COMMAND]\n");
	if (!full) {
		fprintf(fp, "commands:");
		for (i = 0; commands[i] != NULL; i++)
			if (!(commands[i]->flags & CMD_HIDDEN))
				fprintf(fp, " %s", commands[i]->name);
		fprintf(fp, "; 'contacts --help' says more\n");
		return;
	}
	fprintf(fp, "\ncommands:\n");
	for (i = 0; commands[i] != NULL; i++)
		if (!(commands[i]->flags & CMD_HIDDEN))
			fprintf(fp, "  %-8s %s\n", commands[i]->name,
			    commands[i]->summary);
	fprintf(fp, "\noptions:\n"
	    "  -f, --file STORE   the CSV store of officials\n"
	    "  -r, --rules RULES  the rule file\n"
	    "  --region CC        region of numbers written without '+'\n"
	    "  --color[=WHEN]     auto (default; not for TERM=dumb), always\n"
	    "                     (also bare --color) or never\n"
	    "  --no-cache         read the store whole; neither use nor write\n"
	    "                     its index under $XDG_CACHE_HOME/contacts\n"
	    "  -h, --help         this help; 'contacts COMMAND --help' for "
	    "one command\n"
	    "  -V, --version      the version\n");
}

/* "-0, --null" or "--format FMT": the left column of an option's help. */
static char *
opt_label(const struct opt_spec *o)
{
	const char *arg = o->kind == ARG_ONE ? o->argname : NULL;

	if (o->letter)
		return xasprintf("-%c, --%s%s%s", o->letter, o->name,
		    arg ? " " : "", arg ? arg : "");
	return xasprintf("--%s%s%s", o->name, arg ? " " : "", arg ? arg : "");
}

static void
print_options(FILE *fp, const struct opt_spec *opts)
{
	const struct opt_spec *o;
	const char *s, *nl;
	size_t width = 0;
	char *label;

	for (o = opts; o->id != 0; o++) {
		label = opt_label(o);
		if (strlen(label) > width)
			width = strlen(label);
		free(label);
	}
	for (o = opts; o->id != 0; o++) {
		label = opt_label(o);
		fprintf(fp, "  %-*s  ", (int)width, label);
		free(label);
		for (s = o->help; (nl = strchr(s, '\n')) != NULL; s = nl + 1)
			fprintf(fp, "%.*s\n  %*s  ", (int)(nl - s), s,
			    (int)width, "");
		fprintf(fp, "%s\n", s);
	}
}

static void
command_usage(FILE *fp, const char *name, const struct command *cmd,
    int full)
{
	size_t i;

	fprintf(fp, "usage: contacts %s%s%s\n", name, *cmd->usage ? " " : "",
	    cmd->usage);
	if (!full)
		return;
	fprintf(fp, "\n%s\n", cmd->summary);
	if (cmd->sub != NULL) {
		fputc('\n', fp);
		for (i = 0; cmd->sub[i] != NULL; i++)
			fprintf(fp, "  %-8s %s\n", cmd->sub[i]->name,
			    cmd->sub[i]->summary);
	}
	if (cmd->opts != NULL && cmd->opts[0].id != 0) {
		fputc('\n', fp);
		print_options(fp, cmd->opts);
	}
	if (cmd->more != NULL)
		fprintf(fp, "\n%s", cmd->more);
}

size_t
arg_count(const struct ctx *c, int id)
{
	size_t i, n = 0;

	for (i = 0; i < c->nargs; i++)
		n += c->args[i].id == id;
	return n;
}

const char *
arg_value(const struct ctx *c, int id)
{
	size_t i;

	for (i = c->nargs; i > 0; i--)
		if (c->args[i - 1].id == id)
			return c->args[i - 1].value;
	return NULL;
}

/* s in NFC: s itself, or a copy kept in c->nfc. */
static char *
nfc_arg(struct ctx *c, char *s)
{
	size_t len;
	char *nfc = fold_nfc(s, strlen(s), &len);

	if (nfc == NULL)
		return s;
	c->nfc = xreallocarray(c->nfc, c->nnfc + 1, sizeof(*c->nfc));
	c->nfc[c->nnfc++] = nfc;
	return nfc;
}

/*
 * The command's options into c->args, in order, and its operands. Options
 * may follow operands; "--" ends them. 0, or ST_USAGE after a message.
 */
static int
parse_args(struct ctx *c, int argc, char **argv)
{
	const struct command *cmd = c->cmd;
	const struct opt_spec *o;
	struct option *lo;
	char shorts[64] = ":";
	size_t n = 0, i, k = 1;
	int ch, idx, rc = 0;

	for (o = cmd->opts; o != NULL && o->id != 0; o++)
		n++;
	/* --help and -h are every command's, found by getopt like the rest. */
	lo = xcalloc(n + 2, sizeof(*lo));
	lo[n].name = "help";
	lo[n].has_arg = no_argument;
	lo[n].val = 'h';
	shorts[k++] = 'h';
	for (i = 0; i < n; i++) {
		o = &cmd->opts[i];
		lo[i].name = o->name;
		lo[i].has_arg = o->kind == ARG_ONE ? required_argument :
		    no_argument;
		lo[i].val = 256 + (int)i;
		if (o->letter && k + 3 < sizeof(shorts)) {
			shorts[k++] = o->letter;
			if (o->kind == ARG_ONE)
				shorts[k++] = ':';
		}
	}
	c->args = xcalloc(argc > 0 ? (size_t)argc : 1, sizeof(*c->args));
	optind = 0;
	opterr = 0;
	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, shorts, lo, &idx)) != -1) {
		if (ch == 'h') {
			c->help = 1;
			continue;
		}
		if (ch >= 256 && cmd->opts != NULL) {
			o = &cmd->opts[ch - 256];
		} else {
			for (o = cmd->opts; o != NULL && o->id != 0; o++)
				if (o->letter == ch)
					break;
			if (ch == '?' || ch == ':' || o == NULL || o->id == 0) {
				if (optopt != 0 && optopt < 256)
					diag("%s: unknown option or missing "
					    "argument '-%c'", c->cmdname, optopt);
				else
					diag("%s: unknown option or missing "
					    "argument '%s'", c->cmdname,
					    argv[optind - 1]);
				rc = ST_USAGE;
				break;
			}
		}
		c->args[c->nargs].id = o->id;
		c->args[c->nargs++].value = o->kind == ARG_ONE ? optarg : NULL;
	}
	free(lo);
	if (rc != 0 || c->help)
		return rc;
	c->operands = argv + optind;
	c->noperands = (size_t)(argc - optind);
	/* Queries and values are NFC, as the store's text is. */
	for (i = 0; i < c->noperands; i++)
		c->operands[i] = nfc_arg(c, c->operands[i]);
	for (i = 0; i < c->nargs; i++)
		if (c->args[i].value != NULL)
			c->args[i].value = nfc_arg(c, (char *)c->args[i].value);
	if ((int)c->noperands < cmd->min_args) {
		diag("%s: missing operand", c->cmdname);
		return ST_USAGE;
	}
	if (cmd->max_args >= 0 && (int)c->noperands > cmd->max_args) {
		diag("%s: too many operands", c->cmdname);
		return ST_USAGE;
	}
	return 0;
}

static int
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/*
 * The bundled file: beside the binary in a checkout (data/), beside it as
 * installed (../share/contacts/, wherever PREFIX or DESTDIR put the tree),
 * else under DATADIR.
 */
static char *
bundled(const char *name)
{
	static const char *const rel[] = { "data", "../share/contacts" };
	char exe[PATH_MAX], *slash, *p;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
				p = xasprintf("%s/%s/%s", exe, rel[i], name);
				if (exists(p))
					return p;
				free(p);
			}
		}
	}
	return xasprintf("%s/%s", DATADIR, name);
}

/*
 * --file/--rules, then the environment, then the XDG file, then bundled.
 * *xdg_path is the XDG file that a first write creates when the bundled
 * file was chosen; else NULL.
 */
static char *
locate(const char *given, const char *env, const char *xdg,
    const char *xdg_default, const char *rel, const char *bundled_path,
    char **xdg_path)
{
	const char *home = getenv("HOME"), *e;
	char *p;

	*xdg_path = NULL;
	if (given != NULL)
		return xstrdup(given);
	if ((e = getenv(env)) != NULL && *e != '\0')
		return xstrdup(e);
	if ((e = getenv(xdg)) != NULL && *e == '/')
		p = xasprintf("%s/contacts/%s", e, rel);
	else if (home != NULL && *home != '\0')
		p = xasprintf("%s/%s/contacts/%s", home, xdg_default, rel);
	else
		p = NULL;
	if (p != NULL && exists(p))
		return p;
	*xdg_path = p;
	return xstrdup(bundled_path);
}

static int
finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		/* A reader that stopped reading (| head) is not a fault. */
		if (errno == EPIPE)
			return rc;
		diag("write error on stdout: %s", strerror(errno));
		return ST_SYSTEM;
	}
	return rc;
}

static int
report(struct errors *errs, int rc)
{
	errors_print(errs);
	errors_release(errs);
	return rc;
}

/*
 * Of what a command that failed to save held back, the lines about
 * officials the store wrote all the same.
 */
static void
write_written(const struct ctx *c, const char *held, size_t n)
{
	size_t i, from, to;

	for (i = 0; i < c->nlines; i++) {
		from = (size_t)c->line_at[i];
		to = i + 1 < c->nlines ? (size_t)c->line_at[i + 1] : n;
		if (from < to && to <= n && store_written(c->st, c->line_id[i]))
			fwrite(held + from, 1, to - from, stdout);
	}
}

/* A variable of the environment, when set (even empty); else the file's. */
static const char *
setting(const char *var, const char *from_file)
{
	const char *e = getenv(var);

	return e != NULL ? e : from_file;
}

/*
 * The settings file: its store stands in for -f when neither -f nor
 * $CONTACTS_FILE names one; its ldap- settings, unless $CONTACTS_LDAP_*
 * variables say otherwise, are how a directory store is reached (set).
 * 0, or the status to exit with after saying why.
 */
static int
configure(struct config *cf, const char **file, struct store_settings *set)
{
	struct errors errs = { 0 };
	const char *e = getenv("CONTACTS_FILE");
	int rc;

	if ((rc = config_load(cf, &errs)) != 0) {
		config_release(cf);
		return report(&errs, rc);
	}
	if (*file == NULL && (e == NULL || *e == '\0'))
		*file = cf->store;
	set->bind_dn = setting("CONTACTS_LDAP_BIND_DN", cf->bind_dn);
	set->password_file = setting("CONTACTS_LDAP_PASSWORD_FILE",
	    cf->password_file);
	set->ca_file = setting("CONTACTS_LDAP_CA_FILE", cf->ca_file);
	set->starttls = setting("CONTACTS_LDAP_STARTTLS", cf->starttls);
	set->timeout = setting("CONTACTS_LDAP_TIMEOUT", cf->timeout);
	set->id_step = setting("CONTACTS_LDAP_ID_STEP", cf->id_step);
	set->id_offset = setting("CONTACTS_LDAP_ID_OFFSET", cf->id_offset);
	return 0;
}

/* Whether an option with flag was given. */
static int
given_with(const struct ctx *c, unsigned flag)
{
	const struct opt_spec *o;
	size_t i;

	for (i = 0; i < c->nargs; i++)
		for (o = c->cmd->opts; o != NULL && o->id != 0; o++)
			if (o->id == c->args[i].id && (o->flags & flag))
				return 1;
	return 0;
}

/* Where indexes are kept; NULL if there is no such place. Caller frees. */
static char *
cache_dir(void)
{
	const char *e = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (e != NULL && *e == '/')
		return xasprintf("%s/contacts", e);
	if (home != NULL && *home == '/')
		return xasprintf("%s/.cache/contacts", home);
	return NULL;
}

/*
 * A store only read is read through its index, made anew whenever the
 * store's bytes change; a store the index cannot read is read whole.
 */
static int
open_indexed(struct ctx *c, const char *location, struct errors *errs)
{
	char *dir;
	int rc;

	if (c->opt->no_cache)
		return -1;
	dir = cache_dir();
	rc = index_open(&c->ix, location, c->r, dir);
	free(dir);
	if (rc != 0)
		return -1;
	if (store_open_index(&c->st, location, c->ix, errs) != 0) {
		index_close(c->ix);
		c->ix = NULL;
		errors_release(errs);
		return -1;
	}
	return 0;
}

/*
 * Opens the store the command needs (location, or from when location is
 * not there yet) into c->st, and says what reading it found: 0 to run the
 * command, else the status to end with.
 */
static int
open_store(struct ctx *c, const char *location, const char *from,
    unsigned flags, int again)
{
	const struct command *cmd = c->cmd;
	struct errors errs = { 0 };
	int rc = 0;

	if (strcmp(location, "-") == 0) {
		/* -f -: a store piped in, for reading only. */
		if (cmd->flags & CMD_WRITE) {
			diag("%s: a store on standard input (-f -) cannot be "
			    "written", c->cmdname);
			return ST_USAGE;
		}
		if (given_with(c, OPT_READS_STDIN)) {
			diag("%s: -f - and --stdin both read standard input",
			    c->cmdname);
			return ST_USAGE;
		}
		rc = store_open_fd(&c->st, "(standard input)", STDIN_FILENO,
		    flags, &errs);
	} else if (flags == 0 && (cmd->flags & CMD_NAMES) &&
	    c->noperands > 0 && !given_with(c, OPT_ALL_ROWS) &&
	    !given_with(c, OPT_READS_STDIN) && store_is_remote(location)) {
		rc = store_open_names(&c->st, location, c->operands,
		    c->noperands, &c->opt->ldap, &errs);
	} else if (flags != 0 || store_is_remote(location) ||
	    open_indexed(c, location, &errs) != 0) {
		rc = store_open(&c->st, location, from, flags, &c->opt->ldap,
		    &errs);
	}
	c->bad_rows = errs.n;
	/* A store past its limits is a problem check lists too. */
	if (rc == ST_DATA && c->st == NULL && (cmd->flags & CMD_ALL_ERRORS)) {
		errors_list(&errs, stdout);
		errors_release(&errs);
		return rc;
	}
	if (rc != 0 && c->st == NULL)
		return report(&errs, rc);
	/*
	 * check says every problem in one place, rows it cannot read too;
	 * a command run again says them once, the first time.
	 */
	if (cmd->flags & CMD_ALL_ERRORS)
		errors_list(&errs, stdout);
	else if (!again)
		errors_print(&errs);
	errors_release(&errs);
	records_init(&c->rs, c->st, c->r, c->opt->region);
	c->rs.ix = c->ix;
	return 0;
}

/*
 * Runs the command, and saves what it changed; what a command that writes
 * says goes to *held. STORE_RACED when another writer changed the store
 * first and nothing was written: run it again on what is there now. Run
 * again, what it says on stderr is held, and said only if it fails: its
 * warnings were said the first time.
 */
static int
run_save(struct ctx *c, const char *location, const char *from,
    char **held, size_t *nheld, int again, int last_try)
{
	struct errors errs = { 0 };
	FILE *said = again ? tmpfile() : NULL;
	int rc, saved = -1, ch;

	c->out = stdout;
	if ((c->cmd->flags & CMD_WRITE) &&
	    (c->out = open_memstream(held, nheld)) == NULL) {
		diag("out of memory");
		c->out = stdout;
		return ST_SYSTEM;
	}
	if (said != NULL) {
		fflush(stderr);
		if ((saved = dup(STDERR_FILENO)) >= 0)
			(void)dup2(fileno(said), STDERR_FILENO);
	}
	rc = c->cmd->fn(c);
	if (saved >= 0) {
		fflush(stderr);
		(void)dup2(saved, STDERR_FILENO);
		close(saved);
		if (rc != 0) {
			rewind(said);
			while ((ch = getc(said)) != EOF)
				putc(ch, stderr);
		}
	}
	if (said != NULL)
		fclose(said);
	if (rc == 0 && c->st != NULL && !c->discard &&
	    store_changed(c->st)) {
		rc = store_save(c->st, &errs);
		if (rc == STORE_RACED && !last_try) {
			errors_release(&errs);
			return rc;
		}
		if (rc == STORE_RACED)
			rc = ST_SYSTEM;
		if (rc != 0)
			report(&errs, rc);
		else if (store_is_new(c->st) && from != NULL)
			diag("copied the bundled store to '%s'", location);
		else if (store_is_new(c->st))
			diag("created '%s'", location);
	}
	return rc;
}

/* Forgets what one run of the command made, the store and its output. */
static void
run_release(struct ctx *c, char **held)
{
	size_t i;

	if (c->out != stdout && c->out != NULL)
		fclose(c->out);
	c->out = stdout;
	free(*held);
	*held = NULL;
	for (i = 0; i < c->nlines; i++)
		free(c->line_id[i]);
	free(c->line_id);
	free(c->line_at);
	c->line_id = NULL;
	c->line_at = NULL;
	c->nlines = 0;
	free(c->summary);
	c->summary = NULL;
	if (c->st != NULL) {
		records_release(&c->rs);
		store_close(c->st);
		c->st = NULL;
	}
	index_close(c->ix);
	c->ix = NULL;
}

/*
 * How many times a write is tried when other writers keep changing the
 * store first (a directory; a file is locked while it is written).
 */
#define RACE_TRIES 50

/*
 * Waits before try number try: longer the more often the race was lost,
 * up to 0.2 s, and by a share of its own (the pid and the clock's
 * microseconds), so that writers who met once seldom meet again.
 */
static void
back_off(int try)
{
	struct timespec ts;
	long ms;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	ms = (long)try * (1 + ((long)getpid() + ts.tv_nsec / 1000) % 16);
	if (ms > 200)
		ms = 200;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	(void)nanosleep(&ts, NULL);
}

/*
 * Opens the store the command needs, runs it, and saves what it changed:
 * the one place stores are loaded, locked and written.
 */
static int
open_run_save(struct ctx *c, const char *xdg_store)
{
	const struct command *cmd = c->cmd;
	const struct options *opt = c->opt;
	const char *location = c->location != NULL ? c->location :
	    opt->store_path, *from = NULL;
	char *held = NULL;
	size_t nheld = 0;
	unsigned flags = 0;
	int rc, try;

	if ((cmd->flags & CMD_WRITE) && xdg_store != NULL &&
	    c->location == NULL) {
		location = xdg_store;
		from = opt->store_path;
	}
	if (cmd->flags & CMD_WRITE) {
		c->discard = given_with(c, OPT_DRY);
		flags |= c->discard ? STORE_DRY : STORE_WRITE;
	}
	if (cmd->flags & CMD_ALL_ERRORS)
		flags |= STORE_ALL_ERRORS;
	for (try = 1;; try++) {
		if ((cmd->flags & (CMD_STORE | CMD_WRITE)) &&
		    !given_with(c, OPT_NO_STORE) &&
		    (rc = open_store(c, location, from, flags, try > 1)) != 0)
			return rc;
		rc = run_save(c, location, from, &held, &nheld, try > 1,
		    try == RACE_TRIES);
		if (rc != STORE_RACED)
			break;
		run_release(c, &held);
		back_off(try);
	}
	if (c->out != stdout) {
		fclose(c->out);
		c->out = NULL;
		if (rc == 0)
			fwrite(held, 1, nheld, stdout);
		else if (c->st != NULL)
			write_written(c, held, nheld);
	}
	if (rc == 0 && c->summary != NULL)
		diag("%s", c->summary);
	run_release(c, &held);
	return rc;
}

/* What the command reads before the store, then the rest. */
static int
run(struct ctx *c, const char *xdg_store)
{
	int rc;

	if (c->cmd->prepare != NULL && (rc = c->cmd->prepare(c)) != 0)
		return rc;
	rc = open_run_save(c, xdg_store);
	if (c->data != NULL)
		c->data_free(c->data);
	return rc;
}

static const struct command *
find_command(const struct command *const *list, const char *name)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i]->name, name) == 0)
			return list[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	enum { OPT_REGION = 256, OPT_COLOR, OPT_NO_CACHE };
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "rules", required_argument, NULL, 'r' },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct options opt = { 0 };
	struct errors errs = { 0 };
	struct rules r;
	struct ctx c;
	const struct command *top, *sub;
	const char *file = NULL, *rules = NULL, *color = "auto", *nc;
	char *store_path, *rules_path, *bundled_store, *bundled_rules;
	char *xdg_store, *xdg_rules, *name;
	char help_opt[] = "--help", *helpv[4];
	struct config cf;
	size_t i;
	int ch, rc;

	signal(SIGPIPE, SIG_IGN);
	/* A file size limit makes write() fail with EFBIG, which is reported. */
	signal(SIGXFSZ, SIG_IGN);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:f:hr:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'h':
			usage(stdout, 1);
			return finish(ST_OK);
		case 'r':
			rules = optarg;
			break;
		case 'V':
			printf("contacts %s\n", VERSION);
			return finish(ST_OK);
		case OPT_REGION:
			opt.region = optarg;
			break;
		case OPT_COLOR:
			/* Bare --color is always, as grep has it. */
			color = optarg != NULL ? optarg : "always";
			break;
		case OPT_NO_CACHE:
			opt.no_cache = 1;
			break;
		case ':':
			diag("option '%s' needs a value", argv[optind - 1]);
			usage(stderr, 0);
			return ST_USAGE;
		default:
			if (optopt != 0 && optopt < 256)
				diag("unknown option '-%c'", optopt);
			else
				diag("unknown or incomplete option '%s'",
				    argv[optind - 1]);
			usage(stderr, 0);
			return ST_USAGE;
		}
	}
	if (strcmp(color, "always") == 0)
		opt.color = 1;
	else if (strcmp(color, "auto") == 0)
		opt.color = isatty(STDOUT_FILENO) &&
		    ((nc = getenv("NO_COLOR")) == NULL || *nc == '\0') &&
		    ((nc = getenv("TERM")) == NULL || strcmp(nc, "dumb") != 0);
	else if (strcmp(color, "never") != 0) {
		diag("--color takes auto, always or never, not '%s'", color);
		return ST_USAGE;
	}
	if (optind >= argc) {
		usage(stderr, 0);
		return ST_USAGE;
	}
	/* help [COMMAND [SUB]] is COMMAND [SUB] --help, or --help alone. */
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			usage(stdout, 1);
			return finish(ST_OK);
		}
		if (argc - optind - 1 > 2) {
			diag("help takes a command and a subcommand at most");
			usage(stderr, 0);
			return ST_USAGE;
		}
		for (i = 0; optind + 1 + (int)i < argc; i++)
			helpv[i] = argv[optind + 1 + i];
		helpv[i++] = help_opt;
		helpv[i] = NULL;
		argc = (int)i;
		argv = helpv;
		optind = 0;
	}
	if ((top = find_command(commands, argv[optind])) == NULL) {
		diag("unknown command '%s'", argv[optind]);
		usage(stderr, 0);
		return ST_USAGE;
	}
	argc -= optind;
	argv += optind;
	sub = top;
	name = xstrdup(top->name);
	if (top->sub != NULL && argc >= 2 && strcmp(argv[1], "--help") != 0 &&
	    strcmp(argv[1], "-h") != 0) {
		if ((sub = find_command(top->sub, argv[1])) == NULL) {
			diag("%s: unknown subcommand '%s'", top->name, argv[1]);
			command_usage(stderr, top->name, top, 0);
			free(name);
			return ST_USAGE;
		}
		free(name);
		name = xasprintf("%s %s", top->name, sub->name);
		argc--;
		argv++;
	}
	if (sub->fn == NULL && argc >= 2) {
		/* "rules --help": the top command's help. */
		command_usage(stdout, name, sub, 1);
		free(name);
		return finish(ST_OK);
	}
	if (sub->fn == NULL) {
		diag("%s: missing subcommand", name);
		command_usage(stderr, name, sub, 0);
		free(name);
		return ST_USAGE;
	}
	memset(&c, 0, sizeof(c));
	c.opt = &opt;
	c.cmd = sub;
	c.cmdname = name;
	c.r = &r;
	if ((rc = parse_args(&c, argc, argv)) != 0 || c.help) {
		command_usage(c.help ? stdout : stderr, name, sub, c.help);
		free(c.args);
		while (c.nnfc > 0)
			free(c.nfc[--c.nnfc]);
		free(c.nfc);
		free(name);
		return c.help ? finish(ST_OK) : rc;
	}
	if ((rc = configure(&cf, &file, &opt.ldap)) != 0) {
		free(c.args);
		while (c.nnfc > 0)
			free(c.nfc[--c.nnfc]);
		free(c.nfc);
		free(name);
		return finish(rc);
	}
	bundled_store = bundled("officials.csv");
	bundled_rules = bundled("rules");
	store_path = locate(file, "CONTACTS_FILE", "XDG_DATA_HOME",
	    ".local/share", "officials.csv", bundled_store, &xdg_store);
	rules_path = locate(rules, "CONTACTS_RULES", "XDG_CONFIG_HOME",
	    ".config", "rules", bundled_rules, &xdg_rules);
	opt.store_path = store_path;
	opt.rules_path = rules_path;
	rules_init(&r);
	r.bundled = bundled_rules;
	if ((rc = rules_load(&r, rules_path, &errs)) != 0)
		report(&errs, rc);
	else if (opt.region != NULL && rules_region(&r, opt.region) == NULL) {
		diag("unknown region '%s' (not in %s)", opt.region, rules_path);
		rc = ST_USAGE;
	}
	if (rc == 0) {
		rc = run(&c, xdg_store);
		if (rc == ST_USAGE)
			command_usage(stderr, name, sub, 0);
	}
	rules_release(&r);
	free(c.args);
	while (c.nnfc > 0)
		free(c.nfc[--c.nnfc]);
	free(c.nfc);
	free(name);
	free(store_path);
	free(rules_path);
	free(xdg_store);
	free(xdg_rules);
	free(bundled_store);
	free(bundled_rules);
	config_release(&cf);
	return finish(rc);
}
