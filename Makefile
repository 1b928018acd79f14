# usagelens: `make run` analyzes samples/, `make test` runs the tests. Both install what they need first.
SWIFT ?= swift
BIN := .build/release/usagelens
# The release build links the Swift runtime and Foundation into the binary: a run starts in 2-3 ms instead of
# 9-10 (the dynamic loader binding libswiftCore, libFoundation* and ICU), which is most of a warm run's floor.
RELEASE := -c release --static-swift-stdlib

.PHONY: setup setup-test build run test golden prices samples clean compare bench mutation fuzz fuzz-smoke fuzz-build sanitize-address sanitize-thread screenshot test-dask dask-compare

setup:
	@bash scripts/setup.sh

# The tests also want chromium (the HTML report's browser test), which `make run` does not.
setup-test:
	@bash scripts/setup.sh --with-browser

build: setup
	$(SWIFT) build $(RELEASE) --product usagelens
	$(SWIFT) build $(RELEASE) --product usagelens-mcp

run: build
	$(BIN) daily samples/

# check_layers.py (a second): the folders of Sources/UsageLensCore depend on each other one way (docs/architecture.md).
test: setup-test
	python3 scripts/check_layers.py --quiet
	$(SWIFT) build --product usagelens
	$(SWIFT) test
	$(MAKE) --no-print-directory test-dask

# The Dask integration (integrations/dask, docs/scale-out.md) with pytest: a `dask scheduler` and 3 `dask worker`
# processes on loopback, an S3 prefix served by moto. Installs the package and its test extras from PyPI first.
test-dask: setup
	$(SWIFT) build --product usagelens
	python3 -m pip install --quiet --disable-pip-version-check './integrations/dask[test]'
	cd integrations/dask && USAGELENS=$(CURDIR)/.build/debug/usagelens python3 -m pytest -q -p no:cacheprovider tests

# usagelens-dask --local 1/2/3 against usagelens alone on the bench corpus: times and byte equality (docs/scale-out.md).
DASK_CORPUS ?= /tmp/usagelens-corpus
dask-compare: build
	python3 -m pip install --quiet --disable-pip-version-check './integrations/dask'
	python3 integrations/dask/compare.py --usagelens $(BIN) --corpus $(DASK_CORPUS)

# The README's picture of the HTML report: the top of the page on samples/, rendered by headless Chromium.
screenshot: setup-test
	$(SWIFT) build --product usagelens
	.build/debug/usagelens report --output .build/report.html --tz UTC --now 2025-10-16T23:30:00Z --token-limit p90 --cost-limit 2 samples/ 2>/dev/null
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1900 --user-data-dir=.build/chromium-profile --screenshot=$(CURDIR)/docs/report.png file://$(CURDIR)/.build/report.html 2>/dev/null

# The unit and end-to-end tests under AddressSanitizer / ThreadSanitizer (each in its own build folder).
sanitize-address: setup-test
	USAGELENS_SANITIZED=address LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build/asan

sanitize-thread: setup
	USAGELENS_SANITIZED=thread $(SWIFT) test --sanitize=thread --scratch-path .build/tsan

# libFuzzer targets (Fuzz/README.md): `make fuzz` runs each for FUZZ_SECONDS, one at a time; `make fuzz-smoke`
# runs each briefly (CI), so that a regression on the seeds or a shallow crash fails the build.
FUZZ_SECONDS ?= 180
fuzz-build: setup
	bash Fuzz/build.sh

fuzz: fuzz-build
	bash Fuzz/run.sh $(FUZZ_SECONDS)

FUZZ_SMOKE_TARGETS ?= Adapters CacheEntry DocumentParser LineIngest PriceFile Shard StatusFile ZstdSource

fuzz-smoke: fuzz-build
	FUZZ_SEED=1 bash Fuzz/run.sh 12 $(FUZZ_SMOKE_TARGETS)

# Re-records the end-to-end golden files from the current binary (review the diff before committing).
golden: setup-test
	$(SWIFT) build --product usagelens
	USAGELENS_RECORD_GOLDEN=1 $(SWIFT) test --filter usagelensTests

# Regenerates the built-in price table from LiteLLM's price file (needs PyPI).
prices:
	python3 scripts/gen_prices.py

# Regenerates samples/ and its truth file.
samples:
	python3 scripts/make_samples.py

clean:
	rm -rf .build

# Times usagelens against the C and DuckDB references on a 1 GiB corpus (see benchmarks/compare.py).
compare:
	python3 benchmarks/compare.py

# Runs benchmarks/ (ordo-one/benchmark) and fails when a result moves past its tolerance from benchmarks/Thresholds/.
# After a deliberate change, faster or slower: cd benchmarks && swift package --allow-writing-to-package-directory
# benchmark thresholds update, then commit the new Thresholds/ files.
bench: setup
	cd benchmarks && $(SWIFT) package benchmark thresholds check --no-progress

# The seeded mutation campaign (scripts/mutation_campaign.py): 20,000 damaged inputs through check and daily with
# --threads 1 and 2; failing inputs land in /tmp/mutation-failures. MUTATION_ARGS='--seed 2 --inputs 5000' to vary;
# add --known joined-accepted,vt-ff-accepted,open-string-accepted,threads-message to pass over the open bugs.
MUTATION_ARGS ?= --seed 1 --inputs 20000
mutation: build
	python3 scripts/mutation_campaign.py --binary $(BIN) $(MUTATION_ARGS)
