/* check.h: the assertion helper of the native tests.

   CHECK(cond, fmt, ...) counts a pass when cond holds; otherwise it prints
   file:line, the condition and the printf-formatted message, which should
   give the numbers or shapes involved ("loss %.17g, want <= %g"), and counts
   a failure. Execution goes on after a failure, so one run reports every
   broken check. check_summary() prints the closing line exactly as
   "N passed, M failed" and returns the exit status for main (nonzero when
   any check failed):

       int main(void)
       {
           CHECK(n == 4, "n = %d, want 4", n);
           return check_summary();
       }

   Set CHECK_VERBOSE=1 in the environment to print passing checks too. */
#ifndef CHECK_H
#define CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int check_passed, check_failed;

static inline int check_report(int ok, const char *file, int line, const char *cond,
                               const char *fmt, ...)
{
    static int verbose = -1;
    if (verbose < 0) {
        const char *v = getenv("CHECK_VERBOSE");
        verbose = v && v[0] && v[0] != '0';
    }
    if (ok)
        check_passed++;
    else
        check_failed++;
    if (!ok || verbose) {
        va_list ap;
        fprintf(stdout, "%s:%d: %s: %s: ", file, line, ok ? "ok" : "FAILED", cond);
        va_start(ap, fmt);
        vfprintf(stdout, fmt, ap);
        va_end(ap);
        fputc('\n', stdout);
        fflush(stdout);
    }
    return ok;
}

/* The value is whether the check passed, so a test can skip what depends on it. */
#define CHECK(cond, ...) check_report((cond) != 0, __FILE__, __LINE__, #cond, __VA_ARGS__)

/* Prints the closing "N passed, M failed" line; returns 1 if anything failed. */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    fflush(stdout);
    return check_failed > 0;
}

#endif
