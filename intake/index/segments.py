"""What a search reads from each index segment for every document at once, kept per segment.

A Whoosh segment never changes once written (only which of its documents are deleted
does), so the arrays read from it are kept, keyed by the segment's id, for as long as the
segment is in use: the database ids, the columns that conditions, facets and sorting read
(type, vendor, issue and due dates, total), each text field's lengths (for scoring) and the
posting lists of the terms searched most recently. Reading a column is one read of its
bytes, not one per document.

The column and posting formats read here are Whoosh's own (``whoosh.columns``, the
``whoosh3`` codec); when an object is not of the expected kind, the slower public
iteration is used instead.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

__all__ = ["NO_DAY", "NO_VENDOR", "NO_YEAR", "SegmentCache", "SegmentValues", "TypeCodes"]

#: A missing date, as a day number (``date.toordinal()`` starts at 1).
NO_DAY = 0
#: A document without a vendor.
NO_VENDOR = -1
#: A document without an issue date has no year.
NO_YEAR = 0
_EPOCH = dt.datetime(1970, 1, 1)
_DAY_US = 86_400_000_000  # Whoosh stores datetimes as microseconds
_BLOCK_LENGTH = struct.Struct("!i")  # Whoosh's write_int: signed, big-endian
_LENGTHS = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


class TypeCodes:
    """Document types as small integers, the same across segments (0 is "no type")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.names: list[str] = [""]
        self._codes: dict[str, int] = {"": 0}

    def code(self, name: str) -> int:
        with self._lock:
            if (code := self._codes.get(name)) is None:
                code = self._codes[name] = len(self.names)
                self.names.append(name)
            return code


@dataclass
class SegmentValues:
    """The per-document arrays of one segment, indexed by document number."""

    ids: IntArray  # database id
    doc_type: IntArray  # TypeCodes code
    vendor_id: IntArray  # NO_VENDOR when there is none
    issue_day: IntArray  # date.toordinal(), NO_DAY when missing
    issue_year: IntArray  # NO_YEAR when missing
    due_day: IntArray
    total: IntArray  # in ten-thousandths
    has_total: BoolArray
    lengths: dict[str, FloatArray] = field(default_factory=dict)


def _fixed_width(reader: Any, count: int, default: int) -> IntArray:
    """All values of a fixed-width numeric column reader as int64 (raw sortable values)."""
    try:
        fixedlen, typecode, stored = reader._fixedlen, reader._typecode, reader._count
        raw = reader._dbfile.get(reader._basepos, stored * fixedlen)
        values = np.frombuffer(raw, dtype=np.dtype(">" + typecode))
    except AttributeError:
        values = np.fromiter(iter(reader), dtype=np.uint64, count=count)
    out = np.full(count, default, dtype=np.uint64)
    out[: len(values)] = values[:count]
    return out.view(np.int64)


def _integers(reader: Any, count: int) -> IntArray:
    """A column of integers written as text (the ``id`` field), read as one block."""
    try:
        offsets, lengths = reader._offsets, reader._lengths
        ends = np.asarray(offsets, dtype=np.int64) + np.asarray(lengths, dtype=np.int64)
        size = int(ends.max()) if len(ends) else 0
        blob = reader._dbfile.get(reader._basepos, size)
        values = (int(blob[o : o + n]) if n else 0 for o, n in zip(offsets, lengths, strict=True))
    except AttributeError:
        values = (int(v or 0) for v in reader)
    return np.fromiter(values, dtype=np.int64, count=count)


def _column(segreader: Any, fieldname: str) -> Any:
    if not segreader.has_column(fieldname):
        return None
    return segreader.column_reader(fieldname, translate=False)


def _numbers(
    segreader: Any, schema: Any, fieldname: str, count: int, zero: Any = 0
) -> tuple[IntArray, BoolArray]:
    """A NUMERIC or DATETIME column as numbers counted from ``zero``, and which documents
    have a value at all."""
    fieldobj = schema[fieldname]
    default = fieldobj.column_type.default_value()
    reader = _column(segreader, fieldname)
    if reader is None:
        return np.zeros(count, dtype=np.int64), np.zeros(count, dtype=np.bool_)
    raw = _fixed_width(reader, count, default).view(np.uint64)
    known = raw != np.uint64(default)
    # Sortable values are the numbers shifted by a constant: subtracting the shifted zero
    # (in wrapping unsigned arithmetic) gives the numbers back.
    values = (raw - np.uint64(fieldobj.to_column_value(zero))).view(np.int64)
    return values, known


def _days(segreader: Any, schema: Any, fieldname: str, count: int) -> IntArray:
    values, known = _numbers(segreader, schema, fieldname, count, zero=_EPOCH)
    days = values // _DAY_US + _EPOCH.toordinal()
    return np.where(known, days, NO_DAY)


