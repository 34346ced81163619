"""The wheel holds every subpackage and data file, and no stray top-level packages."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("overleg-*.whl")
    return zipfile.ZipFile(path)


def _names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapping = config["package-dir"]
    for package, folder in mapping.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            name = ".".join([package, *relative.parts]) if relative.parts else package
            assert name in listed, f"{name} ({init.parent}) is not listed in pyproject packages"


def test_wheel_holds_every_subpackage(wheel: zipfile.ZipFile) -> None:
    names = _names(wheel)
    for package in ("overleg", "overleg/commands", "overleg/ontology", "overleg/ingest",
                    "overleg/store", "overleg/queries", "overleg/visualise"):
        assert f"{package}/__init__.py" in names, package


def test_wheel_holds_data_files(wheel: zipfile.ZipFile) -> None:
    names = _names(wheel)
    expected = [p.relative_to(ROOT) for pattern in ("ontology/*.ttl", "ontology/reference/*.ttl",
                                                    "queries/*.rq", "visualise/templates/*")
                for p in ROOT.glob(pattern)]
    assert expected
    for path in expected:
        inside = "overleg/" + str(path)
        assert inside in names, f"{inside} missing from the wheel"
    assert "overleg/examples/lovp-2017-04-10.txt" in names
    assert "overleg/examples/lovp-2017-04-10.gold.json" in names


def test_wheel_has_no_stray_top_level_packages(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/", 1)[0] for name in _names(wheel)}
    for stray in ("ingest", "queries", "ontology", "visualise", "store", "app", "tests"):
        assert stray not in tops
    assert "overleg" in tops


def test_console_script_is_declared(wheel: zipfile.ZipFile) -> None:
    entry = next(n for n in _names(wheel) if n.endswith("entry_points.txt"))
    assert "overleg = overleg.cli:main" in wheel.read(entry).decode()
