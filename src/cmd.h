/* cmd.h: the command table's shape, what main() hands every command, shared helpers. */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>
#include <stdio.h>

#include "record.h"

struct format;
struct rules;
struct store;

enum arg_kind {
	ARG_NONE,		/* a flag */
	ARG_ONE,		/* takes a value */
};

enum opt_flags {
	OPT_NO_STORE = 1 << 0,	/* the command needs no store when given */
	OPT_DRY = 1 << 1,	/* a dry run: the store is read, never written */
	OPT_READS_STDIN = 1 << 2,	/* reads standard input: -f - cannot */
	OPT_ALL_ROWS = 1 << 3,	/* looks beyond names: every row is read */
};

/* One option of a command: parsed by main(), listed by --help. */
struct opt_spec {
	int id;			/* what the command asks arg_*() for; not 0 */
	const char *name;	/* long name */
	char letter;		/* short name, or 0 */
	enum arg_kind kind;
	const char *argname;	/* the value's name in --help */
	const char *help;	/* lines after the first are indented */
	unsigned flags;
};

enum cmd_flags {
	CMD_STORE = 1 << 0,	/* reads the store: loaded before it runs */
	CMD_WRITE = 1 << 1,	/* changes the store: locked, read under the
				   lock, and saved if it succeeds */
	CMD_ALL_ERRORS = 1 << 2,	/* runs on the sound rows of a store
					   with bad ones, after listing them */
	CMD_HIDDEN = 1 << 3,	/* for the shell completions; not in --help */
	CMD_NAMES = 1 << 4,	/* its operands are the terms of a name: a
				   directory may send only the officials
				   they name */
	CMD_WHOLE = 1 << 5,	/* writes out the whole store: formats of the
				   whole store only (directory) are its */
};

struct ctx;

struct command {
	const char *name;
	/* Reads what it needs before the store is opened (and locked); or NULL. */
	int (*prepare)(struct ctx *c);
	int (*fn)(struct ctx *c);	/* NULL for a command with subcommands */
	unsigned flags;
	const struct opt_spec *opts;	/* ended by { 0 }; NULL for none */
	int min_args, max_args;	/* operands; -1: no limit */
	const char *usage;	/* after "contacts NAME ", as in the man page */
	const char *summary;
	const char *more;	/* said after the options in --help; or NULL */
	const struct command *const *sub;	/* NULL-terminated */
};

/* Global options, resolved once in main() and read-only after. */
struct options {
	const char *store_path;
	const char *rules_path;
	const char *region;	/* --region; NULL for the rules' default */
	int color;
	int no_cache;		/* --no-cache: read the store whole */
	struct store_settings ldap;	/* how to reach a directory store */
};

/* An option as given, in the order given. */
struct arg {
	int id;
	const char *value;	/* NULL for a flag */
};

struct ctx {
	const struct options *opt;
	const struct command *cmd;
	const char *cmdname;	/* "rules explain" for a subcommand */
	struct rules *r;
	struct store *st;	/* NULL unless the command has the store */
	struct index *ix;	/* st's index, or NULL */
	struct records rs;	/* of st */
	struct arg *args;
	size_t nargs;
	char **operands;
	size_t noperands;
	char **nfc;		/* operands and values made NFC; freed at exit */
	size_t nnfc;
	size_t bad_rows;	/* store errors listed before it ran */
	/*
	 * Where a command that writes the store says what it did: held back
	 * until the store is saved, and dropped if it cannot be.
	 */
	FILE *out;
	/* Where in out each line about one official begins, and its id. */
	long *line_at;
	char **line_id;
	size_t nlines;
	char *summary;		/* said on stderr after the save; freed */
	int discard;		/* a dry run: its changes are not saved */
	int help;		/* --help was among the options */
	void *data;		/* what prepare read, for fn */
	const char *location;	/* the store prepare names, if not -f's */
	void (*data_free)(void *);	/* how main() frees data after fn */
};

/*
 * Says that what c->out gets next, to the next such call, is about the
 * official with id: should the store be written only in part (a
 * directory, entry by entry), it is shown only if that official was.
 */
void out_about(struct ctx *c, const char *id);

/* How many times option id was given. */
size_t arg_count(const struct ctx *c, int id);
/* The value it was last given; NULL if never. */
const char *arg_value(const struct ctx *c, int id);

/* Writes rows of the store to stdout in format f, records ended by eor. */
int show_officials(struct ctx *c, const struct format *f, char eor,
    const size_t *rows, size_t n);
struct view;
/* The view officials are shown through, --fields read; ST_USAGE if bad. */
int view_for(struct ctx *c, const struct format *f, char eor,
    struct view *v);
void view_release(struct view *v);
/*
 * The format and record end the output options ask for: 0, or ST_USAGE
 * after saying what is wrong.
 */
