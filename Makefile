# The only entry points: make (build), make serve, make test, make bench, make clean;
# for reliability work (not in make test): make fuzz (the Node API, seconds), make fuzz-c, make soak.
# Targets that need tools run tools/setup.sh first, which installs what is missing.

EMCC     ?= emcc
CC       ?= cc
NODE     ?= node
PORT     ?= 8000
# emcc runs on Node; Debian's emscripten finds its JS dependencies here.
EMENV    := NODE_PATH=/usr/share/nodejs

CORE_SRC := src/mlp.c src/limits.c src/format.c src/data.c src/datasets.c src/train.c src/predict.c src/grid_f32.c src/dense_f32.c src/layers.c \
            src/rng.c src/features.c src/optim.c src/state.c
CORE_HDR := src/mlp.h src/mlp_limits.h src/mlp_datasets.h src/mlp_playground.h src/mlp_internal.h src/layers.h \
            src/rng.h src/fastmath.h src/simd2.h
CORE_JS  := web/build/mlp-core.js
# The explainer's text: KaTeX formulas rendered at build time and the C code
# shown on the page, extracted from src/ (so it cannot drift from what runs).
CONTENT_JS  := web/build/content.mjs
CONTENT_SRC := tools/build-content.js tools/html-dom.js $(wildcard content/*) $(wildcard src/*.c)
# The core's limits as a JavaScript table, from MLP_LIMIT_LIST in src/mlp.h.
LIMITS_JS   := web/build/limits.mjs
# The lessons, checked (tools/build-lessons.mjs) and gathered from content/lessons/.
LESSONS_JS  := web/build/lessons.mjs
# The pages' scripts (one bundle each) and Node's CommonJS wrapper, made by
# esbuild from the ES modules in web/js/ (tools/bundle.js).
BUNDLES     := web/build/index.js web/build/embed.js web/build/network.cjs
# The pages' stylesheets, minified by the same step (the pages link these).
CSS_SRC     := $(wildcard web/css/*.css)
CSS_MIN     := $(patsubst web/css/%,web/build/css/%,$(CSS_SRC))
JS_SRC      := $(shell find web/js -name '*.js') web/js/package.json

# Portable flags only: no -ffast-math (it would break the gradient checks and
# the bit-identical phase cycle), no -march=native. NODEJS_CATCH_EXIT=0 and
# NODEJS_CATCH_REJECTION=0: loading the module in Node installs no process
# handlers (the default ones rethrow a host app's own errors and print the
# whole module); the core never calls exit(). INCOMING_MODULE_JS_API: the
# only option the factory is given is wasmBinary (tools/pack-wasm.js), so the
# glue carries no code reading the others (print, locateFile, preRun, ...).
CWARN    := -std=c99 -Wall -Wextra -pedantic
EMFLAGS  := -O3 -msimd128 $(CWARN) \
	-sMODULARIZE=1 -sEXPORT_NAME=MlpCore -sENVIRONMENT=web,node \
	-sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0 \
	-sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0 \
	-sINCOMING_MODULE_JS_API=[wasmBinary] \
	-sEXPORTED_FUNCTIONS=_malloc,_free \
	-sEXPORTED_RUNTIME_METHODS=HEAPF32,HEAPF64,HEAP32,UTF8ToString
SANITIZE := -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# A test file whose tests have all ended exits even if something it started
# lingers (once seen: a file's process idle for 14 minutes after its tests
# passed, holding up the whole run); a test still running after 10 minutes
# fails with its name (the longest, the C suites, takes ~2.5 minutes). Both
# options are newer than the oldest Node the tests run on (18), so they are
# given only where this node lists them.
node_has  = $(shell $(NODE) --help 2>/dev/null | grep -q -- '$(1)' && echo '$(2)')
TEST_FLAGS  = --test-reporter=tap $(call node_has,--test-force-exit,--test-force-exit) \
             $(call node_has,--test-timeout,--test-timeout=600000)

C_TESTS   := $(patsubst tests/c/%.c,build/%,$(wildcard tests/c/test_*.c))
NODE_TESTS = $(wildcard tests/node/*.test.js tests/node/*.test.mjs)
WEB_TESTS  = $(wildcard tests/browser/*.test.js)

.PHONY: all build dist serve test test-c test-node test-browser bench deps deps-test clean \
	fuzz fuzz-c fuzz-coverage fuzz-open soak

EMBED_HTML := web/embed.html

all build: $(CORE_JS) $(CONTENT_JS) $(LIMITS_JS) $(LESSONS_JS) $(BUNDLES) $(CSS_MIN) $(EMBED_HTML)

# Each file is compiled for speed (-O3) or, where no training or drawing
# loop runs, for size (-Oz: validation, the limits' messages, the data's
# storage and editing, dataset generation, saving a run, the exported
# wrappers; the gather run before every step is in predict.c); emmalloc is
# the small allocator (the core allocates only when a network or its data
# is made).
# Measured: the wasm 60.5 KB gzip all -O3 with dlmalloc, 53.5 KB so, 42.4 KB
# without printf (src/format.c) and with data.c for size, 38.8 KB with
# src/wasm_trig.c. The link stays -O3: -Oz there also swaps in libc's small
# log and pow (-9 KB gzip), and the small networks then train ~25% slower.
CORE_SMALL := src/mlp.c src/limits.c src/format.c src/data.c src/datasets.c src/state.c src/wasm_api.c
# src/wasm_trig.c: musl's sin and cos without the reduction of arguments past
# 2^20 pi/2, which the core never passes (4.6 KB of the gzipped wasm); the
# wasm's results are unchanged, and native builds keep the C library's.
CORE_OBJ   := $(patsubst src/%.c,build/wasm/%.o,$(CORE_SRC) src/wasm_api.c src/wasm_trig.c)
build/wasm/%.o: src/%.c $(CORE_HDR) Makefile
	@mkdir -p $(dir $@)
	$(EMENV) $(EMCC) $(if $(filter $<,$(CORE_SMALL)),-Oz,-O3) -msimd128 $(CWARN) -c $< -o $@

# The glue and its .wasm, then one script carrying the wasm gzipped (as
# base64: tools/pack-wasm.js), so pages still open from disk.
build/mlp-core-glue.js: $(CORE_OBJ)
	$(EMENV) $(EMCC) $(EMFLAGS) -sMALLOC=emmalloc $(CORE_OBJ) -o $@

$(CORE_JS): build/mlp-core-glue.js tools/pack-wasm.js
	@test -d node_modules/esbuild || bash tools/setup.sh build
	@mkdir -p $(dir $@)
	$(NODE) tools/pack-wasm.js build/mlp-core-glue.js build/mlp-core-glue.wasm $@

# Also copies KaTeX's CSS and woff2 fonts to web/build/katex/, then cuts each
# font to the characters the formulas draw in it (tools/subset-fonts.js).
$(CONTENT_JS): $(CONTENT_SRC) tools/subset-fonts.js package-lock.json
	@test -d node_modules/katex -a -d node_modules/subset-font || bash tools/setup.sh build
	$(NODE) tools/build-content.js
	$(NODE) tools/subset-fonts.js

$(LIMITS_JS): tools/gen_limits.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p build $(dir $@)
	$(CC) $(CWARN) -Isrc tools/gen_limits.c $(CORE_SRC) -o build/gen_limits -lm
	./build/gen_limits > $@.tmp && mv $@.tmp $@

$(LESSONS_JS): tools/build-lessons.mjs $(wildcard content/lessons/*.json) $(JS_SRC) $(LIMITS_JS) content/mathematics.html
	$(NODE) tools/build-lessons.mjs

$(BUNDLES) $(CSS_MIN) &: $(JS_SRC) $(CSS_SRC) $(LIMITS_JS) $(CONTENT_JS) $(LESSONS_JS) tools/bundle.js package-lock.json
	@test -d node_modules/esbuild || bash tools/setup.sh build
	$(NODE) tools/bundle.js

# The one-file offline builds: dist/neural-network.html (the explainer) and
# dist/neural-network-panel.html (the panel), everything inline.
DIST_HTML := dist/neural-network.html dist/neural-network-panel.html
dist: $(DIST_HTML)
$(DIST_HTML) &: all tools/build-dist.js $(wildcard web/css/*.css)
	$(NODE) tools/build-dist.js

# The panel alone, for iframes: its markup is copied from index.html.
$(EMBED_HTML): web/embed.template.html web/index.html tools/build-embed.js
	$(NODE) tools/build-embed.js

# The installable package (package.json "files": index.js, index.d.ts and the
# two built files it loads): npm pack runs tools/prepare.js, which makes them;
# writes build/mlp-explainer-<version>.tgz (tests/node/package.test.js packs and
# installs one of its own in a temporary directory).
.PHONY: pack
pack: deps
	@mkdir -p build
	npm pack --pack-destination build

deps:
	@bash tools/setup.sh build

deps-test:
	@bash tools/setup.sh test

serve: deps
	@$(MAKE) --no-print-directory all
	$(NODE) tools/serve.js web $(PORT)

# Every suite in one runner, so its closing "# pass N / # fail N" lines count
# them all: tests/node/c-suites.test.js builds and runs the C suites (under
# ASan and UBSan), then the Node and browser suites.
test: deps-test
	@$(MAKE) --no-print-directory all dist
	$(NODE) --test $(TEST_FLAGS) $(NODE_TESTS) $(WEB_TESTS)

# Native C tests under AddressSanitizer and UBSan. MLP_TEST_HOOKS compiles
# in the counters the tests read (the grid's float32 and float64 blocks).
build/test_%: tests/c/test_%.c tests/c/check.h tests/c/data_util.h tests/c/errors_util.h tests/c/example_sync.h \
		tests/c/grid_util.h tests/c/net_util.h $(CORE_SRC) $(CORE_HDR) src/wasm_api.c
	@mkdir -p build
	$(CC) $(CWARN) $(SANITIZE) -DMLP_TEST_HOOKS -Isrc $< $(CORE_SRC) -o $@ -lm

test-c: $(C_TESTS)
	@fail=0; for t in $(C_TESTS); do ./$$t || fail=1; done; exit $$fail

test-node: all
	$(NODE) --test $(TEST_FLAGS) $(NODE_TESTS)

test-browser: all
	$(NODE) --test $(TEST_FLAGS) $(WEB_TESTS)

# bench.js runs build/bench_native itself, so every figure and ratio comes
# from one run (the native table alone: ./build/bench_native).
bench: deps
	@$(MAKE) --no-print-directory all build/bench_native build/epoch-floor.js
	$(NODE) bench/bench.js
	$(NODE) bench/page.js

build/bench_native: bench/bench_native.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p build
	$(CC) -std=c99 -O3 -Isrc $< $(CORE_SRC) -o $@ -lm

# The epoch's irreducible parts, timed alone in wasm (bench/floor.js): the
# f64x2 multiply-add peak and layers.c's activation and softmax, built with
# the core's flags for those files.
build/epoch-floor.js: bench/epoch_floor.c src/layers.c $(CORE_HDR) Makefile
	@mkdir -p build
	$(EMENV) $(EMCC) -O3 -msimd128 $(CWARN) -Isrc bench/epoch_floor.c src/layers.c -o $@ \
		-sMODULARIZE=1 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 \
		-sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0 \
		-sEXPORTED_FUNCTIONS=_floor_init,_floor_peak,_floor_activation,_floor_softmax

# ---- reliability: fuzzing and soak (not part of make test: they take minutes) ----

# The Node API fuzzer (tests/fuzz-api/fuzz.js): FUZZ_CALLS seeded random calls
# of every method and setter, valid and hostile, each checked against the
# wrapper's promises; then a fresh network is compared with one made in a new
# process. make test runs a 10,000-call slice (tests/node/api-fuzz.test.js).
FUZZ_CALLS ?= 100000
FUZZ_SEED  ?= 1
fuzz: all
	$(NODE) tests/fuzz-api/fuzz.js $(FUZZ_CALLS) $(FUZZ_SEED)

# The fuzz driver (tests/fuzz/): decodes an input into API calls and checks
# the core's promises after each. The libFuzzer target needs clang;
# test_fuzz_regressions replays the saved inputs with the native compiler.
FUZZ_SRC := tests/fuzz/driver.c tests/fuzz/checks.c tests/fuzz/ops.c tests/fuzz/ops_read.c \
	tests/fuzz/ops_twin.c tests/fuzz/ops_play.c tests/fuzz/ops_play_state.c \
	tests/fuzz/ops_play_eval.c tests/fuzz/alloc_fail.c
# The core's callocs go through tests/fuzz/alloc_fail.c (failures on demand).
FUZZ_LINK := -Wl,--wrap=calloc
FUZZ_HDR := tests/fuzz/driver.h tests/fuzz/ops.h tests/fuzz/ops_play.h tests/fuzz/fuzz_input.h
FUZZ_CC  ?= clang
FUZZ_SECONDS ?= 60
# Extra libFuzzer flags, e.g. FUZZ_FLAGS=-seed=7 (one process by default).
FUZZ_FLAGS ?=
# FUZZ_STRICT=1 stops the driver steering around the open findings listed in
# tests/fuzz/open/README (then the fuzzer soon stops on one of them); it
# builds a binary of its own, build/fuzz_mlp_strict.
FUZZ_BIN := build/fuzz_mlp$(if $(FUZZ_STRICT),_strict,)

build/test_fuzz_regressions: tests/c/test_fuzz_regressions.c tests/c/check.h $(FUZZ_SRC) \
		$(FUZZ_HDR) $(CORE_SRC) $(CORE_HDR)
	@mkdir -p build
	$(CC) $(CWARN) $(SANITIZE) -Isrc -Itests/fuzz -DFUZZ_STRICT -DFUZZ_DIR='"$(CURDIR)/tests/fuzz"' \
		$< $(FUZZ_SRC) $(CORE_SRC) -o $@ -lm $(FUZZ_LINK)

build/fuzz_mlp build/fuzz_mlp_strict: tests/fuzz/fuzz_mlp.c $(FUZZ_SRC) $(FUZZ_HDR) $(CORE_SRC) $(CORE_HDR)
	@FUZZ_CC=$(FUZZ_CC) bash tests/fuzz/setup-clang.sh
	@mkdir -p build
	$(FUZZ_CC) $(CWARN) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(if $(findstring strict,$@),-DFUZZ_STRICT,) -Isrc -Itests/fuzz $< $(FUZZ_SRC) $(CORE_SRC) \
		-o $@ -lm $(FUZZ_LINK)

# Runs the fuzzer for FUZZ_SECONDS on the seeds in tests/fuzz/corpus; what it
# finds goes to build/fuzz-corpus (not committed). A broken promise, a
# sanitizer report or a leak stops it and leaves build/fuzz-crash-*: copy
# that file to tests/fuzz/regressions/ so make test-c replays it.
fuzz-c: $(FUZZ_BIN)
	@mkdir -p build/fuzz-corpus
	./$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=2048 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz- \
		$(FUZZ_FLAGS) build/fuzz-corpus tests/fuzz/corpus

# Which lines of src/ the saved inputs reach: replays the seeds and the
# fuzzer's working corpus (build/fuzz-corpus, if any) through a clang build
# with source-based coverage and prints llvm-cov's table for the core.
build/fuzz_cov: tests/c/test_fuzz_regressions.c tests/c/check.h $(FUZZ_SRC) $(FUZZ_HDR) \
		$(CORE_SRC) $(CORE_HDR)
	@FUZZ_CC=$(FUZZ_CC) bash tests/fuzz/setup-clang.sh
	@mkdir -p build
	$(FUZZ_CC) $(CWARN) -O1 -fprofile-instr-generate -fcoverage-mapping -DFUZZ_STRICT \
		-Isrc -Itests/fuzz $< $(FUZZ_SRC) $(CORE_SRC) -o $@ -lm $(FUZZ_LINK)

fuzz-coverage: build/fuzz_cov
	@rm -f build/fuzz.profraw
	LLVM_PROFILE_FILE=build/fuzz.profraw ./build/fuzz_cov tests/fuzz/corpus \
		$(wildcard build/fuzz-corpus) | tail -1
	llvm-profdata merge -sparse build/fuzz.profraw -o build/fuzz.profdata
	llvm-cov report ./build/fuzz_cov -instr-profile=build/fuzz.profdata $(CORE_SRC)

# Replays the open findings (tests/fuzz/open/): each fails until src/ is fixed;
# then move its file to tests/fuzz/regressions/.
fuzz-open: build/test_fuzz_regressions
	-./build/test_fuzz_regressions tests/fuzz/open

# Long runs through the public JS API: 10^6 epochs of the default network,
# 10^5 of 2-8-8-8-4 tanh, 10^4 networks created and destroyed; fails if wasm
# memory grows after warm-up or RSS by more than its stated bound.
# SOAK_SCALE=0.01 runs a ~10-second slice of the same checks.
SOAK_SCALE ?= 1
soak: deps
	@$(MAKE) --no-print-directory $(CORE_JS)
	$(NODE) --expose-gc tests/soak/soak.js --scale $(SOAK_SCALE)

clean:
	rm -rf build web/build dist $(EMBED_HTML)