def _years(days: IntArray) -> IntArray:
    known = days != NO_DAY
    since_1970 = np.where(known, days - _EPOCH.toordinal(), 0).astype("datetime64[D]")
    years = since_1970.astype("datetime64[Y]").astype(np.int64) + 1970
    return np.where(known, years, NO_YEAR)


def _doc_types(segreader: Any, count: int, codes: TypeCodes) -> IntArray:
    reader = _column(segreader, "doc_type")
    if reader is None:
        return np.zeros(count, dtype=np.int64)
    try:
        uniques = reader._uniques
        raw = reader._dbfile.get(reader._basepos, reader._doccount * reader._itemsize)
        refs = np.frombuffer(raw, dtype=np.dtype(">" + reader._typecode)).astype(np.int64)
        table = np.array([codes.code(u.decode("utf-8")) for u in uniques], dtype=np.int64)
        return table[refs]
    except AttributeError:
        return np.fromiter(
            (codes.code(v.decode("utf-8")) for v in reader), dtype=np.int64, count=count
        )


def read_values(segreader: Any, schema: Any, codes: TypeCodes) -> SegmentValues:
    count = segreader.doc_count_all()
    id_reader = _column(segreader, "id")
    ids = _integers(id_reader, count) if id_reader is not None else np.zeros(count, np.int64)
    vendor, has_vendor = _numbers(segreader, schema, "vendor_id", count)
    total, has_total = _numbers(segreader, schema, "total", count)
    issued = _days(segreader, schema, "issue_date", count)
    return SegmentValues(
        ids=ids,
        doc_type=_doc_types(segreader, count, codes),
        vendor_id=np.where(has_vendor, vendor, NO_VENDOR),
        issue_day=issued,
        issue_year=_years(issued),
        due_day=_days(segreader, schema, "due_date", count),
        total=total,
        has_total=has_total,
    )


def read_lengths(segreader: Any, fieldname: str) -> FloatArray:
    """Each document's length in ``fieldname`` (as Whoosh stores it: one byte, rounded)."""
    count = segreader.doc_count_all()
    perdoc = segreader._perdoc
    lenfield = f"_{fieldname}_len"
    if not perdoc.has_column(lenfield):
        return np.ones(count, dtype=np.float64)
    reader = perdoc.column_reader(lenfield, LENGTHS_COLUMN)
    return _LENGTHS[_fixed_width(reader, count, 0)]


Postings = tuple[NDArray[np.int32], NDArray[np.float32]]


Block = tuple[int, Callable[[], Any]]  # (last document number, loader of its data tuple)


def _read_blocks(m: Any) -> Iterator[Block]:
    """Each block of one term's postings in the ``whoosh3`` format: its last document
    number and a loader of its data, one pickled (and compressed) tuple of id deltas,
    weights and values. The whole posting list is read at once (one read, not several per
    block) and a block's data is decoded only when loaded. Falls back to the matcher's own
    block reading if the bytes are not as expected."""
    size = m._length  # Whoosh reads it back from the term info as a 1-tuple
    size = size[0] if isinstance(size, tuple) else size
    raw = m._postfile.get(m._startoffset, size) if isinstance(size, int) else b""
    if len(raw) != size or raw[:4] != WHOOSH3_HEADER_MAGIC:
        yield from _read_blocks_slowly(m)
        return
    stream = io.BytesIO(raw)
    pos = 4
    while True:
        (length,) = _BLOCK_LENGTH.unpack_from(raw, pos)
        end = pos + _BLOCK_LENGTH.size + abs(length)
        stream.seek(pos + _BLOCK_LENGTH.size)
        info = pickle.load(stream)  # count, last id, max weight, compression, lengths
        data = raw[stream.tell() : end]
        yield info[1], partial(_load_block, data, bool(info[3]))
        if length < 0:  # the last block
            return
        pos = end


def _load_block(data: bytes, compressed: bool) -> Any:
    return pickle.loads(zlib.decompress(data) if compressed else data)


def _read_blocks_slowly(m: Any) -> Iterator[Block]:
    def load() -> Any:
        if m._data is None:
            m._read_data()
        return m._data

    while True:
        yield m._maxid, load
        if m._lastblock:
            return
        m._goto(m._nextoffset)


def _leaf_postings(segreader: Any, fieldname: str, text: bytes) -> Any:
    """The matcher of one term's postings as they are stored, deleted documents included:
    Whoosh wraps it in a ``FilterMatcher`` once a segment has deletions (every correction
    leaves one), which has neither the format nor the blocks read here. Deleted documents
    are masked out once, after the whole query (``match_query``)."""
    m = segreader.postings(fieldname, text)
    while isinstance(m, FilterMatcher):
        m = m.child
    return m


