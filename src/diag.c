/* diag.c: error messages prefixed "contacts:" and allocation wrappers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

size_t
control_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if ((*p < 0x20 && *p != '\0') || *p == 0x7f)
		return 1;
	if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	return 0;
}

size_t
unsafe_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if ((n = control_at(s)) > 0)
		return n;
	/* Bidi embeddings, overrides and isolates: U+202A-E, U+2066-9. */
	if (*p == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
	    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
		return 3;
	return 0;
}

/* s with each character unsafe_at() names shown as '?'. */
void
fput_safe(const char *s, FILE *fp)
{
	size_t n;

	for (; *s != '\0'; s++) {
		if ((n = unsafe_at(s)) > 0)
			fputc('?', fp), s += n - 1;
		else
			fputc(*s, fp);
	}
}

static void
vdiag(const char *prefix, const char *fmt, va_list ap)
{
	char msg[4096];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fputs("contacts: ", stderr);
	/* Messages quote data and queries, which may hold control characters. */
	if (prefix != NULL)
		fput_safe(prefix, stderr);
	fput_safe(msg, stderr);
	fputc('\n', stderr);
}

void
diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, fmt, ap);
	va_end(ap);
}

void
diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
	char where[4096];
	va_list ap;

	/* A directory's entry has no line: its DN says where it is. */
	if (line == 0)
		snprintf(where, sizeof(where), "%s: ", file);
	else if (col > 0)
		snprintf(where, sizeof(where), "%s:%zu:%zu: ", file, line, col);
	else
		snprintf(where, sizeof(where), "%s:%zu: ", file, line);
	va_start(ap, fmt);
	vdiag(where, fmt, ap);
	va_end(ap);
}

void
trace_step(const struct trace *t, const char *what, const char *value)
{
	if (t != NULL)
		t->step(t->arg, what, value);
}

void
errors_add(struct errors *e, const char *file, size_t line, size_t col,
    const char *fmt, ...)
{
	struct error *x;
	va_list ap;
	char *msg;
	int n;

	/* A caller that wants no messages passes none. */
	if (e == NULL)
		return;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		diag("out of memory");
		exit(ST_SYSTEM);
	}
	e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
	x = &e->v[e->n++];
	x->file = file != NULL ? xstrdup(file) : NULL;
	x->line = line;
	x->col = col;
	x->msg = msg;
}

void
errors_list(const struct errors *e, FILE *fp)
{
	char where[64];
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (e->v[i].file != NULL) {
			fput_safe(e->v[i].file, fp);
			if (e->v[i].col > 0)
				snprintf(where, sizeof(where), ":%zu:%zu: ",
				    e->v[i].line, e->v[i].col);
			else if (e->v[i].line > 0)
				snprintf(where, sizeof(where), ":%zu: ",
				    e->v[i].line);
			else
				snprintf(where, sizeof(where), ": ");
			fputs(where, fp);
		}
		fput_safe(e->v[i].msg, fp);
		fputc('\n', fp);
	}
}

void
errors_print(const struct errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (e->v[i].file != NULL && e->v[i].line > 0)
			diag_at(e->v[i].file, e->v[i].line, e->v[i].col, "%s",
			    e->v[i].msg);
		else if (e->v[i].file != NULL)
			diag("%s: %s", e->v[i].file, e->v[i].msg);
		else
			diag("%s", e->v[i].msg);
	}
}

void
errors_release(struct errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].file);
		free(e->v[i].msg);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

static void *
oom(void)
{
	diag("out of memory");
	exit(ST_SYSTEM);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		return oom();
	p = realloc(p, n * size != 0 ? n * size : 1);
	return p != NULL ? p : oom();
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
strbuf_add(struct strbuf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
