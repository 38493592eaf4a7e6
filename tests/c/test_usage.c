/* test_usage.c: compiles and runs the usage example at the top of src/mlp.h,
   and checks that the copy below has not drifted from the header.

   Between the usage-begin and usage-end markers every line is the header's
   example, verbatim up to spacing, except the lines ending in a "+test"
   comment, which record what the example computes so it can be checked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mlp.h"

#define MAX_LINES 64
#define LINE_LEN 256

typedef struct {
    double loss0, loss1, acc1;
    int status_create, status_data, status_step;
} usage_result;

static void run_example(usage_result *r)
{
    /* usage-begin */
    mlp_desc d;
    mlp_error err;
    mlp_desc_defaults(&d);               // 2 -> 4 -> 4, sigmoid, softmax, lr 1.0
    mlp *net = mlp_create(&d, &err);     // NULL on bad sizes; err.msg says why
    r->status_create = net ? MLP_OK : (int)err.code; /* +test */
    if (!net) return;                                /* +test */
    mlp_data_quadrants(net, 200, 0.3, &err);
    r->status_data = err.code;                       /* +test */
    printf("%.3f\n", mlp_loss(net));     // ~1.386 = ln 4
    r->loss0 = mlp_loss(net);                        /* +test */
    mlp_step(net, 1000, &err);           // 1000 epochs of gradient descent
    r->status_step = err.code;                       /* +test */
    printf("%.3f %.3f\n", mlp_loss(net), mlp_accuracy(net));
    r->loss1 = mlp_loss(net);                        /* +test */
    r->acc1 = mlp_accuracy(net);                     /* +test */
    mlp_destroy(net);
    /* usage-end */
}

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

static void check_in_sync(void)
{
    static char hdr[MAX_LINES][LINE_LEN], mine[MAX_LINES][LINE_LEN];
    int nh = read_example("src/mlp.h", 1, hdr, MAX_LINES);
    int nm = read_example(__FILE__, 0, mine, MAX_LINES);
    int i;
    if (!CHECK(nh > 0 && nm > 0,
               "example lines found: %d in src/mlp.h, %d in %s (run from the repository root)",
               nh, nm, __FILE__))
        return;
    CHECK(nh == nm, "the header's example has %d lines, this test's copy %d", nh, nm);
    for (i = 0; i < nh && i < nm && i < MAX_LINES; i++)
        CHECK(strcmp(hdr[i], mine[i]) == 0,
              "example line %d differs:\n  src/mlp.h: %s\n  this test: %s", i + 1, hdr[i],
              mine[i]);
}

int main(void)
{
    usage_result r = {NAN, NAN, NAN, -99, -99, -99};
    const double ln4 = log(4.0);

    check_in_sync();
    run_example(&r);
    CHECK(r.status_create == MLP_OK, "mlp_create status %d, want 0", r.status_create);
    CHECK(r.status_data == MLP_OK, "mlp_data_quadrants status %d, want 0", r.status_data);
    CHECK(r.status_step == MLP_OK, "mlp_step status %d, want 0", r.status_step);
    CHECK(fabs(r.loss0 - ln4) < 0.1, "initial loss %.6f, want within 0.1 of ln 4 = %.6f",
          r.loss0, ln4);
    CHECK(r.acc1 >= 0.99, "accuracy after 1000 epochs %.4f, want >= 0.99", r.acc1);
    CHECK(r.loss1 < 0.1 * r.loss0, "loss after 1000 epochs %.6f, want below a tenth of %.6f",
          r.loss1, r.loss0);
    return check_summary();
}
