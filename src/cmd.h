/* cmd.h: what main() hands every command, and the commands it dispatches to. */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>

struct command;
struct email_table;
struct format;
struct rules;
struct store;

/* Global options, resolved once in main() and read-only after. */
struct options {
	const char *store_path;
	const char *rules_path;
	const char *region;	/* --region; NULL for the rules' default */
	int color;
};

struct ctx {
	const struct options *opt;
	const struct command *cmd;
	struct rules *r;
	struct store *st;	/* loaded on first need_store() */
	int store_loaded;
};

/* Loads the store if not yet loaded: 0, or the status to exit with. */
int need_store(struct ctx *c);
/* ST_USAGE after a message if n operands are outside the command's range. */
int check_operands(const struct ctx *c, int n);

/* Writes rows of the store to stdout in format f, records ended by eor. */
void show_officials(const struct ctx *c, const struct format *f, char eor,
    const struct email_table *em, const size_t *rows, size_t n);
/*
 * The one official the terms name (the store loaded if need be), or the
 * status to exit with after saying why.
 */
int pick_official(struct ctx *c, char **terms, size_t n, size_t *row);

/* ST_USAGE after naming the option getopt_long() just rejected. */
int bad_option(const struct ctx *c, char **argv);

int cmd_check(int argc, char **argv, struct ctx *c);
int cmd_email(int argc, char **argv, struct ctx *c);
int cmd_list(int argc, char **argv, struct ctx *c);
int cmd_lookup(int argc, char **argv, struct ctx *c);
int cmd_phone(int argc, char **argv, struct ctx *c);
int cmd_rules(int argc, char **argv, struct ctx *c);

#endif
