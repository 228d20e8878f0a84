# welfare-eval: the steps of the pipeline, by name.
#   make reports  — set up (if needed), extract, render every region's report, index and overview
#   make test     — set up (if needed) and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The notebooks' kernel, registered inside the venv (no user-wide change): JupyterLab, papermill and the
# tests find it on a fresh machine after `make setup` / `make test`.
KERNEL := $(VENV)/share/jupyter/kernels/welfare-eval/kernel.json

.PHONY: setup test reports extract lab bench bench-scale clean lint

# The venv is rebuilt when it is missing or older than the dependency declaration.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name welfare-eval --display-name "Python (welfare-eval)"

setup: $(STAMP) $(KERNEL)

test: $(STAMP) $(KERNEL)
	$(BIN)/python -m pytest

extract: $(STAMP)
	$(BIN)/welfare-eval extract

reports: $(STAMP) $(KERNEL)
	$(BIN)/welfare-eval run

lab: $(STAMP) $(KERNEL)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) $(KERNEL)
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/convert_bench.py

bench-scale: $(STAMP)
	$(BIN)/python bench/scale_bench.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv data/interim reports/*.html reports/notebooks reports/manifest.json
	rm -rf .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