def read_postings(segreader: Any, fieldname: str, text: bytes) -> Postings:
    """The document numbers and weights of one term's postings in one segment."""
    if (fieldname, text) not in segreader:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    m = _leaf_postings(segreader, fieldname, text)
    ids: list[int] = []
    weights: list[float] = []
    if type(m) is W3LeafMatcher and not m._byteids:
        for _, load in _read_blocks(m):
            deltas, w = load()[:2]
            ids.extend(accumulate(deltas))
            if w is None or isinstance(w, float):
                weights.extend([1.0 if w is None else w] * len(deltas))
            else:
                weights.extend(w)
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    # Kept compact (Whoosh's weights are single-precision floats already).
    return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)


def read_positions(
    segreader: Any, fieldname: str, text: bytes, wanted: NDArray[np.int64]
) -> dict[int, list[int]]:
    """The positions of one term in each of the ``wanted`` documents (sorted document
    numbers) that contain it; only the posting blocks holding them are decoded."""
    out: dict[int, list[int]] = {}
    if not len(wanted) or (fieldname, text) not in segreader:
        return out
    m = _leaf_postings(segreader, fieldname, text)
    decode = m.format.decoder("positions")
    targets = [int(d) for d in wanted]
    i = 0
    if type(m) is W3LeafMatcher and not m._byteids and not m._fixedsize:
        for last, load in _read_blocks(m):
            if i == len(targets):
                break
            if last < targets[i]:  # nothing wanted in this block: its data is not decoded
                continue
            deltas, _, values = load()
            where = {d: k for k, d in enumerate(accumulate(deltas))}
            while i < len(targets) and targets[i] <= last:
                if (k := where.get(targets[i])) is not None:
                    out[targets[i]] = decode(values[k])
                i += 1
        return out
    for doc in targets:
        if not m.is_active():
            break
        m.skip_to(doc)
        if m.is_active() and m.id() == doc:
            out[doc] = m.value_as("positions")
    return out


class SegmentCache:
    """Arrays read from segments, shared by all threads of one :class:`SearchIndex`.

    Values and lengths are kept for the segments in use (the oldest are dropped beyond
    ``segments``); postings are kept for the terms used most recently, up to ``postings``
    entries in all (8 bytes each).
    """

    def __init__(self, *, segments: int = 64, postings: int = 4_000_000) -> None:
        self.codes = TypeCodes()
        self._lock = threading.Lock()
        self._values: OrderedDict[str, SegmentValues] = OrderedDict()
        # (segment, field, term) -> postings; (segment, field, (words...)) -> a phrase's
        # documents (its weights empty)
        self._postings: OrderedDict[tuple[str, str, bytes | tuple[bytes, ...]], Postings]
        self._postings = OrderedDict()
        self._posting_count = 0
        self._max_segments = segments
        self._max_postings = postings

    def values(self, segreader: Any, schema: Any) -> SegmentValues:
        key = segreader.segment().segment_id()
        with self._lock:
            if (found := self._values.get(key)) is not None:
                self._values.move_to_end(key)
                return found
        values = read_values(segreader, schema, self.codes)
        with self._lock:
            self._values[key] = values
            while len(self._values) > self._max_segments:
                self._values.popitem(last=False)
        return values

    def lengths(self, segreader: Any, schema: Any, fieldname: str) -> FloatArray:
        values = self.values(segreader, schema)
        if (found := values.lengths.get(fieldname)) is None:
            found = values.lengths[fieldname] = read_lengths(segreader, fieldname)
        return found

    def postings(self, segreader: Any, fieldname: str, text: bytes) -> Postings:
        key = (segreader.segment().segment_id(), fieldname, text)
        with self._lock:
            if (found := self._postings.get(key)) is not None:
                self._postings.move_to_end(key)
                return found
        found = read_postings(segreader, fieldname, text)
        with self._lock:
            if key not in self._postings:
                self._postings[key] = found
                self._posting_count += len(found[0])
            while self._posting_count > self._max_postings and len(self._postings) > 1:
                _, (old, _w) = self._postings.popitem(last=False)
                self._posting_count -= len(old)
        return found

    def phrase(
        self,
        segreader: Any,
        fieldname: str,
        words: tuple[bytes, ...],
        find: Callable[[], NDArray[np.int32]],
    ) -> NDArray[np.int32]:
        """The documents of one segment where ``words`` stand next to each other, found by
        ``find`` the first time and then kept with the postings (in the same budget)."""
        key = (segreader.segment().segment_id(), fieldname, words)
        with self._lock:
            if (found := self._postings.get(key)) is not None:
                self._postings.move_to_end(key)
                return found[0]
        docs = find()
        with self._lock:
            if key not in self._postings:
                self._postings[key] = (docs, np.zeros(0, dtype=np.float32))
                self._posting_count += len(docs)
            while self._posting_count > self._max_postings and len(self._postings) > 1:
                _, (old, _w) = self._postings.popitem(last=False)
                self._posting_count -= len(old)
        return docs

    @property
    def posting_count(self) -> int:
        """How many postings are kept now."""
        return self._posting_count

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._postings.clear()
            self._posting_count = 0
