/* cmd_phone.c: prints an official's phone number, or normalizes raw numbers. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "email.h"
#include "match.h"
#include "phone.h"
#include "rules.h"
#include "store.h"

static const char *
default_region(const struct ctx *c)
{
	return c->opt->region != NULL ? c->opt->region : c->r->default_region;
}

/* One raw number a line, optionally RAW<TAB>REGION; never stops early. */
static int
parse_lines(struct ctx *c)
{
	char *line = NULL, *tab, *s;
	const char *region, *why;
	struct phone ph;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		region = default_region(c);
		if ((tab = strchr(line, '\t')) != NULL) {
			*tab = '\0';
			region = tab + 1;
		}
		if (rules_region(c->r, region) == NULL) {
			printf("INVALID\tunknown region '%s'\n", region);
		} else if (phone_parse(c->r, line, region, &ph, &why, NULL) != 0) {
			printf("INVALID\t%s\n", why);
		} else {
			s = phone_format(c->r, &ph, PHONE_INTERNATIONAL);
			printf("%s\t%s\n", ph.e164, s);
			free(s);
		}
	}
	free(line);
	if (ferror(stdin)) {
		diag("cannot read standard input");
		return ST_SYSTEM;
	}
	return 0;
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
of_official(struct ctx *c, char **terms, size_t n, enum phone_style style)
{
	const char *raw, *why;
	struct phone ph;
	size_t row;
	char *s;
	int rc;

	if ((rc = pick_official(c, terms, n, &row)) != 0)
		return rc;
	raw = store_field(c->st, row, COL_PHONE);
	if (*raw == '\0')
		raw = store_field(c->st, row, COL_MOBILE);
	if (*raw == '\0') {
		s = store_name(c->st, row);
		diag("%s: no phone number", s);
		free(s);
		return ST_MISSING;
	}
	if (phone_parse(c->r, raw, match_row_region(c->st, c->r, row,
	    c->opt->region), &ph, &why, NULL) != 0) {
		diag_at(c->st->path, c->st->line[row], 0, "phone '%s': %s",
		    raw, why);
		return ST_DATA;
	}
	s = phone_format(c->r, &ph, style);
	printf("%s\n", s);
	free(s);
	return 0;
}

int
cmd_phone(int argc, char **argv, struct ctx *c)
{
	enum { OPT_FORMAT = 256, OPT_PARSE };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "parse", required_argument, NULL, OPT_PARSE },
		{ NULL, 0, NULL, 0 },
	};
	enum phone_style style = PHONE_E164;
	const char *raw = NULL;
	int ch, n;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == OPT_FORMAT) {
			if (phone_style_named(optarg, &style) != 0) {
				diag("phone: unknown format '%s' (known: "
				    "e164, international, national, rfc3966)",
				    optarg);
				return ST_USAGE;
			}
		} else if (ch == OPT_PARSE) {
			raw = optarg;
		} else {
			return bad_option(c, argv);
		}
	}
	n = argc - optind;
	if (raw != NULL) {
		if (n != 0) {
			diag("phone: --parse takes one RAW and no NAME");
			return ST_USAGE;
		}
		return strcmp(raw, "-") == 0 ? parse_lines(c) :
		    parse_one(c, raw, style);
	}
	if (n == 0) {
		diag("phone: missing NAME");
		return ST_USAGE;
	}
	return of_official(c, argv + optind, (size_t)n, style);
}
