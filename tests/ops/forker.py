"""Start many `jobtrends` CLI processes fast, so a test can SIGKILL dozens of them.

Importing the CLI costs seconds (pandas, spaCy); paying that for each of 20+ killed runs would
make the crash test take minutes. `Forker` starts one helper process that imports
`jobtrends.pipeline.cli.main` once and then forks a child per request; each child runs the real
`jobtrends` entry point with the given arguments in its own process, with its own stdout/stderr
file, and can be killed like any subprocess. Run as a script, this file is that helper: it reads
one JSON request per line on stdin and answers one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any


def _child(argv: list[str], log: str) -> None:
    """In the forked child: run the CLI with `argv`, then exit with its status (never returns)."""
    code = 70
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        from jobtrends.pipeline.cli import main

        sys.argv = ["jobtrends", *argv]
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _serve(requests: IO[str], replies: IO[str]) -> None:
    import jobtrends.pipeline.cli.main  # noqa: F401  (the expensive import, done once)

    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in requests:
        request = json.loads(line)
        if request["op"] == "run":
            replies.flush()
            pid = os.fork()
            if pid == 0:
                _child(request["argv"], request["log"])
            answer: dict[str, Any] = {"pid": pid}
        else:
            _, status = os.waitpid(request["pid"], 0)
            answer = {"returncode": os.waitstatus_to_exitcode(status)}
        replies.write(json.dumps(answer) + "\n")
        replies.flush()


class Forker:
    """Client of the helper process: `start(argv, log)` returns a pid, `wait(pid)` its
    return code (negative: killed by that signal, as in `subprocess`)."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env=env,
        )
        assert self._read() == {"ready": True}

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        return self._read()

    def _read(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the forker helper died")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def start(self, argv: list[str], log: Path) -> int:
        return int(self._ask({"op": "run", "argv": argv, "log": str(log)})["pid"])

    def wait(self, pid: int) -> int:
        return int(self._ask({"op": "wait", "pid": pid})["returncode"])

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> Forker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


if __name__ == "__main__":
    _serve(sys.stdin, sys.stdout)
