# wfsim — one non-recursive Makefile.
# Targets: all (build/wfsim), run, test, sanitize, bench, docs, format,
# format-check, clean, deps, browser-deps, report-test, install, install-test.

PKGS      := gsl libconfig cmocka cairo xlsxwriter
# strace: the interrupted-run tests slow a run's writes with it (tests/bad).
# The report's charts are drawn with cairo in DejaVu Sans; the workbook test
# reads report.xlsx back with unzip. man-db: the install test reads man wfsim.
APT_PKGS  := libgsl-dev libconfig-dev libcmocka-dev pkg-config strace libcairo2-dev \
             libxlsxwriter-dev fonts-dejavu-core unzip man-db
TOOLS     := strace unzip man
DEJAVU    := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
BUILD     ?= build
SCENARIO  ?= scenarios/example_la.cfg
VERSION   := 0.1.0
PREFIX    ?= /usr/local

CC        ?= cc
OPT       ?= -O3
WERROR    ?=
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wformat=2 $(WERROR)
# Recursive (=) so pkg-config runs only after the deps stamp is in place.
PKG_CFLAGS = $(shell pkg-config --cflags gsl libconfig cairo xlsxwriter)
PKG_LIBS   = $(shell pkg-config --libs gsl libconfig cairo xlsxwriter)
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka)
# Sanitizer flags live in their own variable so CFLAGS= on the command line
# does not drop them.
SANITIZER ?=
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off $(OPT) -g \
             $(WARN) -DHAVE_INLINE -DGSL_RANGE_CHECK_OFF \
             -DWFSIM_VERSION='"$(VERSION)"' -Iinclude -Isim $(PKG_CFLAGS) \
             $(SANITIZER) $(CFLAGS)
ALL_LDFLAGS = $(SANITIZER) $(LDFLAGS)
LDLIBS_ALL  = $(PKG_LIBS) -lpthread -lm

# Sources are found recursively: sim/<layer>/<module>.c (docs/architecture.md).
LIB_SRC   := $(filter-out sim/app/main.c,$(sort $(shell find sim -name '*.c')))
LIB_OBJ   := $(LIB_SRC:sim/%.c=$(BUILD)/sim/%.o)
MAIN_OBJ  := $(BUILD)/sim/app/main.o
TEST_SRC  := $(sort $(shell find tests -name 'test_*.c'))
TEST_BIN  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TESTUTIL_OBJ := $(BUILD)/tests/support/testutil.o
DEPSTAMP  := $(BUILD)/.deps-ok

.PHONY: all run test unit e2e bad sanitize bench docs format format-check layout-check fuzz fuzz-deps fuzz-smoke \
        clean deps browser-deps report-test install install-test
all: $(BUILD)/wfsim

# Install the libraries on a fresh Debian machine (as root), or say how. The
# stamp depends on the Makefile, so a longer package list is checked again.
deps: $(DEPSTAMP)
$(DEPSTAMP): Makefile
	@mkdir -p $(BUILD)
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) && [ -f $(DEJAVU) ] && \
	    for t in $(TOOLS); do command -v $$t >/dev/null || exit 1; done; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "wfsim: installing $(APT_PKGS)"; \
	  (apt-get update -qq || true) && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS) >/dev/null || exit 1; \
	else \
	  echo "wfsim: missing libraries; run as root:"; \
	  echo "  apt-get install -y $(APT_PKGS)"; exit 1; \
	fi
	@touch $@

# Headless Chromium for the report's browser test: installed when missing and
# root, else the test says it was skipped (never a failure of make test).
CHROMIUM ?= chromium
browser-deps:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "wfsim: installing chromium"; \
	  (apt-get update -qq || true) && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || \
	  echo "wfsim: chromium could not be installed; the browser test will be skipped"; \
	fi

