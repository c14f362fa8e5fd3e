/* phone.h: phone numbers parsed by the region rules, normalized to E.164. */
#ifndef PHONE_H
#define PHONE_H

#include <stddef.h>

struct region;
struct rules;
struct trace;

enum phone_style { PHONE_E164, PHONE_INTERNATIONAL, PHONE_NATIONAL, PHONE_RFC3966 };

struct phone {
	char e164[20];		/* "+358503442844" */
	char ext[16];		/* extension digits; "" if none */
	const struct region *region;	/* the region whose rules accepted it */
	size_t cclen;		/* digits of the calling code */
};

/*
 * Parses raw, reading numbers without '+' in region (a region name; NULL
 * for none). 0 and *out filled, or -1 and a static reason in *why.
 */
int phone_parse(const struct rules *r, const char *raw, const char *region,
    struct phone *out, const char **why, const struct trace *t);
/* The number in style; caller frees. */
char *phone_format(const struct rules *r, const struct phone *p,
    enum phone_style style);
/* 0 and *style for "e164", "international", "national", "rfc3966"; else -1. */
int phone_style_named(const char *name, enum phone_style *style);
/* Non-zero if p is in a range its region's 'mobile' lines name. */
int phone_is_mobile(const struct rules *r, const struct phone *p);
/* Non-zero if s looks like a phone number rather than a name. */
int phone_like(const char *s);

#endif
