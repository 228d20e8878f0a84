"""The conda environment.yml and pyproject.toml declare the same dependencies."""

import re

import tomllib
import yaml

from helpers import config

# Conda names that differ from the PyPI names.
CONDA_NAMES = {"dask[distributed]": ["dask", "distributed"]}


def _name(spec: str) -> str:
    # PyPI and conda-forge spell some names with _ or - (jupyter_client / jupyter-client): compare folded.
    return re.split(r"[<>=!~ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_dependency_lists_agree():
    py = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pypi = set()
    for spec in py["dependencies"] + py["optional-dependencies"]["dev"]:
        name = _name(spec)
        pypi.update(CONDA_NAMES.get(name, [name]))
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.update(_name(d) for d in dep["pip"] if not d.startswith("-"))
        else:
            conda.add(_name(dep))
    conda -= {"python", "pip"}
    assert pypi == conda | pip
    assert "conda-forge" in env["channels"]
