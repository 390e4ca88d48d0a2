"""The one read of a file that validation makes, block by block, says what reading the whole file
at once says: its hash and size, a byte-order mark, the line of its first CR, where its bytes stop
being UTF-8 (offset, byte and line) and its header. Blocks are made a few bytes long so that
characters, CRs and line ends fall across their boundaries. Derandomized."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from immigration_cooperation import file_scan

PARTS = [b"a", b"b,c", b"\n", b"\r\n", b"\r", "é".encode(), "—".encode(), "🙂".encode(),
         b"\xef\xbb\xbf", b"\xe9", b"\x80", "—".encode()[:2], b"\xed\xa0\x80"]  # the last three: not UTF-8


def whole_file_answer(data: bytes) -> file_scan.FileScan:
    carriage_return = data.find(b"\r")
    utf8_error = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            utf8_error = f"the file ends inside a character (offset {len(data)})"
        else:
            line = data[:error.start].count(b"\n") + 1
            utf8_error = f"byte 0x{data[error.start]:02x} at offset {error.start} (line {line})"
    return file_scan.FileScan(hashlib.sha256(data).hexdigest(), len(data), data.startswith(b"\xef\xbb\xbf"),
                              None if carriage_return < 0 else data[:carriage_return].count(b"\n") + 1,
                              utf8_error, data.split(b"\n", 1)[0])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("scans")


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=40), st.integers(1, 7))
def test_a_file_read_in_blocks_is_described_as_the_whole_file_describes_it(folder, parts, block):
    data = b"".join(parts)
    path = folder / "table.csv"
    path.write_bytes(data)
    original = file_scan.BLOCK
    file_scan.BLOCK = block
    try:
        scanned = file_scan._read(path)
    finally:
        file_scan.BLOCK = original
    assert scanned == whole_file_answer(data)
