/* unit.h: what every cmocka test file includes, and fixtures they share. */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "rules.h"

/* The bundled rule file, which the tests hold to its documented behaviour. */
static inline void
load_bundled_rules(struct rules *r)
{
	struct errors errs = { 0 };

	rules_init(r);
	r->bundled = DATADIR "/rules";
	assert_int_equal(rules_load(r, DATADIR "/rules", &errs), 0);
	assert_int_equal(errs.n, 0);
}

/*
 * For a file whose tests share the bundled rules: the rules, loaded by the
 * group's setup and released by its teardown.
 */
#define BUNDLED_RULES_GROUP						\
	static struct rules rules;					\
	static int setup(void **state)					\
	{								\
		(void)state;						\
		load_bundled_rules(&rules);				\
		return 0;						\
	}								\
	static int teardown(void **state)				\
	{								\
		(void)state;						\
		rules_release(&rules);					\
		return 0;						\
	}

/* The first error record as diag prints it, "FILE:LINE[:COL]: what"; static. */
static inline const char *
first_error(const struct errors *e)
{
	static char buf[1024];

	if (e->n == 0)
		return "(no error)";
	if (e->v[0].file == NULL)
		snprintf(buf, sizeof(buf), "%s", e->v[0].msg);
	else if (e->v[0].line == 0)
		snprintf(buf, sizeof(buf), "%s: %s", e->v[0].file,
		    e->v[0].msg);
	else if (e->v[0].col > 0)
		snprintf(buf, sizeof(buf), "%s:%zu:%zu: %s", e->v[0].file,
		    e->v[0].line, e->v[0].col, e->v[0].msg);
	else
		snprintf(buf, sizeof(buf), "%s:%zu: %s", e->v[0].file,
		    e->v[0].line, e->v[0].msg);
	return buf;
}

#endif
