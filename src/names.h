/* names.h: written names split into given and family names, with particles. */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

/* Non-zero if the n bytes at w are a name particle: von, af, de, van ... */
int names_is_particle(const char *w, size_t n);
/* family past its leading particles ("von Wright" -> "Wright"); points into family. */
const char *names_without_particles(const char *family);
/*
 * "Anna-Maija von Wright" -> given "Anna-Maija", family "von Wright": the
 * last word and the particles before it are the family name. Caller frees both.
 */
void names_split(const char *name, char **given, char **family);

#endif