int output_choice(const struct ctx *c, const struct format **f, char *eor);
/*
 * The one official the terms name, or the status to exit with after
 * saying why (no match with suggestions; the candidates of an ambiguous
 * query).
 */
int pick_official(struct ctx *c, char **terms, size_t n, size_t *row);
/* "no official matches 'TERMS'" and the close names, for status rc. */
void report_no_match(struct ctx *c, char *const *terms, size_t n, int rc,
    const char *why);

/*
 * Sets the fields the field options (FIELD_OPTS, --set, --unset) name, in
 * the order given. 0, or ST_USAGE after saying which value is bad.
 */
int apply_fields(struct ctx *c, size_t row);
/* Warns of a number or address the field options set that is not valid. */
void warn_invalid(struct ctx *c, size_t row);
/* 0 if id is on one row of found; else ST_NOMATCH / ST_AMBIGUOUS after saying so. */
int id_found(const char *id, size_t found);
/* The row whose id is id: 0, or ST_NOMATCH / ST_AMBIGUOUS after saying so. */
int find_id(struct ctx *c, const char *id, size_t *row);

extern const struct command cmd_add_entry;
extern const struct command cmd_check_entry;
extern const struct command cmd_edit_entry;
extern const struct command cmd_email_entry;
extern const struct command cmd_import_entry;
extern const struct command cmd_list_entry;
extern const struct command cmd_lookup_entry;
extern const struct command cmd_phone_entry;
extern const struct command cmd_rm_entry;
extern const struct command cmd_sync_entry;
extern const struct command cmd_rules_entry;
extern const struct command cmd_complete_entry;
extern const struct command cmd_export_entry;

/* The output options of lookup and list. */
enum {
	OPT_FORMAT = 1000,
	OPT_JSON,
	OPT_TSV,
	OPT_NULL,
	OPT_BASE_DN,
	OPT_FIELDS,
};

/* The options of add and edit that set a field. */
enum {
	OPT_GIVEN = 1100,
	OPT_FAMILY,
	OPT_TITLE,
	OPT_ORG_FIELD,
	OPT_UNIT,
	OPT_PHONE,
	OPT_MOBILE,
	OPT_EMAIL,
	OPT_NOTE,
	OPT_SOURCE,
	OPT_SET,
	OPT_UNSET,
};

#define FIELD_OPTS \
	{ OPT_GIVEN, "given", 0, ARG_ONE, "NAME", "given names", 0 }, \
	{ OPT_FAMILY, "family", 0, ARG_ONE, "NAME", \
	  "family name, particles included", 0 }, \
	{ OPT_TITLE, "title", 0, ARG_ONE, "TITLE", "title", 0 }, \
	{ OPT_ORG_FIELD, "org", 0, ARG_ONE, "ORG", "organization", 0 }, \
	{ OPT_UNIT, "unit", 0, ARG_ONE, "UNIT", "unit", 0 }, \
	{ OPT_PHONE, "phone", 0, ARG_ONE, "NUMBER", \
	  "phone number, as written", 0 }, \
	{ OPT_MOBILE, "mobile", 0, ARG_ONE, "NUMBER", \
	  "mobile number, as written", 0 }, \
	{ OPT_EMAIL, "email", 0, ARG_ONE, "ADDRESS", \
	  "email address; without one the rules derive it", 0 }, \
	{ OPT_NOTE, "note", 0, ARG_ONE, "TEXT", "note", 0 }, \
	{ OPT_SOURCE, "source", 0, ARG_ONE, "TEXT", \
	  "where the information comes from", 0 }, \
	{ OPT_SET, "set", 0, ARG_ONE, "COLUMN=VALUE", \
	  "any other column, added to the store if new", 0 }

/* --format with what it says of the formats and the default. */
#define FORMAT_OPT(help) \
	{ OPT_FORMAT, "format", 0, ARG_ONE, "FMT", help, 0 }
/* The rest of the output options, the same for every command. */
#define OUTPUT_OPTS_REST \
	{ OPT_JSON, "json", 0, ARG_NONE, NULL, "the same as --format json", 0 }, \
	{ OPT_TSV, "tsv", 0, ARG_NONE, NULL, "the same as --format tsv", 0 }, \
	{ OPT_NULL, "null", '0', ARG_NONE, NULL, \
	  "end records with NUL instead of newline", 0 }, \
	{ OPT_BASE_DN, "base-dn", 0, ARG_ONE, "DN", \
	  "ldif: the entries' base (ou=people,dc=example,dc=org)", 0 }, \
	{ OPT_FIELDS, "fields", 0, ARG_ONE, "A,B,...", \
	  "tsv, csv, json: only these columns, in this order\n" \
	  "(the store's, and name, email, email_source)", 0 }
#define OUTPUT_OPTS \
	FORMAT_OPT("text (default), json, tsv, csv, mutt, vcard or ldif"), \
	OUTPUT_OPTS_REST

#endif
