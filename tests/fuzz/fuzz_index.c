/* fuzz_index.c: libFuzzer harness: the index must read any store as the whole-file path does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "rules.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)
#include "../unit/index_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules rules;
static int loaded;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errors errs = { 0 };
	char path[64];
	int fd;

	if (!loaded) {
		rules_init(&rules);
		rules.bundled = DATADIR "/rules";
		CHECK(rules_load(&rules, DATADIR "/rules", &errs) == 0);
		loaded = 1;
	}
	if ((fd = memfd_create("store", 0)) < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		(void)index_agrees(path, &rules, NULL);
	}
	close(fd);
	return 0;
}
