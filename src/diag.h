/* diag.h: the one place errors reach stderr, and allocation that cannot fail. */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

/* Exit codes of DESIGN.md; modules return them, main() exits with them. */
enum status {
	ST_OK = 0,
	ST_NOMATCH = 1,
	ST_USAGE = 2,
	ST_AMBIGUOUS = 3,
	ST_MISSING = 4,
	ST_DATA = 5,
	ST_SYSTEM = 6,
};

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

#include <stdio.h>

/* Writes s with C0 and C1 controls and bidi overrides shown as '?', for a terminal. */
/* If s begins with a C0 control other than NUL, DEL or a C1 control, its
 * length in bytes (1 or 2); else 0. */
size_t control_at(const char *s);
/*
 * If s begins with a character no terminal should get raw (a control as
 * control_at() says, a bidi embedding, override or isolate), its length in
 * bytes; else 0.
 */
size_t unsafe_at(const char *s);
void fput_safe(const char *s, FILE *fp);

void diag(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* "contacts: FILE:LINE[:COL]: what"; col 0 leaves the column out. */
void diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

/* Receives the steps of a derivation, for "rules explain"; NULL for none. */
struct trace {
	void (*step)(void *arg, const char *what, const char *value);
	void *arg;
};

void trace_step(const struct trace *t, const char *what, const char *value);

/*
 * A problem a module found, for its caller to print as
 * "FILE:LINE[:COL]: what". Modules fill a list; only diag prints it.
 */
struct error {
	char *file;		/* NULL when no file is at fault */
	size_t line, col;	/* 0 when not known */
	char *msg;
};

/* Start from { 0 }; errors_release() frees. */
struct errors {
	struct error *v;
	size_t n;
};

void errors_add(struct errors *e, const char *file, size_t line, size_t col,
    const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Every error, in order, through diag_at() or diag(). */
void errors_print(const struct errors *e);
/* Every error as a line "FILE:LINE[:COL]: what" on fp, control characters shown as '?'. */
void errors_list(const struct errors *e, FILE *fp);
void errors_release(struct errors *e);

/* A growing NUL-terminated string; start from { 0 } and free p. */
struct strbuf {
	char *p;
	size_t len, cap;
};

void strbuf_add(struct strbuf *b, const void *s, size_t n);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Caller frees. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

#endif
