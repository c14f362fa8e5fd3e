/* cmd_import.c: adds the officials of CSV and vCard files, each official once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "entry.h"
#include "import.h"
#include "store.h"
#include "vcard.h"

enum { OPT_DRY_RUN = 1, OPT_UPDATE, OPT_IMPORT_FORMAT };

static const struct opt_spec opts[] = {
	{ OPT_DRY_RUN, "dry-run", 'n', ARG_NONE, NULL,
	  "say what would be added or changed; write nothing", OPT_DRY },
	{ OPT_UPDATE, "update", 0, ARG_NONE, NULL,
	  "apply the new values of officials already present", 0 },
	{ OPT_IMPORT_FORMAT, "format", 0, ARG_ONE, "FMT",
	  "csv or vcard; by default told from the content", 0 },
	{ 0 },
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

/* One input file into entries. */
static int
read_input(const char *path, const char *format, struct entries *in,
    struct errors *errs, struct errors *warn)
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
		format = vcard_sniff(buf, len) ? "vcard" : "csv";
	if (strcmp(format, "vcard") == 0)
		rc = vcard_read(name, buf, len, in, errs, warn);
	else
		rc = import_csv(name, buf, len, in, errs);
	free(buf);
	return rc;
}

/*
 * A value in a one-line report: tabs, newlines and backslashes escaped,
 * other controls and bidi overrides shown as '?', as fput_safe() does.
 */
static void
put_value(FILE *fp, const char *s)
{
	size_t n;

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\\')
			fputs("\\\\", fp);
		else if ((n = unsafe_at(s)) > 0)
			fputc('?', fp), s += n - 1;
		else
			fputc(*s, fp);
	}
}

/* ACTION<TAB>ID<TAB>NAME[<TAB>COLUMN: 'WAS' -> 'NOW'; ...] */
static void
report_result(struct ctx *c, const struct import_result *res)
{
	char *name = store_name(c->st, res->row);
	FILE *fp = c->out;
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
free_entries(void *p)
{
	entries_release(p);
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
	struct entries *in = xcalloc(1, sizeof(*in));
	struct errors errs = { 0 }, warn = { 0 };
	size_t i;
	int rc = 0, one;

	if (format != NULL && strcmp(format, "csv") != 0 &&
	    strcmp(format, "vcard") != 0) {
		diag("import: unknown format '%s' (known: csv, vcard)", format);
		free(in);
		return ST_USAGE;
	}
	for (i = 0; i < c->noperands; i++)
		if ((one = read_input(c->operands[i], format, in, &errs,
		    &warn)) > rc)
			rc = one;
	/* What could not be imported matters only if the rest is. */
	if (rc == 0)
		errors_print(&warn);
	errors_release(&warn);
	errors_print(&errs);
	errors_release(&errs);
	if (rc != 0) {
		entries_release(in);
		free(in);
		return rc;
	}
	c->data = in;
	c->data_free = free_entries;
	return 0;
}

static int
cmd_import(struct ctx *c)
{
	struct entries *in = c->data;
	struct import_results res = { 0 };
	size_t i, count[4] = { 0 };

	import_merge(c->st, in, arg_count(c, OPT_UPDATE) > 0, &res);
	for (i = 0; i < res.n; i++) {
		report_result(c, &res.v[i]);
		count[res.v[i].action]++;
	}
	c->summary = xasprintf("import: %zu added, %zu updated, %zu present, "
	    "%zu differ%s%s", count[IMPORT_ADD], count[IMPORT_UPDATE],
	    count[IMPORT_SAME], count[IMPORT_DIFFERS],
	    count[IMPORT_DIFFERS] > 0 ? " (--update applies them)" : "",
	    c->discard ? "; a dry run: nothing written" : "");
	import_results_release(&res);
	return 0;
}

const struct command cmd_import_entry = {
	"import", read_inputs, cmd_import, CMD_WRITE, opts, 1, -1,
	"[-n | --dry-run] [--update] [--format csv|vcard] FILE...",
	"add the officials of CSV or vCard files ('-' reads standard input)",
	"An official already present (the same name and organization) is not\n"
	"added again. Each is reported on stdout as ACTION<TAB>ID<TAB>NAME,\n"
	"ACTION add, same, update or differs, with the changed values after\n"
	"a tab.\n",
	NULL,
};
