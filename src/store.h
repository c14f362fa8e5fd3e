/* store.h: where officials are kept: an opaque store over a table of backends. */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>

struct errors;
struct index;
struct store;

enum column {
	COL_ID,
	COL_GIVEN,
	COL_FAMILY,
	COL_TITLE,
	COL_ORG,
	COL_UNIT,
	COL_PHONE,
	COL_MOBILE,
	COL_EMAIL,
	COL_NOTE,
	COL_SOURCE,
	COL__COUNT
};

/*
 * Limits of a CSV store, each refused with FILE[:LINE]: what and exit 5,
 * before more of the file is read than it takes to see it.
 */
#define STORE_MAX_BYTES ((size_t)1 << 30)	/* the whole file: 1 GiB */
#define STORE_MAX_RECORD ((size_t)1 << 20)	/* a row, or a line: 1 MiB */
#define STORE_MAX_FIELD ((size_t)1 << 16)	/* a field: 64 KiB */
#define STORE_MAX_COLUMNS 1024

enum store_flags {
	STORE_WRITE = 1 << 0,	/* lock for writing; read under the lock */
	STORE_ALL_ERRORS = 1 << 1,	/* go on past a bad row to find every one */
	STORE_DRY = 1 << 2,	/* changed in memory to see what a write would
				   do: not locked, never saved */
};

/*
 * How to reach and write a directory store (ldap://): each as the user
 * wrote it, checked when a directory is opened; NULL for the default.
 * main() takes them from $CONTACTS_LDAP_* or the settings file.
 */
struct store_settings {
	const char *bind_dn;		/* simple bind as; anonymous if NULL */
	const char *password_file;	/* the bind's password, mode 600 */
	const char *ca_file;		/* authorities for the server's cert */
	const char *starttls;		/* "yes" or "1": StartTLS */
	const char *timeout;		/* seconds, 1 to 600; 10 */
	const char *id_step;		/* new ids: n % step == offset % step */
	const char *id_offset;
};

/* Where a row came from, for messages. */
struct where {
	const char *file;
	size_t line;		/* 0 when the backend has no lines */
};

/*
 * Opens and reads the store at location (a path). With STORE_WRITE the
 * store is locked until store_close(), and rows are read under the lock;
 * from, when not NULL, is read instead of location (the bundled data a
 * first write copies) if location does not exist yet. 0 and *stp, or
 * ST_DATA / ST_SYSTEM with errs filled and *stp NULL; with
 * STORE_ALL_ERRORS, ST_DATA leaves *stp holding the rows that were sound.
 * set says how to reach a store on a server; NULL for the defaults.
 */
int store_open(struct store **stp, const char *location, const char *from,
    unsigned flags, const struct store_settings *set, struct errors *errs);
/* Non-zero if location names a store on a server, not a file. */
int store_is_remote(const char *location);
/*
 * Opens the store at location for reading, as store_open(), but a backend
 * that asks a server may fetch only the officials whose name has a word
 * beginning with each of the n terms (folded, as matching does), and all
 * of them when none has; a file is read whole.
 */
int store_open_names(struct store **stp, const char *location,
    char *const *terms, size_t n, const struct store_settings *set,
    struct errors *errs);
/*
 * A store opened so, when it read only some officials: adds as rows after
 * the others those not read whose column c holds value. A file, read
 * whole, has none to add. 0, or ST_SYSTEM with errs filled.
 */
int store_fetch(struct store *st, enum column c, const char *value,
    struct errors *errs);
/* A CSV store read to its end from fd (standard input), for reading only. */
int store_open_fd(struct store **stp, const char *name, int fd,
    unsigned flags, struct errors *errs);
/* A CSV store read from len bytes at buf, for reading only; name names it. */
int store_open_csv(struct store **stp, const char *name, const char *buf,
    size_t len, unsigned flags, struct errors *errs);
/*
 * The CSV store at location read through its index ix, for reading only:
 * each row is parsed when first asked for. 0, or ST_DATA with errs filled.
 * ix must outlive the store.
 */
int store_open_index(struct store **stp, const char *location,
    const struct index *ix, struct errors *errs);
/* Releases the lock, if any, and everything the store holds. */
void store_close(struct store *st);

size_t store_count(const struct store *st);
struct where store_where(const struct store *st, size_t row);

const char *column_name(enum column c);
/* The known column named name (any case); -1 if none is. */
int column_named(const char *name);

/* The field of a known column; "" when the store has no such column. */
const char *store_field(const struct store *st, size_t row, enum column c);
/* The field of any column by its header name; NULL if there is no such column. */
const char *store_get(const struct store *st, size_t row, const char *name);
/* The store's columns, in its order: *names points into the store. */
size_t store_columns(const struct store *st, const char *const **names);
/* The field of column col (an index into store_columns()); never NULL. */
const char *store_cell(const struct store *st, size_t row, size_t col);
/* "Given Family", or whichever exists. Caller frees. */
char *store_name(const struct store *st, size_t row);

/*
 * The columns the store has that are not known columns, in the store's
 * order: *names points into the store. Returns how many.
 */
size_t store_extra(const struct store *st, const char *const **names);

/*
 * Changing (STORE_WRITE, or STORE_DRY to see what a change would do; only
 * STORE_WRITE saves). Rows keep their order; the values of untouched
 * rows, unknown columns and their order are kept as read.
 */
/* A new row at the end with every field empty; its index. */
size_t store_append(struct store *st);
/* Sets a field by column name, adding the column if the store lacks it. */
void store_set(struct store *st, size_t row, const char *name,
    const char *value);
/* Removes the n rows listed (any order, repeats allowed); the rest keep their order. */
void store_delete(struct store *st, const size_t *rows, size_t n);
/* Counts id, set by hand on a row, as given: no new id is given it again. */
void store_keep_id(struct store *st, const char *id);
/* The next id, never given before in this store; caller frees. */
char *store_new_id(struct store *st);
/*
 * The highest id ever given into *id: the store's record of it (read now
 * if it was not), or its rows' highest. 0, or ST_DATA / ST_SYSTEM.
 */
int store_last_id(const struct store *st, unsigned long *id,
    struct errors *errs);
/* Non-zero if something was changed since the store was opened. */
int store_changed(const struct store *st);
/* Non-zero if the store did not exist and saving creates it from "from". */
int store_is_new(const struct store *st);
/*
 * Writes the changes safely. 0, or ST_SYSTEM with errs filled; then the
 * store is as it was (though STORE.lastid may record an id not used).
 */
int store_save(struct store *st, struct errors *errs);
/*
 * What store_save() returns when another writer gave ids first (a
 * directory, which has no lock to hold): nothing was written, and the
 * change made again on the store as it is now may be saved. Never an
 * exit status.
 */
#define STORE_RACED (-2)
/*
 * After a save that failed: whether the official with id was added or
 * changed all the same. A file is written whole or not at all (0); a
 * directory entry by entry.
 */
int store_written(const struct store *st, const char *id);
/* Non-zero for a store a save may write in part: store_written() tells. */
int store_in_part(const struct store *st);

#endif
