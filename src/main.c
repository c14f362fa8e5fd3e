/* main.c: global options, the command table, and the only exit(). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "rules.h"
#include "store.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif
#ifndef DATADIR
#define DATADIR "/usr/local/share/contacts"
#endif

struct command {
	const char *name;
	int (*fn)(int, char **, struct ctx *);
	int min_args, max_args;	/* operands; -1: no limit */
	const char *usage;
	const char *summary;
	const char *help;	/* options, one a line */
};

static const struct command commands[] = {
	{ "lookup", cmd_lookup, 1, -1,
	  "[--all-fields] [--format FMT | --json | --tsv] [-0] TERM...",
	  "show the officials whose names match every TERM",
	  "  --all-fields    also search title, organization, unit and note\n"
	  "  --format FMT    text (default), json or tsv\n"
	  "  --json, --tsv   shorthands for --format\n"
	  "  -0, --null      end records with NUL instead of newline\n\n"
	  "A TERM with '@' matches email addresses; digits match phone "
	  "numbers.\n" },
	{ "email", cmd_email, 0, -1,
	  "[--unicode] [--all] NAME... | --stdin | --org ORG NAME...",
	  "print the email address of exactly one official",
	  "  --all           every matching official's address, one a line\n"
	  "  --stdin         read one name a line; write NAME<TAB>EMAIL or\n"
	  "                  NAME<TAB>error: WHAT a line\n"
	  "  --org ORG       derive the address for a person not in the "
	  "store\n"
	  "  --unicode       write an internationalized domain in Unicode,\n"
	  "                  not in its ASCII (xn--) form\n" },
	{ "phone", cmd_phone, 0, -1,
	  "[--format STYLE] NAME... | --parse RAW|-",
	  "print the phone number of exactly one official",
	  "  --format STYLE  e164 (default), international, national or "
	  "rfc3966\n"
	  "  --parse RAW     normalize RAW instead; '-' reads one a line,\n"
	  "                  optionally RAW<TAB>REGION, and writes\n"
	  "                  E164<TAB>INTERNATIONAL or INVALID<TAB>REASON\n" },
	{ "list", cmd_list, 0, 0,
	  "[--format FMT | --json | --tsv] [-0]",
	  "show every official",
	  "  --format FMT    text (default), json or tsv\n"
	  "  --json, --tsv   shorthands for --format\n"
	  "  -0, --null      end records with NUL instead of newline\n" },
	{ "check", cmd_check, 0, 0, "",
	  "validate the store and the rules; print FILE:LINE: problem",
	  "" },
	{ "rules", cmd_rules, 1, -1, "explain NAME... | list | check",
	  "show how the rules treat an official; list or check the rules",
	  "  explain NAME    which rule gave the address and how, step by "
	  "step,\n"
	  "                  and how each phone number was normalized\n"
	  "  list            the organization, transliteration and region "
	  "rules\n"
	  "  check           read the rule file alone; silent when it is "
	  "sound\n" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The synopsis alone for a usage error; everything for --help. */
static void
usage(FILE *fp, int full)
{
	size_t i;

	fprintf(fp, "usage: contacts [-f STORE] [-r RULES] [--region CC] "
	    "[--color=WHEN] COMMAND [ARG...]\n"
	    "       contacts -h | -V\n");
	if (!full) {
		fprintf(fp, "commands:");
		for (i = 0; i < NCOMMANDS; i++)
			fprintf(fp, " %s", commands[i].name);
		fprintf(fp, "; 'contacts --help' says more\n");
		return;
	}
	fprintf(fp, "\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(fp, "\noptions:\n"
	    "  -f, --file STORE   the CSV store of officials\n"
	    "  -r, --rules RULES  the rule file\n"
	    "  --region CC        region of numbers written without '+'\n"
	    "  --color=WHEN       auto (default), always or never\n"
	    "  -h, --help         this help; 'contacts COMMAND --help' for "
	    "one command\n"
	    "  -V, --version      the version\n");
}

static void
command_usage(FILE *fp, const struct command *cmd, int full)
{
	fprintf(fp, "usage: contacts %s %s\n", cmd->name, cmd->usage);
	if (full)
		fprintf(fp, "\n%s\n%s%s", cmd->summary, *cmd->help ? "\n" : "",
		    cmd->help);
}

int
check_operands(const struct ctx *c, int n)
{
	const struct command *cmd = c->cmd;

	if (n < cmd->min_args) {
		diag("%s: missing operand", cmd->name);
		return ST_USAGE;
	}
	if (cmd->max_args >= 0 && n > cmd->max_args) {
		diag("%s: too many operands", cmd->name);
		return ST_USAGE;
	}
	return 0;
}

int
bad_option(const struct ctx *c, char **argv)
{
	if (optopt != 0 && optopt < 256)
		diag("%s: unknown option or missing argument '-%c'",
		    c->cmd->name, optopt);
	else
		diag("%s: unknown option or missing argument '%s'",
		    c->cmd->name, argv[optind - 1]);
	return ST_USAGE;
}

int
pick_official(struct ctx *c, char **terms, size_t n, size_t *row)
{
	struct match_opts mo = { 0, c->opt->region };
	struct email_table em = { 0 };
	size_t i;
	int rc;

	if ((rc = need_store(c)) != 0)
		return rc;
	/* Only an address query needs every official's address. */
	for (i = 0; i < n && em.e == NULL; i++)
		if (strchr(terms[i], '@') != NULL)
			email_table_build(&em, c->st, c->r);
	rc = match_one(c->st, c->r, &em, &mo, terms, n, row);
	email_table_release(&em);
	return rc;
}

int
need_store(struct ctx *c)
{
	int rc;

	if (c->store_loaded)
		return 0;
	if ((rc = store_load(c->st, c->opt->store_path)) == 0)
		c->store_loaded = 1;
	return rc;
}

static int
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* The bundled file: beside the binary in a checkout, else under DATADIR. */
static char *
bundled(const char *name)
{
	char exe[PATH_MAX], *slash, *p;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			p = xasprintf("%s/data/%s", exe, name);
			if (exists(p))
				return p;
			free(p);
		}
	}
	return xasprintf("%s/%s", DATADIR, name);
}

