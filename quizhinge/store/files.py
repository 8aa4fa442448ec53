"""The database file itself, before and after SQLite: what cannot be ours is
refused unread, and a damaged file is closed without being written.
"""

from __future__ import annotations

import sqlite3
import stat
import struct
from pathlib import Path

from quizhinge.store.errors import TRUNCATED, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
LOW_DISK_BYTES = 1 << 20  # an I/O error with less free space than this: disk full


def check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, anything that cannot be our database:
    a folder, a device (SQLite would put its journal beside /dev/full), a
    FIFO (opening it would wait forever), a file not SQLite's, a truncated one.
    """
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (or a path SQLite will say it cannot make)
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path}: is a folder, not a quizhinge database")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: is not a regular file, so not a quizhinge database")
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    if info.st_size == 0:
        return  # an empty file is an empty database
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path}: not a quizhinge database (not an SQLite file)")
    if len(header) < 100:
        raise StoreError(TRUNCATED.format(path=path), "damaged")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (pages,) = struct.unpack(">I", header[28:32])
    wal = Path(f"{path}-wal")
    checkpointing = wal.exists() and wal.stat().st_size > 0  # may be growing it
    if info.st_size < page_size * pages and not checkpointing:
        raise StoreError(TRUNCATED.format(path=path), "damaged")


def close_untouched(conn: sqlite3.Connection, path: Path) -> None:
    """Close `conn` without SQLite's checkpoint on close.

    The last connection to close copies the write-ahead log into the file; a
    read-only connection held open meanwhile makes this one not the last, and
    a read-only connection never writes. With no log to copy, the plain close
    writes nothing to the file, and tidies the -wal and -shm files away."""
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        conn.close()
        return
    try:
        guard = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        guard.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        conn.close()  # nothing can read it: nothing can checkpoint into it
        return
    conn.close()
    guard.close()


def remove_database_files(path: Path) -> None:
    """Remove a database this process created but could not finish."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def disk_low(path: Path) -> bool:
    """True when the database's disk has (almost) no room left: SQLite
    reports a full disk as an I/O error when it cannot grow its -shm."""
    import shutil

    try:
        return shutil.disk_usage(path.absolute().parent).free < LOW_DISK_BYTES
    except OSError:
        return False
