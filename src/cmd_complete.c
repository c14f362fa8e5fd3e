/* cmd_complete.c: what the shell completions ask: region names, and official names as typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "fold.h"
#include "match.h"
#include "rules.h"
#include "store.h"

/* At most this many names: a completion lists, it does not dump. */
#define MAX_NAMES 100

static int
cmd_complete_regions(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->r->nregion; i++)
		printf("%s\n", c->r->region[i].name);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the parts of s whose folded form begins with the folded word. */
static void
parts_of(const char *s, const char *word, char ***out, size_t *n)
{
	char *copy = xstrdup(s), *tok, *save, *k;
	size_t len = strlen(word);

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		k = fold_key(tok, strlen(tok));
		if (k != NULL && strncmp(k, word, len) == 0) {
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[(*n)++] = xstrdup(tok);
		}
		free(k);
	}
	free(copy);
}

/*
 * What the word typed can become, as the store writes it: each given or
 * family name it begins, and each full name it begins, folded as lookup
 * folds ("pimia" gives "Pimiä", "vuokko r" gives "Vuokko Ranki"); one a line,
 * sorted, each once. Every answer begins with what was typed, so a shell's
 * line editor can complete the common part and list the rest.
 */
static int
cmd_complete_names(struct ctx *c)
{
	struct match_opts mo = { 0, c->opt->region };
	char *term = c->noperands > 0 ? c->operands[0] : "", *word;
	char **out = NULL, *k;
	struct hit *hits = NULL;
	const char *why;
	size_t nhits = 0, i, n = 0;

	if (*term == '\0' || (word = fold_key(term, strlen(term))) == NULL)
		return 0;
	if (match_run(&c->rs, &mo, &term, 1, &hits, &nhits, &why) == 0) {
		for (i = 0; i < nhits && n < MAX_NAMES; i++) {
			char *name = store_name(c->st, hits[i].row);

			parts_of(store_field(c->st, hits[i].row, COL_GIVEN),
			    word, &out, &n);
			parts_of(store_field(c->st, hits[i].row, COL_FAMILY),
			    word, &out, &n);
			k = fold_key(name, strlen(name));
			if (k != NULL && strncmp(k, word, strlen(word)) == 0) {
				out = xreallocarray(out, n + 1, sizeof(*out));
				out[n++] = name;
			} else {
				free(name);
			}
			free(k);
		}
	}
	if (n > 0)
		qsort(out, n, sizeof(*out), cmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(out[i], out[i - 1]) != 0)
			printf("%s\n", out[i]);
	}
	for (i = 0; i < n; i++)
		free(out[i]);
	free(out);
	free(hits);
	free(word);
	return 0;
}

static const struct command regions_entry = {
	"regions", NULL, cmd_complete_regions, CMD_HIDDEN, NULL, 0, 0, "",
	"the regions of the rules", NULL, NULL,
};

static const struct command names_entry = {
	"names", NULL, cmd_complete_names, CMD_STORE | CMD_HIDDEN, NULL, 0, 1,
	"[WORD]", "official names a word begins", NULL, NULL,
};

static const struct command *const subcommands[] = {
	&regions_entry, &names_entry, NULL,
};

const struct command cmd_complete_entry = {
	"__complete", NULL, NULL, CMD_HIDDEN, NULL, 1, -1, "regions | names [WORD]",
	"what the shell completions ask", NULL, subcommands,
};
