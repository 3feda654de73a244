# The README's two commands: `make run` and `make test`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc)
SCENARIO   ?= scenarios/quickstart.json
RESULTS    ?= results/quickstart
PREFIX     ?= /usr/local

.PHONY: run test deps build install build-asan test-asan build-fuzz fuzz bench paper clean

deps:
	@bash .ci/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/loopix-sim run $(SCENARIO) -o $(RESULTS) --force
	./$(BUILD)/loopix-sim plot $(RESULTS)

# The command, the libraries with their headers and CMake package, the man page and the docs
# under PREFIX (`make install PREFIX=$$HOME/.local` needs no root).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
ifeq ($(CI),true)
	$(MAKE) test-asan
	$(MAKE) fuzz
endif

# Without MPI: OpenMPI's own allocations at exit would be reported as leaks.
build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOOPIX_SANITIZE=ON -DLOOPIX_MPI=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# libFuzzer targets (tests/fuzz, clang with ASan + UBSan), each run from its corpus for a
# share of FUZZ_SECONDS: a smoke test in CI; `make fuzz FUZZ_SECONDS=3600` for a campaign.
build-fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
	  -DLOOPIX_FUZZ=ON -DLOOPIX_TESTS=OFF -DLOOPIX_MPI=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

fuzz: build-fuzz
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	./$(BUILD)/bench_kernel
	./$(BUILD)/bench_network
	./$(BUILD)/bench_model_variants
	./$(BUILD)/bench_sphinx
	./$(BUILD)/bench_crypto_modes
	./$(BUILD)/bench_analysis
	./$(BUILD)/bench_peer_case
	./$(BUILD)/bench_epochs_memory
	./$(BUILD)/bench_sweep

# The paper's figures (scenarios/paper/README.md), into results/paper and scenarios/paper/*.png.
paper: build
	bash scenarios/paper/reproduce.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