/* --file/--rules, then the environment, then the XDG file, then bundled. */
static char *
locate(const char *given, const char *env, const char *xdg,
    const char *xdg_default, const char *rel, const char *bundled_path)
{
	const char *home = getenv("HOME"), *e;
	char *p;

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
	free(p);
	return xstrdup(bundled_path);
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

static int
finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			diag("write error on stdout: %s", strerror(errno));
		return ST_SYSTEM;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	enum { OPT_REGION = 256, OPT_COLOR };
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "rules", required_argument, NULL, 'r' },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct options opt = { 0 };
	struct store st;
	struct rules r;
	struct ctx c = { &opt, NULL, &r, &st, 0 };
	const char *file = NULL, *rules = NULL, *color = "auto", *nc;
	char *store_path, *rules_path, *bundled_store, *bundled_rules;
	size_t i;
	int ch, rc;

	signal(SIGPIPE, SIG_IGN);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+f:hr:V", longopts, NULL)) != -1) {
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
			color = optarg;
			break;
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
		    ((nc = getenv("NO_COLOR")) == NULL || *nc == '\0');
	else if (strcmp(color, "never") != 0) {
		diag("--color takes auto, always or never, not '%s'", color);
		return ST_USAGE;
	}
	if (optind >= argc) {
		usage(stderr, 0);
		return ST_USAGE;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, argv[optind]) == 0)
			break;
	if (i == NCOMMANDS) {
		diag("unknown command '%s'", argv[optind]);
		usage(stderr, 0);
		return ST_USAGE;
	}
	c.cmd = &commands[i];
	argc -= optind;
	argv += optind;
	if (wants_help(argc, argv)) {
		command_usage(stdout, c.cmd, 1);
		return finish(ST_OK);
	}
	bundled_store = bundled("officials.csv");
	bundled_rules = bundled("rules");
	store_path = locate(file, "CONTACTS_FILE", "XDG_DATA_HOME",
	    ".local/share", "officials.csv", bundled_store);
	rules_path = locate(rules, "CONTACTS_RULES", "XDG_CONFIG_HOME",
	    ".config", "rules", bundled_rules);
	opt.store_path = store_path;
	opt.rules_path = rules_path;
	store_init(&st);
	rules_init(&r);
	r.bundled = bundled_rules;
	rc = rules_load(&r, rules_path);
	if (rc == 0 && opt.region != NULL && rules_region(&r, opt.region) == NULL) {
		diag("unknown region '%s' (not in %s)", opt.region, rules_path);
		rc = ST_USAGE;
	}
	if (rc == 0) {
		optind = 0;
		rc = c.cmd->fn(argc, argv, &c);
		if (rc == ST_USAGE)
			command_usage(stderr, c.cmd, 0);
	}
	store_release(&st);
	rules_release(&r);
	free(store_path);
	free(rules_path);
	free(bundled_store);
	free(bundled_rules);
	return finish(rc);
}
