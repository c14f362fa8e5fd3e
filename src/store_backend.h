/* store_backend.h: what a store backend implements; only backends include it. */
#ifndef STORE_BACKEND_H
#define STORE_BACKEND_H

#include "store.h"

/*
 * One backend: where officials are kept and how they are written back. The
 * CSV file is one; a directory server can be another. A backend allocates
 * a struct that begins with struct store and gets it back in every call.
 */
struct store_backend {
	const char *name;
	/* Non-zero if location is this backend's kind of store. */
	int (*handles)(const char *location);
	/* See store_open(); the backend calls store_header() once. */
	int (*open)(struct store **stp, const char *location, const char *from,
	    unsigned flags, const struct store_settings *set,
	    struct errors *errs);
	void (*close)(struct store *st);

	size_t (*count)(const struct store *st);
	/* The field at header index col; never NULL. */
	const char *(*cell)(const struct store *st, size_t row, size_t col);
	struct where (*where)(const struct store *st, size_t row);

	size_t (*append)(struct store *st);
	void (*set)(struct store *st, size_t row, size_t col, const char *value);
	/* Removes the rows whose gone[] is set. */
	void (*delete)(struct store *st, const unsigned char *gone);
	/* Widens every row by one empty field at the end of the header. */
	void (*add_column)(struct store *st);
	/* Writes every change made since open; see store_save(). */
	int (*save)(struct store *st, struct errors *errs);
	/* See store_open_names(); NULL for a backend that reads all. */
	int (*open_names)(struct store **stp, const char *location,
	    char *const *terms, size_t n, const struct store_settings *set,
	    struct errors *errs);
	/* See store_written(); NULL for a backend that writes all or nothing. */
	int (*written)(const struct store *st, const char *id);
	/* See store_fetch(); NULL for a backend that reads all. */
	int (*fetch)(struct store *st, enum column c, const char *value,
	    struct errors *errs);
	/*
	 * The highest id the store records apart from its rows, which a
	 * store opened only to read may not have read; NULL for none.
	 */
	int (*recorded_id)(const struct store *st, unsigned long *id,
	    struct errors *errs);
};

/* What every backend's store begins with; store.c keeps it. */
struct store {
	const struct store_backend *be;
	char *location;
	unsigned flags;
	char **header;		/* ncol column names as the store has them */
	size_t ncol;
	int col[COL__COUNT];	/* header index of each known column, or -1 */
	const char **extra;	/* names of the other columns, in order */
	size_t nextra;
	/* The highest id ever given: the backend's record, or the rows' highest. */
	unsigned long last_id;
	/*
	 * New ids are those n with n % id_step == id_offset % id_step: a
	 * directory replicated between servers gives each server's writers
	 * ids of their own (1 and 0: any id).
	 */
	unsigned long id_step, id_offset;
	int changed;
	int is_new;		/* saving creates the store */
};

/* Fills the generic part of a store the backend allocated. */
void store_base_init(struct store *st, const struct store_backend *be,
    const char *location, unsigned flags);
void store_base_release(struct store *st);
/*
 * Takes the header (names as read; the store owns them after). 0, or -1
 * after an error record naming file and line: a known column twice, or
 * neither given_name nor family_name.
 */
int store_header(struct store *st, char **names, size_t n, const char *file,
    size_t line, struct errors *errs);

/* STORE.lastid of a CSV store, read or not (csv and csv-index backends). */
int csv_recorded_id(const struct store *st, unsigned long *id,
    struct errors *errs);

extern const struct store_backend store_csv;
extern const struct store_backend store_index;
extern const struct store_backend store_ldap;

#endif
