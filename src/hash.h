/* hash.h: a fast 64-bit checksum (XXH64) of byte streams, for the index's content checks. */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>

/* Start with hash_init(); feed any number of hash_add(); then hash_end(). */
struct hash {
	uint64_t v[4];
	uint64_t total;
	unsigned char buf[32];
	size_t nbuf;
	uint64_t seed;
};

void hash_init(struct hash *h, uint64_t seed);
void hash_add(struct hash *h, const void *p, size_t n);
uint64_t hash_end(const struct hash *h);
/* The hash of n bytes at p at once. */
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);

#endif
