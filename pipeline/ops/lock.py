"""One run at a time: an exclusive POSIX record lock (`fcntl.lockf`) on a file next to the database.

    with RunLock.acquire(lock_path(database), command="run"):
        ...  # scrape, extract, report

The kernel drops the lock when its process exits, however it exits (even SIGKILL), so a lock left
by a dead process is never in the way: the next `acquire` takes it over and reports the previous
holder as `recovered` (stale-lock recovery). Record locks belong to the process, not to the open
file, so extraction workers forked during a run do not inherit the lock and cannot keep it alive
after their parent died. The file records who holds the lock (pid, hostname, command, start time)
so that a refused second run can say which process it waits for and since when. The file is
emptied on release but never deleted: deleting a locked file lets two processes lock two
different files of the same name.

Record locks are released when the process closes *any* descriptor of the file, so a process never
opens a lock file it holds: `_HELD` answers for those.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from jobtrends.pipeline.errors import PipelineError

_BUSY = (errno.EACCES, errno.EAGAIN)
RUN_LOCK = "run"
SCHEDULER_LOCK = "schedule"


class RunLockedError(PipelineError):
    """Another live process holds the lock."""

    def __init__(self, path: Path | str, holder: LockHolder | None, kind: str = "lock file"):
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "a process that recorded no details"
        super().__init__(
            f"another jobtrends process is active: {who}; wait for it to finish or stop it "
            f"({kind} {path})"
        )


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    hostname: str
    command: str
    started_at: str

    def describe(self) -> str:
        return (
            f"`jobtrends {self.command}` as pid {self.pid} on {self.hostname}, "
            f"running since {self.started_at}"
        )


def lock_path(database: Path, name: str = RUN_LOCK) -> Path:
    """The lock file of `database`: `<database>.<name>.lock` in the same folder."""
    return database.with_name(f"{database.name}.{name}.lock")


def read_holder(path: Path) -> LockHolder | None:
    """Who the lock file says holds (or last held) the lock; None for a missing or empty file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_holder(text)


def parse_holder(text: str) -> LockHolder | None:
    """The holder a lock's JSON text records; None when it records none."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    pid, host = data.get("pid"), data.get("hostname")
    command, started = data.get("command"), data.get("started_at")
    if not isinstance(pid, int) or isinstance(pid, bool):
        return None
    if not all(isinstance(value, str) for value in (host, command, started)):
        return None
    return LockHolder(pid, str(host), str(command), str(started))


_HELD: dict[Path, LockHolder] = {}
"""Lock files this process holds, by resolved path."""


def active_holder(path: Path) -> LockHolder | None:
    """The holder of the lock if some process holds it right now, else None (never blocks)."""
    key = path.resolve()
    if key in _HELD:
        return _HELD[key]
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in _BUSY:
            raise
        return read_holder(path) or LockHolder(0, "?", "?", "?")
    finally:
        os.close(fd)
    return None


class RunLock:
    """A held lock; release it with `release()` or by leaving the `with` block."""

    def __init__(self, path: Path, fd: int, holder: LockHolder, recovered: LockHolder | None):
        self.path = path
        self.holder = holder
        self.recovered = recovered
        """The previous holder when it died without releasing the lock (a crash), else None."""
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path, *, command: str, now: datetime | None = None) -> RunLock:
        """Take the lock or raise `RunLockedError` naming the live holder (never waits)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        key = path.resolve()
        if key in _HELD:
            raise RunLockedError(path, _HELD[key])
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            os.close(fd)
            if exc.errno in _BUSY:
                raise RunLockedError(path, holder) from None
            raise
        previous = parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        holder = LockHolder(os.getpid(), socket.gethostname(), command, moment)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(holder)).encode("utf-8"), 0)
        _HELD[key] = holder
        return cls(key, fd, holder, previous)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            _HELD.pop(self.path, None)
            os.close(self._fd)  # closing drops the record lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
