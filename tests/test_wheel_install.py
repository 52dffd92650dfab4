"""The built wheel carries everything the code needs: install it into a clean venv and use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# What setuptools says when packaging goes wrong: a data folder that is not a package, a package
# missing from the list, deprecated configuration.
PACKAGING_WARNINGS = ("Warning", "deprecated", "would be ignored", "!!")
# distutils' notes when PYTHONDONTWRITEBYTECODE is set, which are not about the package.
HARMLESS = ("byte-compiling is disabled",)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--verbose",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = dist.glob("jobtrends-*.whl")
    return built, done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(built: tuple[Path, str]) -> Path:
    return built[0]


def test_building_the_wheel_emits_no_packaging_warning(built: tuple[Path, str]) -> None:
    lines = [
        line
        for line in built[1].splitlines()
        if any(word in line for word in PACKAGING_WARNINGS)
        and not any(note in line for note in HARMLESS)
        and "Location 'file:" not in line  # pip's note on this machine's local index settings
    ]
    assert not lines, "\n".join(lines)


def test_wheel_contains_package_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "jobtrends/pipeline/cli/main.py" in names
    assert any(
        n.startswith("jobtrends/pipeline/nlp/taxonomy/") and n.endswith(".toml") for n in names
    )
    assert any(n.startswith("jobtrends/reports/templates/") for n in names)
    assert "jobtrends/reports/static/site.css" in names
    assert "jobtrends/reports/analysis/default_claims.toml" in names
    assert any(
        n.startswith("jobtrends/pipeline/evaluation/") and n.endswith(".jsonl") for n in names
    )
    assert {"jobtrends/scraper/py.typed", "jobtrends/pipeline/py.typed"} <= set(names)
    assert not any(n.startswith(("scraper/", "pipeline/", "reports/", "tests/")) for n in names)


def test_wheel_runs_in_a_clean_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from this test run's environment through a plain path entry, which does
    # not run that environment's editable-install hook: jobtrends itself comes from the wheel only.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = env_dir / "bin" / "jobtrends"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    where = subprocess.run(
        [str(python), "-c", "import jobtrends.pipeline.cli as c; print(c.__file__)"],
        cwd=outside,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(site)), where

    help_text = subprocess.run(
        [str(script), "--help"], cwd=outside, env=env, check=True, capture_output=True, text=True
    ).stdout
    assert "demo" in help_text and "analyze" in help_text

    listed = subprocess.run(
        [str(script), "taxonomy", "--format", "json"],
        cwd=outside,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    skills = json.loads(listed)
    assert len(skills) > 100
    assert {"id", "name", "category", "aliases"} <= set(skills[0])
