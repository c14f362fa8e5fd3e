/* names.c: splits written names and knows the particles of family names. */
#include <string.h>

#include "diag.h"
#include "names.h"

/* Lowercase words that belong to a family name rather than being one. */
static const char *const particles[] = {
	"af", "al", "av", "da", "das", "de", "del", "della", "den", "der", "di",
	"do", "dos", "du", "la", "le", "ten", "ter", "van", "von", "zu",
};

int
names_is_particle(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(particles) / sizeof(particles[0]); i++)
		if (strlen(particles[i]) == n && strncmp(w, particles[i], n) == 0)
			return 1;
	return 0;
}

const char *
names_without_particles(const char *family)
{
	const char *s = family + strspn(family, " "), *end;

	for (;;) {
		end = s + strcspn(s, " ");
		if (*end == '\0' || !names_is_particle(s, (size_t)(end - s)))
			return s;
		s = end + strspn(end, " ");
	}
}

void
names_split(const char *name, char **given, char **family)
{
	const char *end = name + strlen(name), *start, *p;
	size_t n;

	while (end > name && end[-1] == ' ')
		end--;
	start = end;
	while (start > name && start[-1] != ' ')
		start--;
	/* Take the particles before the last word into the family name. */
	for (;;) {
		p = start;
		while (p > name && p[-1] == ' ')
			p--;
		n = 0;
		while (p > name && p[-1] != ' ')
			p--, n++;
		if (n == 0 || p == name || !names_is_particle(p, n))
			break;
		start = p;
	}
	p = start;
	while (p > name && p[-1] == ' ')
		p--;
	while (*name == ' ')
		name++;
	*given = xstrndup(name, p > name ? (size_t)(p - name) : 0);
	*family = xstrndup(start, (size_t)(end - start));
}
