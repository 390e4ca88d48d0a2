"""Candidate passages: which sentences of one registered source may bear on which dimension.

It suggests; it never codes. For a source in `scripts/sources.py` (coded or not, built or not) it
splits the article text between the body markers into sentences (a line of its own, such as a
bullet, is always its own passage), and says of each: the dimensions its words may speak to and
the cue phrases that found them (`cue_phrases.py`), the jurisdictions, actors and places it names,
and which quotes of the last build already cite it. Offsets are Unicode code points into the
source file, end-exclusive, like every quote offset in the package.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import pysbd

from . import cue_phrases
from .codebook import DIMENSION_NAMES
from .evidence import QuoteError, fold, locate
from .identifiers import identifier_table
from .passage_names import NameIndex, Names
from .problems import unknown_value
from .schema import QUOTED_RESOURCES
from .worksheets import load_scripts

# The tables of the last build whose rows carry a quote, and the column naming each row.
CITING_TABLES = tuple((resource.name, resource.primary_key[0]) for resource in QUOTED_RESOURCES)
TABLE_COLUMNS = ["offsets", "dimensions", "names", "cited_by", "text"]
# A bullet glyph or list dash opening a line is layout, not part of the passage's words.
BULLET = re.compile(r"[\s\u2022\u2023\u25e6\u2043\u2219\u00b7*\-\u2013\u2014]*\s")
DOUBLE_QUOTES = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
CONTINUES_SENTENCE = re.compile(r"[a-z\-\u2013\u2014,;:)]")


class PassageError(ValueError):
    """A source or dimension that cannot be read; the message says what is closest."""


@dataclass(frozen=True)
class CueMatch:
    cue: str
    matched: str  # the sentence's own words that the cue matched
    continues: tuple[int, int] | None = None  # offsets of the sentence it continues, if inherited


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str
    dimensions: dict[str, tuple[CueMatch, ...]]
    names: Names
    cited_by: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "dimensions": {name: [asdict(match) for match in matches]
                               for name, matches in self.dimensions.items()},
                "names": self.names.to_dict(), "cited_by": list(self.cited_by)}


@dataclass(frozen=True)
class PassageReport:
    source_id: str
    path: str
    body: tuple[int, int]
    dimension: str | None
    sentences: tuple[Passage, ...]  # every sentence of the body, in order

    @property
    def flagged(self) -> tuple[Passage, ...]:
        """Sentences with at least one dimension (with `dimension` set: with that one)."""
        return tuple(passage for passage in self.sentences if self.dimension in passage.dimensions
                     or (self.dimension is None and passage.dimensions))

    @property
    def flagged_share(self) -> float:
        return len(self.flagged) / len(self.sentences) if self.sentences else 0.0

    def to_json(self, all_sentences: bool = False) -> str:
        shown = self.sentences if all_sentences else self.flagged
        document = {"source_id": self.source_id, "path": self.path, "body_start": self.body[0],
                    "body_end": self.body[1], "dimension": self.dimension,
                    "sentence_count": len(self.sentences), "flagged_count": len(self.flagged),
                    "flagged_share": round(self.flagged_share, 4),
                    "passages": [passage.to_dict() for passage in shown]}
        return json.dumps(document, ensure_ascii=False, indent=2)

    def table_rows(self, all_sentences: bool = False) -> list[tuple[str, str, str, str, str]]:
        """One row per passage, columns TABLE_COLUMNS, for `cli.emit`."""
        shown = self.sentences if all_sentences else self.flagged
        return [(f"{p.start}-{p.end}", _describe_dimensions(p), p.names.describe(),
                 "\n".join(p.cited_by), p.text) for p in shown]


def _describe_dimensions(passage: Passage) -> str:
    lines = []
    for name, matches in passage.dimensions.items():
        cues = "; ".join(f"\u201c{m.matched}\u201d ({m.cue})" if m.continues is None else
                         f"\u201c{m.matched}\u201d continues {m.continues[0]}-{m.continues[1]}"
                         for m in matches)
        lines.append(f"{name}: {cues}")
    return "\n".join(lines)


def candidate_passages(root: Path, source_id: str, dimension: str | None = None,
                       built: Path | None = None, with_names: bool = True) -> PassageReport:
    """Every sentence of the source's article text, with what it may speak to and whom it names.

    The source need only be registered in scripts/sources.py: nothing needs to be coded or built.
    With `dimension`, the report's `flagged` keeps the sentences that may speak to that one (each
    still shows every dimension it may speak to).
    """
    root = Path(root)
    if dimension is not None and dimension not in DIMENSION_NAMES:
        raise PassageError(unknown_value("dimension", dimension, DIMENSION_NAMES))
    registry, scripts = load_scripts(root)
    source = _registered_source(registry.items("SOURCES"), source_id)
    text = _read_source(root, source)
    body = _body(text, source)
    spans = sentence_spans(text, body)
    texts = [text[start:end] for start, end in spans]
    dimensions = _continued(texts, spans, [_cue_matches(sentence) for sentence in texts])
    # with_names=False: a caller that shows no names (the README's example) skips indexing the
    # 39,000 places of the identifier table
    names = NameIndex(scripts, identifier_table(root)) if with_names else None
    states = names.states_named(text[body[0]:body[1]]) if names else set()
    citations = _citations(built or root, source_id)  # `built`: a package whose data/ to read
    sentences = tuple(
        Passage(start, end, sentence, found, names.find(sentence, states) if names else Names(),
                _cited_by(citations, start, end))
        for (start, end), sentence, found in zip(spans, texts, dimensions))
    return PassageReport(source_id, source.path, body, dimension, sentences)


# ----- the source and its body -----

def _registered_source(sources: list, source_id: str):
    by_id = {source.source_id: source for source in sources}
    if source_id not in by_id:
        raise PassageError(unknown_value("source id", source_id, by_id) +
                           " (sources are registered in scripts/sources.py)")
    return by_id[source_id]


def _read_source(root: Path, source) -> str:
    path = root / source.path
    if not path.is_file():
        raise PassageError(f"{source.source_id}: the source file {source.path} is missing")
    # newline="" keeps the file's own line endings, so offsets match the quotes' offsets.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _body(text: str, source) -> tuple[int, int]:
    """The article text between the registry's body markers, as `compiler.py` reads it."""
    try:
        first = locate(text, source.body_starts_with)
        last = locate(text, source.body_ends_with)
    except QuoteError as error:
        raise PassageError(f"{source.source_id}: body marker: {error}") from None
    if last.end <= first.start:
        raise PassageError(f"{source.source_id}: body_ends_with comes before body_starts_with")
    return first.start, last.end


