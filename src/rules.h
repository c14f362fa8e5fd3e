/* rules.h: the rule file: organization profiles, transliteration, phone regions. */
#ifndef RULES_H
#define RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "fold.h"

struct errors;

struct translit {
	char *name;
	struct translit_map *map;
	size_t nmap;
	const char *file;
	size_t line;
};

struct org_rule {
	char *name;
	char *match;		/* pattern as written */
	pcre2_code *re;
	char *template;		/* local part with {first} {given} {last} {f} {l} */
	char *domain;		/* as written */
	char *domain_ascii;	/* A-label form through libidn2 */
	char *translit;		/* profile name; "" for the built-in table only */
	size_t tr;		/* index into rules.tr, or (size_t)-1 */
	char *region;		/* default phone region of its officials */
	char space;		/* what a space inside a name part becomes; 0 drops it */
	int drop_particles;	/* {last} without von, af, de ... */
	const char *file;	/* where it is defined */
	size_t line;
};

/* A pattern of the rule file and where it is written, for what it costs. */
struct pattern {
	pcre2_code *re;		/* owned by the rule that holds it */
	const char *file;
	size_t line, col;
	int digits;		/* matched against phone digits only */
	char *chars;		/* what rules_probe() repeats, UTF-8 */
};

struct region_format {
	pcre2_code *re;
	char *repl;
};

struct region {
	char *name;		/* FI, SE, ... */
	char *code;		/* country calling code */
	char *trunk;		/* national prefix as displayed; "" if none */
	pcre2_code *trunk_strip;	/* what parsing strips; NULL if none */
	pcre2_code *intl;	/* international prefixes; NULL if none */
	char *intl_src;
	pcre2_code **valid;	/* national significant numbers, whole */
	size_t nvalid;
	pcre2_code *general;	/* the shape of any of its numbers; NULL if none */
	size_t longest;		/* most digits of a national number; 0 if unsaid */
	pcre2_code **mobile;	/* national numbers of mobile phones */
	size_t nmobile;
	struct region_format *fmt;	/* international grouping */
	size_t nfmt;
	struct region_format *nat;	/* national form, trunk prefix included */
	size_t nnat;
	const char *file;
	size_t line;
};

/* What an extract block's pattern lines say; each attribute may repeat. */
enum extract_attr {
	EX_HEADER,		/* opens the contact block */
	EX_RELEASE,		/* the release's kind and number */
	EX_DATE,		/* its date */
	EX_NAME,		/* a person's name, a whole part */
	EX_TITLE,		/* a title written before a name */
	EX_TITLE_WORD,		/* a word that makes a part a title */
	EX_UNIT,		/* a word that makes a part a unit */
	EX_ORG,			/* a word that makes a part an organization */
	EX_AT,			/* between a title and its unit: vid, at */
	EX_JOINER,		/* between two people: och, ja, and */
	EX_NUMBER,		/* a phone number as written */
	EX_PHONE_LABEL,		/* tfn, puh., tel. */
	EX_MOBILE_LABEL,	/* mobil, gsm, mobile */
	EX_ADDRESSES,		/* the address sentence: (?<org>) (?<local>) (?<domain>) */
	EX_GIVEN_WORD,		/* "fornamn" in that sentence's address */
	EX_FAMILY_WORD,		/* "efternamn" */
	EX_NATTR
};

/* An extract block: how the press releases of one language are written. */
struct extract_rule {
	char *name;
	char *note;		/* the note each person gets */
	pcre2_code **re[EX_NATTR];
	size_t n[EX_NATTR];
	const char *file;
	size_t line;
};

/* The names of enum extract_attr in the rule file, in its order. */
extern const char *const extract_attr_name[EX_NATTR];

struct rules {
	char *path;
	const char *bundled;	/* what "include bundled" reads; not owned */
	char **files;		/* every file read, for positions */
	size_t nfiles;
	char **reading;		/* the files being read, outermost first */
	size_t nreading;
	struct org_rule *org;
	size_t norg;
	struct translit *tr;
	size_t ntr;
	struct region *region;
	size_t nregion;
	struct extract_rule *ex;
	size_t nex;
	char *default_region;
	const char *default_file;
	size_t default_line;
	pcre2_match_data *md;	/* scratch for every match */
	/* The limits every match of a rule pattern runs under. */
	pcre2_match_context *mctx;
	uint32_t jit;		/* pcre2 has a JIT for this machine */
	struct pattern *pat;	/* every pattern compiled, in file order */
	size_t npat;
	/* A checksum of every file read, in order: what derived values depend on. */
	uint64_t digest;
	struct errors *errs;	/* where loading reports; the caller's */
};

void rules_init(struct rules *r);
void rules_release(struct rules *r);

/*
 * Reads path into r, fresh from rules_init(), following its includes.
 * 0, or ST_DATA / ST_SYSTEM with a "RULES:LINE:COL: what" record in errs.
 */
int rules_load(struct rules *r, const char *path, struct errors *errs);
int rules_load_mem(struct rules *r, const char *path, const char *text,
    struct errors *errs);

/*
 * The first profile whose pattern matches organization or unit; NULL if
 * none, or if a pattern reached a match limit before it could say.
 */
const struct org_rule *rules_org(const struct rules *r, const char *org,
    const char *unit);
/*
 * rules_org() telling the two NULLs apart: 0 and *o (NULL if none), or -1
 * with *o the profile whose pattern reached a match limit and, if why is
 * not NULL, *why (caller frees) "RULES:LINE:COL: pattern too costly for
 * the organization: match limit exceeded".
 */
int rules_org_find(const struct rules *r, const char *org, const char *unit,
    const struct org_rule **o, char **why);
/*
 * Runs every pattern over long runs of each character it names, as a
 * field might hold: 0, or ST_DATA with "RULES:LINE:COL: pattern too
 * costly: ..." in errs for each pattern that reaches a match limit.
 */
int rules_probe(const struct rules *r, struct errors *errs);
const struct region *rules_region(const struct rules *r, const char *name);
const struct translit *rules_translit(const struct rules *r,
    const struct org_rule *o);

/*
 * Non-zero if re matches s (length n); captures are left in r->md. A
 * match stopped by a limit counts as none.
 */
int rules_match(const struct rules *r, pcre2_code *re, const char *s,
    size_t n);
/*
 * rules_match() with pcre2 match options: PCRE2_ANCHORED,
 * PCRE2_ENDANCHORED, PCRE2_NO_JIT (the interpreter only).
 */
int rules_match_opts(const struct rules *r, pcre2_code *re, const char *s,
    size_t n, uint32_t opts);
/* Length of the anchored match of re at the start of s, or -1. */
int rules_prefix(const struct rules *r, pcre2_code *re, const char *s);
/*
 * Compiles re to machine code before its first match, where pcre2 has a
 * JIT and it takes the pattern; else matches stay with the interpreter.
 * Patterns are compiled on first use, not all when the file is read: a
 * run seldom needs more than a few, and each costs tens of microseconds.
 * Like every match through r (which share r->md), one thread at a time.
 */
void rules_jit(const struct rules *r, pcre2_code *re);

#endif
