/* entry.c: the column/value pairs importers fill for each person they read. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "entry.h"

struct entry *
entries_add(struct entries *list, const char *file, size_t line)
{
	struct entry *e;

	list->v = xreallocarray(list->v, list->n + 1, sizeof(*list->v));
	e = &list->v[list->n++];
	memset(e, 0, sizeof(*e));
	e->file = xstrdup(file);
	e->line = line;
	return e;
}

void
entries_truncate(struct entries *list, size_t n)
{
	size_t j;

	while (list->n > n) {
		struct entry *e = &list->v[--list->n];

		for (j = 0; j < e->n; j++) {
			free(e->name[j]);
			free(e->value[j]);
		}
		free(e->name);
		free(e->value);
		free(e->file);
	}
}

void
entries_release(struct entries *list)
{
	size_t i, j;

	for (i = 0; i < list->n; i++) {
		for (j = 0; j < list->v[i].n; j++) {
			free(list->v[i].name[j]);
			free(list->v[i].value[j]);
		}
		free(list->v[i].name);
		free(list->v[i].value);
		free(list->v[i].file);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

void
entry_set(struct entry *e, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (strcmp(e->name[i], name) == 0) {
			free(e->value[i]);
			e->value[i] = xstrdup(value);
			return;
		}
	}
	e->name = xreallocarray(e->name, e->n + 1, sizeof(*e->name));
	e->value = xreallocarray(e->value, e->n + 1, sizeof(*e->value));
	e->name[e->n] = xstrdup(name);
	e->value[e->n++] = xstrdup(value);
}

const char *
entry_get(const struct entry *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->name[i], name) == 0)
			return e->value[i];
	return NULL;
}
