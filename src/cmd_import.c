/* cmd_import.c: adds the officials of CSV and vCard files and press releases, each official once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "entry.h"
#include "extract.h"
#include "import.h"
#include "ldif.h"
#include "output.h"
#include "rules.h"
#include "store.h"
#include "vcard.h"

enum { OPT_DRY_RUN = 1, OPT_UPDATE, OPT_IMPORT_FORMAT, OPT_TEXT,
	OPT_RULES_OUT };

static const struct opt_spec opts[] = {
	{ OPT_DRY_RUN, "dry-run", 'n', ARG_NONE, NULL,
	  "say what would be added or changed; write nothing\n"
	  "to the store (with --text: the rows it would add,\nas CSV)",
	  OPT_DRY },
	{ OPT_UPDATE, "update", 0, ARG_NONE, NULL,
	  "apply the new values of officials already present", 0 },
	{ OPT_IMPORT_FORMAT, "format", 0, ARG_ONE, "FMT",
	  "csv, vcard, ldif or text (a press release); by\n"
	  "default csv, vcard or ldif, told from the content", 0 },
	{ OPT_TEXT, "text", 0, ARG_NONE, NULL,
	  "the files are press releases: --format text", 0 },
	{ OPT_RULES_OUT, "rules-out", 0, ARG_ONE, "FILE",
	  "write the rule block a release's address sentence\n"
	  "asks for to FILE, for review, not to stderr", 0 },
	{ 0 },
};

static void put_text(FILE *fp, const char *s, int lines);

/* The input formats; "text" is a press release. */
static const char *const formats[] = { "csv", "vcard", "ldif", "text" };

/* What prepare() read, for cmd_import(). */
struct input {
	struct entries in;
	int text;		/* the files were press releases */
};

static const char *const action_names[] = {
	"add", "same", "update", "differs",
};

