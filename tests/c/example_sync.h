/* example_sync.h: keeps a header's usage example and the test that compiles
   and runs it in step (test_usage.c for mlp.h, test_usage_playground.c for
   mlp_playground.h): the two are compared line by line, blanks normalised. */
#ifndef EXAMPLE_SYNC_H
#define EXAMPLE_SYNC_H

#include <stdio.h>
#include <string.h>

#include "check.h"

#define MAX_LINES 64
#define LINE_LEN 256

/* Copies s with leading/trailing blanks removed and inner runs of blanks
   collapsed to one space, so alignment differences do not count. */
static void normalise(char *out, const char *s)
{
    size_t n = 0;
    int space = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && *s != '\n' && *s != '\r' && n + 1 < LINE_LEN; s++) {
        if (*s == ' ' || *s == '\t') {
            space = 1;
            continue;
        }
        if (space && n > 0 && n + 2 < LINE_LEN)
            out[n++] = ' ';
        space = 0;
        out[n++] = *s;
    }
    out[n] = '\0';
}

/* Reads the example lines of a file into lines[]: in the header, the lines
   after "Usage (" up to the first blank line after the code starts; in this
   test, the lines between the markers that do not end in "+test" (a comment). */
static int read_example(const char *path, int header, char lines[][LINE_LEN], int max)
{
    char buf[LINE_LEN * 2], norm[LINE_LEN];
    int n = 0, state = 0; /* 0 before, 1 in (header: before first code line), 2 in code */
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(buf, sizeof buf, f)) {
        normalise(norm, buf);
        if (state == 0) {
            if (header ? strstr(norm, "Usage (") != NULL : strcmp(norm, "/* usage-begin */") == 0)
                state = 1;
            continue;
        }
        if (header) {
            if (norm[0] == '\0') {
                if (state == 2)
                    break;
                continue;
            }
            state = 2;
        } else {
            if (strcmp(norm, "/* usage-end */") == 0)
                break;
            if (strstr(norm, "+test */") != NULL)
                continue;
        }
        if (n < max)
            strcpy(lines[n], norm);
        n++;
    }
    fclose(f);
    return n;
}

/* Checks that the usage example in `header` and this test's copy of it (the
   lines between the usage-begin and usage-end markers of `test`, less the
   "+test" lines) are the same code, line by line. */
static void check_example_in_sync(const char *header, const char *test)
{
    static char hdr[MAX_LINES][LINE_LEN], mine[MAX_LINES][LINE_LEN];
    int nh = read_example(header, 1, hdr, MAX_LINES);
    int nm = read_example(test, 0, mine, MAX_LINES);
    int i;
    if (!CHECK(nh > 0 && nm > 0,
               "example lines found: %d in %s, %d in %s (run from the repository root)",
               nh, header, nm, test))
        return;
    CHECK(nh == nm, "the header's example has %d lines, this test's copy %d", nh, nm);
    for (i = 0; i < nh && i < nm && i < MAX_LINES; i++)
        CHECK(strcmp(hdr[i], mine[i]) == 0,
              "example line %d differs:\n  %s: %s\n  this test: %s", i + 1, header, hdr[i],
              mine[i]);
}

#endif
