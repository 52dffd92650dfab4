"""`make screenshots`: the README's pictures, taken of the demo site in headless Chromium."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.slow
SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_picture_is_a_png_of_the_viewport(demo_report: Path, tmp_path: Path) -> None:
    screenshots = _script()
    written = screenshots.take_screenshots(demo_report, tmp_path)
    assert [p.name for p in written] == list(screenshots.SHOTS.values())
    for path in written:
        data = path.read_bytes()
        assert data[:8] == PNG_SIGNATURE
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert (width, height) == (1280, 1000)
        assert len(data) > 30_000  # drawn charts, not a blank page


def test_a_missing_report_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make demo"):
        _script().take_screenshots(tmp_path, tmp_path / "out")
