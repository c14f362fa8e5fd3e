/* cmd_phone.c: prints an official's phone number, or normalizes raw numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "phone.h"
#include "rules.h"
#include "store.h"

enum { OPT_FORMAT_STYLE = 1, OPT_PARSE };

static const struct opt_spec opts[] = {
	{ OPT_FORMAT_STYLE, "format", 0, ARG_ONE, "STYLE",
	  "e164 (default), international, national or rfc3966", 0 },
	{ OPT_PARSE, "parse", 0, ARG_ONE, "RAW",
	  "normalize RAW instead; '-' reads one a line,\n"
	  "optionally RAW<TAB>REGION, and writes\n"
	  "E164<TAB>INTERNATIONAL or INVALID<TAB>REASON", OPT_NO_STORE },
	{ 0 },
};

static const char *
default_region(const struct ctx *c)
{
	return c->opt->region != NULL ? c->opt->region : c->r->default_region;
}

/* One raw number a line, optionally RAW<TAB>REGION; never stops early. */
static int
parse_lines(struct ctx *c)
{
	char *line = NULL, *tab, *s, *last = NULL;
	const char *region, *why;
	const struct region *g = NULL;
	struct phone ph;
	size_t cap = 0, valid = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		region = default_region(c);
		if ((tab = strchr(line, '\t')) != NULL) {
			*tab = '\0';
			region = tab + 1;
		}
		/* Lines mostly name the region of the line before. */
		if (region != NULL &&
		    (last == NULL || strcmp(last, region) != 0)) {
			free(last);
			last = xstrdup(region);
			g = rules_region(c->r, region);
		}
		/* No region at all: only numbers with '+' can be read. */
		if (region != NULL && g == NULL) {
			printf("INVALID\tunknown region '%s'\n", region);
		} else if (phone_parse(c->r, line, region, &ph, &why, NULL) != 0) {
			fputs("INVALID\t", stdout);
			fputs(why, stdout);
			putchar('\n');
		} else {
			valid++;
			s = phone_format(c->r, &ph, PHONE_INTERNATIONAL);
			fputs(ph.e164, stdout);
			putchar('\t');
			fputs(s, stdout);
			putchar('\n');
			free(s);
		}
	}
	free(last);
	free(line);
	if (ferror(stdin)) {
		diag("cannot read standard input");
		return ST_SYSTEM;
	}
	/* As for one RAW: nothing valid was given, exit 4. */
	return valid > 0 ? 0 : ST_MISSING;
}

static int
parse_one(struct ctx *c, const char *raw, enum phone_style style)
{
	struct phone ph;
	const char *why;
	char *s;

	if (phone_parse(c->r, raw, default_region(c), &ph, &why, NULL) != 0) {
		diag("'%s' is not a valid phone number: %s", raw, why);
		return ST_MISSING;
	}
	s = phone_format(c->r, &ph, style);
	printf("%s\n", s);
	free(s);
	return 0;
}

static int
of_official(struct ctx *c, enum phone_style style)
{
	const struct number *n;
	struct where w;
	size_t row;
	char *s;
	int rc;

	if ((rc = pick_official(c, c->operands, c->noperands, &row)) != 0)
		return rc;
	n = record_number(&c->rs, row, COL_PHONE);
	if (*n->raw == '\0')
		n = record_number(&c->rs, row, COL_MOBILE);
	if (*n->raw == '\0') {
		s = store_name(c->st, row);
		diag("%s: no phone number", s);
		free(s);
		return ST_MISSING;
	}
	if (n->why != NULL) {
		w = store_where(c->st, row);
		diag_at(w.file, w.line, 0, "phone '%s': %s", n->raw, n->why);
		return ST_DATA;
	}
	s = phone_format(c->r, &n->ph, style);
	printf("%s\n", s);
	free(s);
	return 0;
}

static int
cmd_phone(struct ctx *c)
{
	enum phone_style style = PHONE_E164;
	const char *raw = arg_value(c, OPT_PARSE);
	const char *name = arg_value(c, OPT_FORMAT_STYLE);

	if (name != NULL && phone_style_named(name, &style) != 0) {
		diag("phone: unknown format '%s' (known: e164, international, "
		    "national, rfc3966)", name);
		return ST_USAGE;
	}
	if (raw != NULL) {
		if (c->noperands != 0) {
			diag("phone: --parse takes one RAW and no NAME");
			return ST_USAGE;
		}
		return strcmp(raw, "-") == 0 ? parse_lines(c) :
		    parse_one(c, raw, style);
	}
	if (c->noperands == 0) {
		diag("phone: missing NAME");
		return ST_USAGE;
	}
	return of_official(c, style);
}

const struct command cmd_phone_entry = {
	"phone", NULL, cmd_phone, CMD_STORE | CMD_NAMES, opts, 0, -1,
	"[--format STYLE] NAME... | --parse RAW|-",
	"print the phone number of exactly one official",
	NULL,
	NULL,
};