/* The bytes of path, or of standard input for "-". */
static int
slurp(const char *path, char **buf, size_t *len)
{
	struct strbuf b = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	strbuf_add(&b, "", 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (fd != STDIN_FILENO)
				close(fd);
			free(b.p);
			return -1;
		}
		strbuf_add(&b, chunk, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*buf = b.p;
	*len = b.len;
	return 0;
}

/*
 * Says what the release's address sentence asks of the rules: nothing if
 * a profile already gives those addresses, a warning if one gives others,
 * and else the rule block to add, kept in blocks.
 */
static void
address_rule(struct ctx *c, const char *name, const struct release *rel,
    struct strbuf *blocks)
{
	const struct org_rule *o;
	const char *why;
	char *block, *was, *ascii;

	if (rel->sentence == NULL)
		return;
	if (rel->template == NULL) {
		diag_at(name, rel->sentence_line, 0, "cannot read the address "
		    "pattern '%s': a word of it is neither a given-word nor a "
		    "family-word of the rules' extract blocks", rel->address);
		return;
	}
	if (email_domain_ascii(rel->domain, &ascii, &why) != 0) {
		diag_at(name, rel->sentence_line, 0, "cannot use the address "
		    "pattern '%s': invalid domain: %s", rel->address, why);
		return;
	}
	free(ascii);
	if ((o = rules_org(c->r, rel->issuer, "")) != NULL) {
		if (strcmp(o->template, rel->template) != 0 ||
		    strcasecmp(o->domain, rel->domain) != 0)
			diag_at(name, rel->sentence_line, 0, "the release "
			    "writes addresses at '%s' as %s, but the rule "
			    "'%s' gives %s@%s", rel->issuer, rel->address,
			    o->name, o->template, o->domain);
		return;
	}
	if ((block = extract_rule_block(c->r, rel, name)) == NULL)
		return;
	/* Two releases of one issuer ask for one block. */
	if (blocks->len > 0) {
		was = xstrndup(blocks->p, blocks->len);
		if (strstr(was, strchr(block, '\n')) != NULL) {
			free(was);
			free(block);
			return;
		}
		free(was);
		strbuf_add(blocks, "\n", 1);
	}
	strbuf_add(blocks, block, strlen(block));
	free(block);
}

/* The people of a press release, and the rule its address sentence asks for. */
static int
read_release(struct ctx *c, const char *name, const char *buf, size_t len,
    struct entries *in, struct strbuf *blocks, struct errors *errs)
{
	struct release rel;
	int rc;

	release_init(&rel);
	rc = extract_release(c->r, name, buf, len, in, &rel, errs);
	if (rc != ST_DATA)
		address_rule(c, name, &rel, blocks);
	release_clear(&rel);
	return rc;
}

/*
 * The rule blocks to standard error, or to the file --rules-out names;
 * 0 or ST_SYSTEM.
 */
static int
write_blocks(struct ctx *c, const struct strbuf *blocks)
{
	const char *path = arg_value(c, OPT_RULES_OUT);
	char *text = xstrndup(blocks->p, blocks->len);
	FILE *fp;
	int rc = 0;

	if (path == NULL) {
		diag("import: no rule of the rules gives the addresses a "
		    "release describes; to derive them, add to the rule file "
		    "(see contacts-rules(5)):");
		put_text(stderr, text, 1);
	} else if ((fp = fopen(path, "w")) == NULL ||
	    (fputs(text, fp) == EOF) + (fclose(fp) != 0) > 0) {
		diag("import: cannot write '%s': %s", path, strerror(errno));
		rc = ST_SYSTEM;
	} else {
		diag("import: wrote the rule block a release asks for to '%s'; "
		    "add it to the rule file once reviewed", path);
	}
	free(text);
	return rc;
}

/* One input file into entries. */
static int
read_input(struct ctx *c, const char *path, const char *format,
    struct entries *in, struct strbuf *blocks, struct errors *errs,
    struct errors *warn)
{
	const char *name = strcmp(path, "-") == 0 ? "(standard input)" : path;
	char *buf;
	size_t len;
	int rc;

	if (slurp(path, &buf, &len) != 0) {
		errors_add(errs, NULL, 0, 0, "cannot read '%s': %s", name,
		    strerror(errno));
		return ST_SYSTEM;
	}
	if (format == NULL)
		format = vcard_sniff(buf, len) ? "vcard" :
		    ldif_sniff(buf, len) ? "ldif" : "csv";
	if (strcmp(format, "text") == 0)
		rc = read_release(c, name, buf, len, in, blocks, errs);
	else if (strcmp(format, "ldif") == 0)
		rc = ldif_read(name, buf, len, in, errs);
	else if (strcmp(format, "vcard") == 0)
		rc = vcard_read(name, buf, len, in, errs, warn);
	else
		rc = import_csv(name, buf, len, in, errs);
	free(buf);
	return rc;
}

/*
 * A value in a one-line report: tabs, newlines and backslashes escaped
 * (unless lines, for text of many lines), other controls and bidi
 * overrides shown as '?', as fput_safe() does.
 */
static void
put_text(FILE *fp, const char *s, int lines)
{
	size_t n;

	for (; *s != '\0'; s++) {
		if (!lines && *s == '\n')
			fputs("\\n", fp);
		else if (!lines && *s == '\t')
			fputs("\\t", fp);
		else if (!lines && *s == '\\')
			fputs("\\\\", fp);
		else if (*s != '\n' && *s != '\t' && (n = unsafe_at(s)) > 0)
			fputc('?', fp), s += n - 1;
		else
			fputc(*s, fp);
	}
}

static void
put_value(FILE *fp, const char *s)
{
	put_text(fp, s, 0);
}

/* ACTION<TAB>ID<TAB>NAME[<TAB>COLUMN: 'WAS' -> 'NOW'; ...] */
static void
report_result(struct ctx *c, const struct import_result *res, FILE *fp)
{
	char *name = store_name(c->st, res->row);
	size_t i;

	fprintf(fp, "%s\t", action_names[res->action]);
	put_value(fp, store_field(c->st, res->row, COL_ID));
	fputc('\t', fp);
	put_value(fp, name);
	free(name);
	for (i = 0; i < res->nch; i++) {
		fprintf(fp, i == 0 ? "\t%s: '" : "; %s: '", res->ch[i].column);
		put_value(fp, res->ch[i].was);
		fputs("' -> '", fp);
		put_value(fp, res->ch[i].now);
		fputc('\'', fp);
	}
	fputc('\n', fp);
}

static void
free_input(void *p)
{
	entries_release(&((struct input *)p)->in);
	free(p);
}

/*
 * Every file is read before the store is opened: nothing changes if one is
 * bad, and a slow standard input does not hold the lock.
 */
static int
read_inputs(struct ctx *c)
{
	const char *format = arg_value(c, OPT_IMPORT_FORMAT);
	struct input *input = xcalloc(1, sizeof(*input));
	struct errors errs = { 0 }, warn = { 0 };
	struct strbuf blocks = { 0 };
	size_t i;
	int rc = 0, one;

	if (arg_count(c, OPT_TEXT) > 0) {
		if (format != NULL && strcmp(format, "text") != 0) {
			diag("import: --text and --format %s say two formats",
			    format);
			free(input);
			return ST_USAGE;
		}
		format = "text";
	}
	for (i = 0; format != NULL && i < sizeof(formats) / sizeof(*formats);
	    i++)
		if (strcmp(format, formats[i]) == 0)
			break;
	if (format != NULL && i == sizeof(formats) / sizeof(*formats)) {
		diag("import: unknown format '%s' (known: csv, vcard, ldif, text)",
		    format);
		free(input);
		return ST_USAGE;
	}
	if (arg_value(c, OPT_RULES_OUT) != NULL &&
	    (format == NULL || strcmp(format, "text") != 0)) {
		diag("import: --rules-out is for press releases (--text)");
		free(input);
		return ST_USAGE;
	}
	input->text = format != NULL && strcmp(format, "text") == 0;
	for (i = 0; i < c->noperands; i++)
		if ((one = read_input(c, c->operands[i], format, &input->in,
		    &blocks, &errs, &warn)) > rc)
			rc = one;
	/* What could not be imported matters only if the rest is. */
	if (rc == 0)
		errors_print(&warn);
	errors_release(&warn);
	errors_print(&errs);
	errors_release(&errs);
	if (rc == 0 && blocks.len > 0)
		rc = write_blocks(c, &blocks);
	else if (rc == 0 && arg_value(c, OPT_RULES_OUT) != NULL)
		diag("import: nothing written to '%s': no release asks for a "
		    "rule the rules lack", arg_value(c, OPT_RULES_OUT));
	free(blocks.p);
	if (rc != 0) {
		free_input(input);
		return rc;
	}
	c->data = input;
	c->data_free = free_input;
	return 0;
}

/* The rows a dry run of a release would add, as CSV on standard output. */
static int
show_added(struct ctx *c, const struct import_results *res)
{
	const struct format *f = format_named("csv");
	struct view v;
	size_t i, n = 0, *rows = xcalloc(res->n + 1, sizeof(*rows));
	int rc;

	for (i = 0; i < res->n; i++)
		if (res->v[i].action == IMPORT_ADD)
			rows[n++] = res->v[i].row;
		else
			report_result(c, &res->v[i], stderr);
	if ((rc = view_for(c, f, '\n', &v)) == 0) {
		output_rows(c->out, f, &v, rows, n);
		view_release(&v);
	}
	free(rows);
	return rc;
}

static int
cmd_import(struct ctx *c)
{
	struct input *input = c->data;
	struct import_results res = { 0 };
	size_t i, count[4] = { 0 };
	int rc = 0;

	import_merge(c->st, &input->in, arg_count(c, OPT_UPDATE) > 0, &res);
	if (input->text && c->discard)
		rc = show_added(c, &res);
	for (i = 0; i < res.n; i++) {
		if (!(input->text && c->discard)) {
			out_about(c, store_field(c->st, res.v[i].row, COL_ID));
			report_result(c, &res.v[i], c->out);
		}
		count[res.v[i].action]++;
	}
	c->summary = xasprintf("import: %zu added, %zu updated, %zu present, "
	    "%zu differ%s%s", count[IMPORT_ADD], count[IMPORT_UPDATE],
	    count[IMPORT_SAME], count[IMPORT_DIFFERS],
	    count[IMPORT_DIFFERS] > 0 ? " (--update applies them)" : "",
	    c->discard ? "; a dry run: nothing written" : "");
	import_results_release(&res);
	return rc;
}

const struct command cmd_import_entry = {
	"import", read_inputs, cmd_import, CMD_WRITE, opts, 1, -1,
	"[-n | --dry-run] [--update] [--format csv|vcard|ldif|text] [--text] "
	"[--rules-out FILE] FILE...",
	"add the officials of CSV, vCard or LDIF files or press releases",
	"An official already present (the same name and organization) is not\n"
	"added again. Each is reported on stdout as ACTION<TAB>ID<TAB>NAME,\n"
	"ACTION add, same, update or differs, with the changed values after\n"
	"a tab. A press release (--text) gives the people of its contact\n"
	"block (\"Ytterligare information:\", \"Lisätietoja:\", \"Further\n"
	"information:\"), read by the extract blocks of the rules; a release\n"
	"without one is exit 1, and nothing is added.\n",
	NULL,
};