# ----- sentences -----

@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def sentence_spans(text: str, body: tuple[int, int]) -> list[tuple[int, int]]:
    """(start, end) of each sentence inside the body; no sentence crosses a line break."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\r\n]+", text[body[0]:body[1]]):
        line_start = body[0] + line.start()
        spans += [(line_start + start, line_start + end)
                  for start, end in _line_sentences(line.group())]
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    """Sentences of one line, each trimmed of surrounding spaces, quote marks and a bullet.

    pysbd never splits inside a quotation, and news articles quote whole paragraphs; double
    quote marks are blanked (same length, so offsets hold) before segmenting, so that each
    quoted sentence is a passage of its own.
    """
    blanked = DOUBLE_QUOTES.sub(" ", line)
    bullet = BULLET.match(blanked)
    offset = bullet.end() if bullet else 0
    pieces: list[tuple[int, int]] = []
    for segment in _segmenter().segment(blanked[offset:]):
        found = blanked.find(segment.strip(), offset) if segment.strip() else -1
        if found < 0:
            break  # not expected with clean=False; the rest of the line is kept below
        offset = found + len(segment.strip())
        _add_piece(pieces, line, found, offset)
    if blanked[offset:].strip():
        rest = offset + len(blanked[offset:]) - len(blanked[offset:].lstrip())
        _add_piece(pieces, line, rest, len(blanked.rstrip()))
    return pieces


def _add_piece(pieces: list[tuple[int, int]], line: str, start: int, end: int) -> None:
    # pysbd ends a sentence at an abbreviation ("AURORA, Colo. -- Speaking"): a piece that opens
    # with a lower-case word or a dash continues the one before it, as does a piece with no
    # words at all (a stray closing mark).
    if pieces and (CONTINUES_SENTENCE.match(line[start]) or not re.search(r"\w", line[start:end])):
        pieces[-1] = (pieces[-1][0], end)
    else:
        pieces.append((start, end))


# ----- cues -----

def _pattern(cue: str) -> re.Pattern:
    """A cue matches whole words: at its ends and at both ends of each gap ".{0,N}"."""
    cue = re.sub(r"\.\{0,(\d+)\}", r"\\b.{0,\1}\\b", cue)
    return re.compile(rf"(?<!\w)(?:{cue})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _compiled_cues() -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    return {name: tuple((cue, _pattern(cue)) for cue in cues)
            for name, cues in cue_phrases.CUE_PHRASES.items()}


@lru_cache(maxsize=1)
def _continuation_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((cue, _pattern(cue)) for cue in cue_phrases.CONTINUATION_CUES)


def _matches(sentence: str, cues: tuple[tuple[str, re.Pattern], ...]) -> tuple[CueMatch, ...]:
    """Each cue found in the sentence, with the sentence's own words it matched."""
    folded = fold(sentence)  # cues are written with plain quotes and dashes
    found = []
    for cue, pattern in cues:
        match = pattern.search(folded.folded)
        if match is not None:
            start, end = folded.original_span(match.start(), match.end())
            found.append(CueMatch(cue, sentence[start:end]))
    return tuple(found)


