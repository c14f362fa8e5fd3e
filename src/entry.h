/* entry.h: an official read from an outside file, as column names and values. */
#ifndef ENTRY_H
#define ENTRY_H

#include <stddef.h>

/*
 * What an importer made of one person: values under the store's column
 * names (given_name, family_name, ... or any other column), and where in
 * its file the person was written.
 */
struct entry {
	char *file;
	size_t line;		/* where the person starts */
	char **name;
	char **value;
	size_t n;
};

struct entries {
	struct entry *v;
	size_t n;
};

/* A new empty entry at the end of list; the pointer lives until the next add. */
struct entry *entries_add(struct entries *list, const char *file,
    size_t line);
void entries_release(struct entries *list);
/* Drops the entries from the n-th on. */
void entries_truncate(struct entries *list, size_t n);

/* Sets column name to value, replacing an earlier value of that column. */
void entry_set(struct entry *e, const char *name, const char *value);
/* The value of column name; NULL when the entry has none. */
const char *entry_get(const struct entry *e, const char *name);

#endif
