/* bench_native.c: training and prediction speed of the C core built natively
   (cc -std=c99 -O3, portable flags, the same source the wasm build compiles).

   For each benchmark network it measures
     - training epochs per second: full batch, mlp_step in chunks, each
       repetition restarting from the same initial parameters and running for
       at least MIN_SECONDS; the best repetition counts;
     - mlp_predict_grid points per second on a GRID_SIDE x GRID_SIDE grid,
       with the parameters reached after GRID_EPOCHS epochs (a partly trained
       network, as the page shows it), best of REPS;
   and, for every generated dataset, the time of one 10,000-point
   mlp_data_generate (the goal: under 5 ms).

   Usage: bench_native            prints a table
          bench_native --machine  prints one "native NAME KEY VALUE" line per
                                  figure, for bench/bench.js to read */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlp.h"

#define MIN_SECONDS 0.5
#define REPS 5
#define CHUNK_EPOCHS 100
#define GRID_SIDE 256
#define GRID_EPOCHS 200
#define CHECK_EPOCHS 20
#define GRID_MIN 3.0 /* the grid spans [-GRID_MIN, GRID_MIN] in x and y */

/* The benchmark networks; bench/bench.js lists the same ones. */
typedef struct {
    const char *name;
    const char *label;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_activation activation;
    double learning_rate;
    int points;
    mlp_init init;
    int reps, grid_epochs, check_epochs, chunk; /* 0: REPS, GRID_EPOCHS, CHECK_EPOCHS, CHUNK_EPOCHS */
} bench_case;

static const bench_case cases[] = {
    {"a", "2-4-4 sigmoid, 200 pts", 3, {2, 4, 4}, MLP_SIGMOID, 1.0, 200, MLP_INIT_SEED, 0, 0, 0, 0},
    {"b", "2-8-8-8-4 tanh, 500 pts", 5, {2, 8, 8, 8, 4}, MLP_TANH, 0.3, 500, MLP_INIT_SEED, 0, 0, 0, 0},
    {"c", "2-64x3-4 relu, 500 pts", 5, {2, 64, 64, 64, 4}, MLP_RELU, 0.05, 500, MLP_INIT_HE, 2, 40, 0, 5},
    {"d", "2-64x8-4 relu, 500 pts", 10, {2, 64, 64, 64, 64, 64, 64, 64, 64, 4}, MLP_RELU, 0.02, 500,
     MLP_INIT_HE, 1, 20, 10, 2},
};

#define OR(v, dflt) ((v) ? (v) : (dflt))

typedef struct {
    double check_loss;  /* loss after CHECK_EPOCHS epochs from the initial parameters */
    double grid_loss;   /* loss after GRID_EPOCHS epochs */
    double epochs_per_s;
    double grid_ms;     /* best time of one GRID_SIDE^2 grid */
    long epochs_timed;  /* epochs in the best training repetition */
} bench_result;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what, const mlp_error *err)
{
    fprintf(stderr, "bench_native: %s: %s\n", what, err ? err->msg : "");
    exit(1);
}

static mlp *make_network(const bench_case *bc)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    int l;
    mlp_desc_defaults(&d);
    d.n_sizes = bc->n_sizes;
    for (l = 0; l < bc->n_sizes; l++)
        d.sizes[l] = bc->sizes[l];
    d.activation = bc->activation;
    d.learning_rate = bc->learning_rate;
    d.init = bc->init;
    net = mlp_create(&d, &err);
    if (!net)
        die("mlp_create", &err);
    if (mlp_data_quadrants(net, bc->points, 0.3, &err) != MLP_OK)
        die("mlp_data_quadrants", &err);
    return net;
}

static void set_params(mlp *net, const double *p)
{
    mlp_error err;
    if (mlp_set_params(net, p, mlp_param_count(net), &err) != MLP_OK)
        die("mlp_set_params", &err);
}

static void step(mlp *net, int epochs)
{
    mlp_error err;
    if (mlp_step(net, epochs, &err) != MLP_OK)
        die("mlp_step", &err);
}

