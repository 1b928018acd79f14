# usagelens: `make run` analyzes samples/, `make test` runs the tests. Both install what they need first.
SWIFT ?= swift
BIN := .build/release/usagelens

.PHONY: setup build run test golden prices samples clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product usagelens

run: build
	$(BIN) daily samples/

test: setup
	$(SWIFT) build --product usagelens
	$(SWIFT) test

# Re-records the end-to-end golden files from the current binary (review the diff before committing).
golden: setup
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
