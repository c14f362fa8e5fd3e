/* unit.h: what every cmocka test file includes, and fixtures they share. */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "rules.h"

/* The bundled rule file, which the tests hold to its documented behaviour. */
static inline void
load_bundled_rules(struct rules *r)
{
	rules_init(r);
	r->bundled = DATADIR "/rules";
	assert_int_equal(rules_load(r, DATADIR "/rules"), 0);
}

#endif
