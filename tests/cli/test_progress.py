import io
import sys

import pytest

from jobtrends.pipeline.cli.context import progress_bar


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    with progress_bar("extracting", 100, quiet=False) as advance:
        advance(50)
        advance(50)
    assert captured.getvalue() == ""


def test_drawn_on_a_terminal_unless_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("extracting", 10, quiet=False) as advance:
        advance(10)
    assert "extracting" in terminal.getvalue()

    quiet = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    with progress_bar("extracting", 10, quiet=True) as advance:
        advance(10)
    assert quiet.getvalue() == ""
