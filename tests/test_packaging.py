"""Project set-up: dependency lists agree, commands and docs stay true."""

from __future__ import annotations

import re
import tomllib

import yaml

from toolkit import schema

from conftest import ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(req: str) -> str:
    return re.sub(r"\s+", "", req.strip()[len(_name(req)):])


def test_environment_yml_lists_the_same_runtime_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_deps = {_name(d): _spec(d) for d in conda if _name(d) not in ("python", "pip")}
    pip_deps = {_name(d): _spec(d) for d in project["dependencies"]}
    assert conda_deps == pip_deps
    python = [d for d in conda if _name(d) == "python"]
    assert python and _spec(python[0]) == project["requires-python"]
    assert "conda-forge" in env["channels"]


def test_project_identity():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "discourse-toolkit" and project["requires-python"] == ">=3.11"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    assert "make test" in readme and "make analysis" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test:", makefile, re.M) and re.search(r"^analysis:", makefile, re.M)


def test_readme_data_dictionary_is_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- data-dictionary:start -->") + len("<!-- data-dictionary:start -->")
    end = readme.index("<!-- data-dictionary:end -->")
    assert readme[start:end].strip() == schema.data_dictionary_markdown().strip(), (
        "README data dictionary is out of date: paste the output of `python -m toolkit dictionary`")


def test_nothing_downloads_in_the_package():
    for path in (ROOT / "toolkit").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "nltk.download" not in src and "download_corpora" not in src, path


def test_interview_sidecar_is_complete():
    meta = yaml.safe_load((ROOT / "data/raw/alimov_sco_interview.meta.yaml").read_text(encoding="utf-8"))
    assert {"title", "source", "date", "speakers"} <= set(meta)
    for sp in meta["speakers"]:
        assert {"label", "name", "role", "affiliation"} <= set(sp)


def test_ci_installs_debians_chromium_before_the_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in ci and "chromium" in ci
    assert ci.index("apt-get install") < ci.index("\nmake test")
    assert "playwright install" not in ci   # no downloaded browser


def test_readme_gallery_images_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\((docs/gallery/[^)]+\.png)\)", readme)
    assert len(images) >= 10
    for img in images:
        path = ROOT / img
        assert path.is_file() and 2_000 < path.stat().st_size < 200_000, img