static void run_case(const bench_case *bc, bench_result *r)
{
    mlp *net = make_network(bc);
    int n_params = mlp_param_count(net), rep;
    double *p0 = malloc(sizeof(double) * (size_t)n_params);
    double *p_grid = malloc(sizeof(double) * (size_t)n_params);
    float *out = malloc(sizeof(float) * GRID_SIDE * GRID_SIDE * (size_t)bc->sizes[bc->n_sizes - 1]);
    mlp_error err;
    if (!p0 || !p_grid || !out) {
        fprintf(stderr, "bench_native: out of memory\n");
        exit(1);
    }
    memcpy(p0, mlp_params(net), sizeof(double) * (size_t)n_params);

    step(net, OR(bc->check_epochs, CHECK_EPOCHS));
    r->check_loss = mlp_loss(net);
    step(net, OR(bc->grid_epochs, GRID_EPOCHS) - OR(bc->check_epochs, CHECK_EPOCHS));
    r->grid_loss = mlp_loss(net);
    memcpy(p_grid, mlp_params(net), sizeof(double) * (size_t)n_params);

    /* Training: one untimed repetition to warm caches, then REPS timed ones. */
    r->epochs_per_s = 0.0;
    for (rep = 0; rep <= OR(bc->reps, REPS); rep++) {
        long epochs = 0;
        double t0, dt;
        set_params(net, p0);
        t0 = now();
        do {
            step(net, OR(bc->chunk, CHUNK_EPOCHS));
            epochs += OR(bc->chunk, CHUNK_EPOCHS);
            dt = now() - t0;
        } while (dt < MIN_SECONDS);
        if (mlp_diverged(net)) {
            fprintf(stderr, "bench_native: network %s diverged; timing would be meaningless\n",
                    bc->name);
            exit(1);
        }
        if (rep > 0 && epochs / dt > r->epochs_per_s) {
            r->epochs_per_s = epochs / dt;
            r->epochs_timed = epochs;
        }
    }

    /* Prediction over the grid, with the partly trained parameters. */
    set_params(net, p_grid);
    r->grid_ms = 1e30;
    for (rep = 0; rep <= OR(bc->reps, REPS); rep++) {
        long grids = 0;
        double t0 = now(), dt;
        do {
            if (mlp_predict_grid(net, -GRID_MIN, GRID_MIN, -GRID_MIN, GRID_MIN, GRID_SIDE,
                                 GRID_SIDE, out, &err) != MLP_OK)
                die("mlp_predict_grid", &err);
            grids++;
            dt = now() - t0;
        } while (dt < MIN_SECONDS);
        if (rep > 0 && 1e3 * dt / grids < r->grid_ms)
            r->grid_ms = 1e3 * dt / grids;
    }

    free(out);
    free(p_grid);
    free(p0);
    mlp_destroy(net);
}

/* Best time, in ms, of one mlp_data_generate of GEN_POINTS points of dataset
   id (default noise, K = its largest class count, a fifth held out). */
#define GEN_POINTS 10000
static double time_generate(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    mlp_dataset_desc dd;
    mlp_desc d;
    mlp_error err;
    mlp *net;
    double best = 1e30;
    int rep;
    mlp_desc_defaults(&d);
    d.sizes[2] = info->output == MLP_OUT_LINEAR ? 1 : info->max_classes;
    d.output = info->output;
    net = mlp_create(&d, &err);
    if (!net)
        die("mlp_create", &err);
    mlp_dataset_desc_defaults(&dd, id);
    dd.points = GEN_POINTS;
    dd.test_fraction = 0.2;
    for (rep = 0; rep <= REPS; rep++) {          /* the first allocates; it is not counted */
        long runs = 0;
        double t0 = now(), dt;
        do {
            if (mlp_data_generate(net, &dd, &err) != MLP_OK)
                die("mlp_data_generate", &err);
            runs++;
            dt = now() - t0;
        } while (dt < 0.1);
        if (rep > 0 && 1e3 * dt / runs < best)
            best = 1e3 * dt / runs;
    }
    mlp_destroy(net);
    return best;
}

/* Prints the generation time of every dataset: a table, or with machine one
   "datagen NAME ms VALUE" line each (bench/bench.js reads only "native" lines). */
static void print_generation(int machine)
{
    int id;
    if (!machine)
        printf("\nDataset generation, %d points (default noise, largest K, 20%% held out), "
               "best of %d:\n", GEN_POINTS, REPS);
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        double ms = time_generate(id);
        if (machine)
            printf("datagen %s ms %.17g\n", mlp_dataset_get(id)->name, ms);
        else
            printf("  %-12s %8.3f ms per %d-point generation\n", mlp_dataset_get(id)->name, ms,
                   GEN_POINTS);
    }
}

int main(int argc, char **argv)
{
    int machine = argc > 1 && strcmp(argv[1], "--machine") == 0;
    int n_cases = (int)(sizeof cases / sizeof cases[0]), c;
    bench_result res[sizeof cases / sizeof cases[0]];
    const double grid_points = (double)GRID_SIDE * GRID_SIDE;

    for (c = 0; c < n_cases; c++)
        run_case(&cases[c], &res[c]);

    if (machine) {
        for (c = 0; c < n_cases; c++) {
            printf("native %s epochs_per_s %.17g\n", cases[c].name, res[c].epochs_per_s);
            printf("native %s grid_ms %.17g\n", cases[c].name, res[c].grid_ms);
            printf("native %s check_loss %.17g\n", cases[c].name, res[c].check_loss);
            printf("native %s grid_loss %.17g\n", cases[c].name, res[c].grid_loss);
        }
        print_generation(1);
        return 0;
    }

    printf("Native C core (cc -std=c99 -O3), best of %d runs of >= %.1f s each\n", REPS,
           MIN_SECONDS);
    printf("%-26s %12s %10s %14s %10s %22s\n", "network", "epochs/s", "us/epoch",
           "grid points/s", "ms/grid", "loss early / at grid");
    for (c = 0; c < n_cases; c++)
        printf("%-26s %12.0f %10.2f %14.3e %10.3f %10.6f / %9.6f\n", cases[c].label,
               res[c].epochs_per_s, 1e6 / res[c].epochs_per_s, grid_points / (res[c].grid_ms * 1e-3),
               res[c].grid_ms, res[c].check_loss, res[c].grid_loss);
    printf("(grid: %dx%d pixel centres over [-%g, %g]^2, parameters after %d epochs)\n",
           GRID_SIDE, GRID_SIDE, GRID_MIN, GRID_MIN, GRID_EPOCHS);
    print_generation(0);
    return 0;
}
