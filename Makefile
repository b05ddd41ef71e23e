# The two commands that matter: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
EVAL   ?= ../shared/eval

# tesseract, and the models of the languages whose scans are read again in their own
# (ocr_language.py): a path for a model, as its file is no program
OCR_MODELS   := deu fra spa ita nld por pol swe dan nor ces fin
SYSDEPS_RUN  := tesseract=tesseract-ocr \
                $(foreach m,$(OCR_MODELS),'/usr/share/tesseract-ocr/*/tessdata/$(m).traineddata=tesseract-ocr-$(m)')
# PostgreSQL's server programs live off PATH on Debian (/usr/lib/postgresql/<version>/bin).
SYSDEPS_TEST := $(SYSDEPS_RUN) chromium=chromium '/usr/lib/postgresql/*/bin/pg_ctl=postgresql' \
                redis-server=redis-server pdftotext=poppler-utils
# The scale-out benchmark runs a throwaway PostgreSQL and Redis, as the tests do.
SYSDEPS_BENCH := $(SYSDEPS_RUN) '/usr/lib/postgresql/*/bin/pg_ctl=postgresql' redis-server=redis-server
SYSDEPS_EVAL := $(SYSDEPS_RUN) pdftotext=poppler-utils
# invoice2data reads images with tesseract through ImageMagick (checked by `identify`)
SYSDEPS_PEER := $(SYSDEPS_EVAL) identify=imagemagick

# The peer measured side by side (`make eval-peer`), in its own environment: never a
# dependency of Intake.
PEER         := .venv-peer
PEER_VERSION ?= 1.0.1
PEER_PACKAGE := invoice2data[dateparser]==$(PEER_VERSION)
PEER_STAMP   := $(PEER)/.installed-$(shell echo '$(PEER_PACKAGE)' | cksum | cut -d' ' -f1)

.PHONY: run test test-fast test-long check bench eval leaks eval-learning eval-peer synth synth-contracts venv sysdeps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)

sysdeps:
	@scripts/sysdeps $(SYSDEPS_TEST)

## run: set everything up and start the service on its embedded defaults
run: venv
	@scripts/sysdeps $(SYSDEPS_RUN)
	$(BIN)/intake run

## test: set everything up and run the checks and the whole test suite
test: venv
	@scripts/sysdeps $(SYSDEPS_TEST)
	$(MAKE) check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-fast: the edit loop: everything but the slow suites (hostile input, faults, fuzzing,
## the service and browser runs, PostgreSQL); `make test` runs them all
test-fast: venv
	@scripts/sysdeps $(SYSDEPS_RUN)
	$(BIN)/python -m pytest -m 'not slow and not long and not postgres' $(PYTEST_ARGS)

## test-long: the long fault-injection loop (300 files, a kill every few seconds); CI runs it
test-long: venv
	@scripts/sysdeps $(SYSDEPS_TEST)
	$(BIN)/python -m pytest -m long $(PYTEST_ARGS)

## check: lint, format and type checks
check: venv
	$(BIN)/ruff check intake web tests benchmarks
	$(BIN)/ruff format --check intake web tests benchmarks
	$(BIN)/mypy intake web

## bench: the benchmarks, printing their figures
bench: venv
	@scripts/sysdeps $(SYSDEPS_BENCH)
	$(BIN)/python -m benchmarks

## eval: extraction accuracy on the shared labelled documents
eval: venv
	@scripts/sysdeps $(SYSDEPS_EVAL)
	$(BIN)/python -m benchmarks.evaluate $(EVAL)

## leaks: labelled values of ../shared/eval quoted anywhere in the project (fails on one)
leaks: venv
	$(BIN)/python -m benchmarks.leaks $(EVAL)

## synth: the layout stress generator: made-up documents in seven languages and many
## layouts, read by the real extraction, scored per field, type and language
## (SYNTH_ARGS="--n 400 --seed 7" for another sample)
synth: venv
	$(BIN)/python -m benchmarks.synthetic $(SYNTH_ARGS)

## synth-contracts: the contract stress generator: made-up agreements whose term, renewal
## and expiration are drafted in many ways, scored per field and drafting form
## (SYNTH_ARGS="--n 400 --seed 7" for another sample)
synth-contracts: venv
	$(BIN)/python -m benchmarks.synth_contracts $(SYNTH_ARGS)

## eval-learning: vendors' documents in order, each corrected from its labels; KEY accuracy
## on their later documents with and without learning, corrections per 100 documents
eval-learning: venv
	@scripts/sysdeps $(SYSDEPS_EVAL)
	$(BIN)/python -m benchmarks.learning $(EVAL)

$(PEER_STAMP):
	$(PYTHON) -m venv $(PEER)
	$(PEER)/bin/python -m pip install --quiet --upgrade pip
	$(PEER)/bin/python -m pip install --quiet '$(PEER_PACKAGE)'
	rm -f $(PEER)/.installed-*
	touch $@

## eval-peer: invoice2data (its bundled templates) scored on the same files, next to Intake
eval-peer: venv $(PEER_STAMP)
	@scripts/sysdeps $(SYSDEPS_PEER)
	$(PEER)/bin/python benchmarks/peer_run.py $(EVAL)/dev benchmarks/out/invoice2data-dev.jsonl
	$(BIN)/python -m benchmarks.peer $(EVAL)

clean:
	rm -rf $(VENV) $(PEER) .mypy_cache .ruff_cache .pytest_cache
