"""One read of a file for everything validation asks of its bytes.

Two layers need a table's bytes and nothing else: frictionless, whether it has the sha256 and
size the descriptor records, and the shape checks, whether it is CSV of the expected shape
(UTF-8, no byte-order mark, LF line ends, the schema's header). At national scale the tables hold
gigabytes, so each file is read once, in blocks (memory stays flat), and the answer kept for the
rest of the validation run: the layers ask for it apart and pay once.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

# 64 KiB: decoding and hashing blocks that stay in the CPU cache runs about twice as fast as
# in 16 MiB blocks.
BLOCK = 1 << 16


@dataclass(frozen=True)
class FileScan:
    sha256: str
    size: int
    byte_order_mark: bool
    carriage_return_line: int | None  # the line of the first CR, if any
    utf8_error: str | None  # where the bytes stop being UTF-8, if they do
    header: bytes  # the first line, without its newline


_scans: dict[tuple, FileScan] = {}


def forget() -> None:
    """Drop every kept scan: a validation run starts with this, so an edit made between two runs
    is always read, however coarse the file system's clock."""
    _scans.clear()


def scan(path: Path) -> FileScan:
    """The file's scan, read now or kept from an earlier call (since `forget`) on the same file."""
    status = path.stat()
    key = (str(path.resolve()), status.st_ino, status.st_mtime_ns, status.st_ctime_ns, status.st_size)
    if key not in _scans:
        _scans[key] = _read(path)
    return _scans[key]


def _read(path: Path) -> FileScan:
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    header, lines, offset = b"", 0, 0
    byte_order_mark, carriage_return, utf8_error = False, None, None
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            digest.update(block)
            if b"\n" not in header:  # the header line, however many blocks it spans
                header += block
            if offset == 0:
                byte_order_mark = block.startswith(b"\xef\xbb\xbf")
            if carriage_return is None and b"\r" in block:
                carriage_return = lines + block[: block.index(b"\r")].count(b"\n") + 1
            if utf8_error is None:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    # error.object holds the bytes the decoder kept from the last block, then this one
                    held = len(error.object) - len(block)
                    line = lines + error.object[: error.start].count(b"\n") + 1
                    utf8_error = (f"byte 0x{error.object[error.start]:02x} at offset "
                                  f"{offset - held + error.start} (line {line})")
            lines += block.count(b"\n")
            offset += len(block)
    if utf8_error is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_error = f"the file ends inside a character (offset {offset})"
    return FileScan(digest.hexdigest(), offset, byte_order_mark, carriage_return, utf8_error,
                    header.split(b"\n", 1)[0])