def _cue_matches(sentence: str) -> dict[str, tuple[CueMatch, ...]]:
    found = {name: _matches(sentence, _compiled_cues().get(name, ())) for name in DIMENSION_NAMES}
    return {name: matches for name, matches in found.items() if matches}


def _continued(texts: list[str], spans: list[tuple[int, int]], found: list[dict]) -> list[dict]:
    """Offer a continuing sentence ("Exceptions include ...") its predecessor's dimensions.

    Only the predecessor's own cue findings pass on, never ones it inherited, so a chain of
    continuing sentences cannot spread a dimension down a whole article.
    """
    result = [dict(matches) for matches in found]
    for index in range(1, len(texts)):
        continuing = _matches(texts[index], _continuation_cues())
        if not continuing:
            continue
        inherited = CueMatch(continuing[0].cue, continuing[0].matched, spans[index - 1])
        for name in found[index - 1]:
            result[index][name] = result[index].get(name, ()) + (inherited,)
    return [{name: matches[name] for name in DIMENSION_NAMES if name in matches}
            for matches in result]


# ----- what the last build cites -----

def _citations(root: Path, source_id: str) -> list[tuple[str, tuple[int, int]]]:
    """("evidence:<id>", (quote_start, quote_end)) for each quote of the source in data/.

    A source just registered has none, and a checkout never built has no data/: both are fine.
    """
    import duckdb

    # DuckDB picks the source's rows: read row by row in Python, a national package's quoting
    # tables took 18 s at a million provisions. Columns are found by their header names, every
    # one read as text, as csv.DictReader read them.
    connection = duckdb.connect()
    citations = []
    try:
        for table, id_column in CITING_TABLES:
            path = root / "data" / f"{table}.csv"
            if not path.is_file() or path.stat().st_size == 0:
                continue
            try:
                rows = connection.execute(
                    f'SELECT "{id_column}", quote_start, quote_end FROM read_csv(?, header = true, '
                    "all_varchar = true, delim = ',', quote = '\"', escape = '\"') "
                    "WHERE source_id = ? AND quote_start <> '' AND quote_end <> ''",
                    [str(path), source_id]).fetchall()
                citations += [(f"{table}:{identifier}", (int(start), int(end))) for identifier, start, end in rows]
            except (duckdb.Error, ValueError) as error:
                raise PassageError(f"{path}: its quotes cannot be read ({str(error).splitlines()[0]}); "
                                   "run `cooperation build` to write the package's tables again") from None
    finally:
        connection.close()
    return sorted(citations, key=lambda citation: (citation[1], citation[0]))


def _cited_by(citations: list[tuple[str, tuple[int, int]]], start: int, end: int) -> tuple[str, ...]:
    """The quotes that overlap [start, end) by at least one character."""
    return tuple(label for label, (quote_start, quote_end) in citations
                 if quote_start < end and start < quote_end)