$(BUILD)/sim/%.o: sim/%.c | $(DEPSTAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c | $(DEPSTAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $(CMOCKA_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libwfsim.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/wfsim: $(MAIN_OBJ) $(BUILD)/libwfsim.a
	$(CC) $(ALL_LDFLAGS) $^ $(LDLIBS_ALL) -o $@

$(TEST_BIN): %: %.o $(TESTUTIL_OBJ) $(BUILD)/libwfsim.a
	$(CC) $(ALL_LDFLAGS) $^ $(CMOCKA_LIBS) $(LDLIBS_ALL) -o $@

$(BUILD)/tests/bench: $(BUILD)/tests/bench.o $(BUILD)/libwfsim.a
	$(CC) $(ALL_LDFLAGS) $^ $(LDLIBS_ALL) -o $@

run: $(BUILD)/wfsim
	$(BUILD)/wfsim run $(SCENARIO) -o results/$(notdir $(basename $(SCENARIO))) --report

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do echo "== $$t"; $$t || fail=1; done; exit $$fail

e2e: $(BUILD)/wfsim
	@bash tests/e2e.sh $(BUILD)/wfsim

# Checks of the #include graph (tests/layout/check.sh): layers, cycles, libconfig.
LAYOUT_CHECKS := layers cycles libconfig
layout-check:
	@bash tests/layout/check.sh $(LAYOUT_CHECKS)
	@bash tests/layout/selftest.sh

bad: $(BUILD)/wfsim
	@bash tests/bad/run.sh $(BUILD)/wfsim

# make test's smoke run of the fuzzers: 30 s each from a fixed seed.
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30 FUZZ_FLAGS=-seed=1

# The report: numbers traced to CSV rows, costs reconciled, the workbook read
# back, and both reports rendered by headless Chromium (tests/report/run.sh).
report-test: $(BUILD)/wfsim browser-deps
	@bash tests/report/run.sh $(BUILD)/wfsim

# The program, its manual page (docs/wfsim.1), the shipped scenarios and data,
# and its bash completion (docs/wfsim.bash), under PREFIX.
SHARE = $(PREFIX)/share/wfsim/scenarios
install: $(BUILD)/wfsim
	install -d $(PREFIX)/bin $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
	  $(SHARE)/options $(SHARE)/plans $(SHARE)/sensitivity $(SHARE)/data
	install -m 755 $(BUILD)/wfsim $(PREFIX)/bin/wfsim
	install -m 644 docs/wfsim.1 $(PREFIX)/share/man/man1/wfsim.1
	install -m 644 docs/wfsim.bash $(PREFIX)/share/bash-completion/completions/wfsim
	install -m 644 scenarios/*.cfg $(SHARE)/
	install -m 644 scenarios/options/*.cfg $(SHARE)/options/
	install -m 644 scenarios/plans/*.cfg $(SHARE)/plans/
	install -m 644 scenarios/sensitivity/*.txt $(SHARE)/sensitivity/
	install -m 644 scenarios/data/* $(SHARE)/data/

# make install into a temporary PREFIX, then the installed program, manual
# page, scenarios and completion (tests/install/run.sh).
install-test: $(BUILD)/wfsim
	@bash tests/install/run.sh $(BUILD)

# make test also builds the benchmark (not runs it), so it cannot rot.
test: format-check layout-check unit $(BUILD)/tests/bench e2e bad install-test report-test fuzz-smoke

# The suites, end-to-end, bad-input and report checks under ASan + UBSan (the
# fuzzers are sanitized builds already); library caches that live until exit
# are named in tests/sanitize.supp.
sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitize.supp:print_suppressions=0 \
	$(MAKE) BUILD=build/sanitize OPT=-O1 \
	  SANITIZER="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  unit e2e bad report-test

bench: $(BUILD)/tests/bench $(BUILD)/wfsim
	$(BUILD)/tests/bench $(SCENARIO)

docs: $(BUILD)/wfsim
	$(BUILD)/wfsim keys > docs/scenario-keys.md
	$(BUILD)/wfsim metrics > docs/metrics.md
	$(BUILD)/wfsim help --markdown > docs/commands.md
	$(BUILD)/wfsim help --man > docs/wfsim.1
	$(BUILD)/wfsim help --bash-completion > docs/wfsim.bash

FORMAT_SRC = $(sort $(shell find sim include tests -name '*.[ch]'))
CLANG_FORMAT ?= clang-format

format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

# Fails on any source that `make format` would change (.clang-format).
format-check:
	@if ! command -v $(CLANG_FORMAT) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "wfsim: installing clang-format"; \
	    (apt-get update -qq || true) && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-format >/dev/null || exit 1; \
	  else echo "wfsim: clang-format missing; run as root: apt-get install -y clang-format"; exit 1; fi; \
	fi
	@bad=0; for f in $(FORMAT_SRC); do \
	  $(CLANG_FORMAT) --dry-run -Werror $$f >/dev/null 2>&1 || { echo "format-check: $$f is not formatted (make format)"; bad=1; }; \
	done; exit $$bad

# Fuzzing (libFuzzer, clang, ASan + UBSan): tests/fuzz/fuzz_*.c, each run for
# FUZZ_SECONDS from a seed corpus built from the shipped scenarios and data
# (the corpus grows under build/fuzz/corpus/, never in the tree).
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   ?=
FUZZ_CC      ?= clang
FUZZ_BUILD   := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

fuzz-deps:
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1 || \
	    ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "wfsim: installing clang and its runtime"; \
	    (apt-get update -qq || true) && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null || exit 1; \
	  else echo "wfsim: clang missing; run as root: apt-get install -y clang libclang-rt-14-dev"; exit 1; fi; \
	fi

fuzz: fuzz-deps | $(DEPSTAMP)
	@# WERROR is gcc's gate (make test WERROR=-Werror); clang's -Wextra also
	@# flags partly initialised tables, which C defines as zero-filled.
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT=-O1 WERROR= \
	  SANITIZER="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" $(FUZZ_BUILD)/libwfsim.a
	@set -e; for n in $(FUZZ_NAMES); do \
	  $(FUZZ_CC) $(filter-out $(OPT) $(WERROR),$(ALL_CFLAGS)) -O1 $(FUZZ_SAN) -fsanitize=fuzzer \
	    tests/fuzz/fuzz_$$n.c $(FUZZ_BUILD)/libwfsim.a $(LDLIBS_ALL) -o $(FUZZ_BUILD)/fuzz_$$n; \
	  bash tests/fuzz/seed.sh $$n $(FUZZ_BUILD)/corpus/$$n; \
	  echo "== fuzz_$$n: $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
	  $(FUZZ_BUILD)/fuzz_$$n $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crash-$$n- \
	    $(FUZZ_BUILD)/corpus/$$n 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|INFO: (Seed|Loaded))' || true; \
	  if ls $(FUZZ_BUILD)/crash-$$n-* >/dev/null 2>&1; then \
	    echo "fuzz_$$n: finding saved as $$(ls $(FUZZ_BUILD)/crash-$$n-* | head -1)"; exit 1; fi; \
	done

clean:
	rm -rf build

-include $(shell find $(BUILD)/sim $(BUILD)/tests -name '*.d' 2>/dev/null)
