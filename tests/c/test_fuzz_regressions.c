/* test_fuzz_regressions.c: replays every saved fuzz input through the fuzz
   driver (tests/fuzz/driver.c), natively under ASan and UBSan, as make test-c
   builds every suite: the seed corpus (tests/fuzz/corpus/) and the inputs
   that once broke something (tests/fuzz/regressions/). Each input must run
   with no broken promise and no sanitizer report; the whole run takes well
   under a second, so it belongs in the fast suites. It is built with
   FUZZ_STRICT: the driver then steers around no open finding. The fuzzer itself
   (make fuzz-c) needs clang and runs for minutes; this needs neither. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "driver.h"

#ifndef FUZZ_DIR
#define FUZZ_DIR "tests/fuzz"
#endif
#define MAX_INPUT_BYTES (1 << 20)

static const char *current;   /* the input being replayed, for messages */

static void fail(void *ctx, const char *file, int line, const char *msg)
{
    (void)ctx;
    check_report(0, file, line, current, "%s", msg);
}

/* Replays one file; returns 1 if it was read. */
static int replay(const char *dir, const char *name)
{
    char path[1024];
    static unsigned char buf[MAX_INPUT_BYTES];
    fz_sink sink = {fail, NULL, 0, 0};
    size_t size;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (!CHECK(f != NULL, "cannot open %s", path))
        return 0;
    size = fread(buf, 1, sizeof buf, f);
    fclose(f);
    current = path;
    fz_run(buf, size, &sink);
    CHECK(sink.failures == 0, "%s (%zu bytes): %ld broken promises in %ld calls", path, size,
          sink.failures, sink.calls);
    return 1;
}

/* Replays every regular file of dir (names starting with '.' skipped). */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int count = 0;
    if (!CHECK(d != NULL, "cannot open the directory %s", dir))
        return 0;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "README") != 0)
            count += replay(dir, e->d_name);
    closedir(d);
    return count;
}

/* With directories as arguments, replays only those (make fuzz-open replays
   tests/fuzz/open/, the findings not yet fixed, which are expected to fail). */
int main(int argc, char **argv)
{
    int seeds, found, i;
    if (argc > 1) {
        for (i = 1; i < argc; i++)
            replay_dir(argv[i]);
        return check_summary();
    }
    seeds = replay_dir(FUZZ_DIR "/corpus");
    found = replay_dir(FUZZ_DIR "/regressions");
    CHECK(seeds >= 24, "%d seed inputs in " FUZZ_DIR "/corpus, want at least 24", seeds);
    printf("replayed %d seed inputs and %d regression inputs\n", seeds, found);
    return check_summary();
}
