"""Finding a curator's quote in a source file and reporting the exact original span.

Curators type quotes by hand, often with straight quotes, plain hyphens or ordinary spaces where
the article has curly quotes, dashes, no-break spaces or line breaks. Matching folds those
differences away; what is stored is always the original text between the returned offsets.
Offsets count Unicode code points (Python string indices), end-exclusive.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

# Characters that compare equal to a plain ASCII counterpart when matching.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # the original characters, text == source[start:end]


class QuoteError(ValueError):
    """A quote that cannot be placed in its source; the message says why and what is closest."""


class QuoteNotFound(QuoteError):
    pass


class QuoteAmbiguous(QuoteError):
    def __init__(self, message: str, spans: list[Span]):
        super().__init__(message)
        self.spans = spans


class QuoteOutsideBody(QuoteError):
    pass


@dataclass(frozen=True)
class FoldedText:
    """A normalized copy of a text plus, for each normalized character, its original offset."""

    folded: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of folded[i]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) back to original offsets."""
        original_start = self.origin[start]
        original_end = self.origin[end] if end < len(self.origin) else self.original_length
        return original_start, original_end


@lru_cache(maxsize=256)
def fold(text: str) -> FoldedText:
    """Fold quote marks and dashes to ASCII and every run of whitespace to one space.

    Where several original characters fold into one (a whitespace run), that folded character
    maps to the first of them; an ellipsis character expands to three dots all mapped to it.
    Cached: a source text is folded once however many quotes are placed in it.
    """
    folded: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(text):
        character = text[index]
        if character.isspace():
            run_end = index
            while run_end < len(text) and text[run_end].isspace():
                run_end += 1
            folded.append(" ")
            origin.append(index)
            index = run_end
            continue
        replacement = _FOLD.get(character, character)
        for piece in replacement:
            folded.append(piece)
            origin.append(index)
        index += 1
    return FoldedText("".join(folded), tuple(origin), len(text))


def _fold_quote(quote: str) -> str:
    return fold(quote).folded.strip()


def find_all(text: str, quote: str) -> list[Span]:
    """Every place `quote` occurs in `text` once quote marks, dashes and whitespace are folded."""
    needle = _fold_quote(quote)
    if not needle:
        return []
    haystack = fold(text)
    spans: list[Span] = []
    origin = haystack.origin
    position = haystack.folded.find(needle)
    while position != -1:
        stop = position + len(needle)
        # A match that starts or stops inside an expanded ellipsis ("." against "…") is not one:
        # the original span would hold the whole ellipsis, which is not what the quote says.
        inside_expansion = ((position > 0 and origin[position - 1] == origin[position])
                            or (stop < len(origin) and origin[stop - 1] == origin[stop]))
        if not inside_expansion:
            start, end = haystack.original_span(position, stop)
            spans.append(Span(start, end, text[start:end]))
        position = haystack.folded.find(needle, position + 1)
    return spans


def locate(text: str, quote: str, body: tuple[int, int] | None = None,
           occurrence: int | None = None) -> Span:
    """The one span of `text` that `quote` stands for, within the article body if given.

    Raises QuoteNotFound (with the closest passage), QuoteOutsideBody (the quote exists only in
    site chrome or a reader comment) or QuoteAmbiguous (the text repeats; pass `occurrence`).
    """
    spans = find_all(text, quote)
    if body is not None:
        inside = [span for span in spans if body[0] <= span.start and span.end <= body[1]]
        if spans and not inside:
            raise QuoteOutsideBody(
                f"the quote occurs only outside the article text (offsets {spans[0].start}-"
                f"{spans[0].end}, outside the body {body[0]}-{body[1]}): site chrome and reader "
                "comments are never evidence")
        spans = inside
    if not spans:
        raise QuoteNotFound("the quote is not in the source. " + describe_closest(text, quote, body))
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise QuoteAmbiguous(f"occurrence={occurrence} asked for, but the quote occurs "
                                 f"{len(spans)} time(s)", spans)
        return spans[occurrence - 1]
    if len(spans) > 1:
        places = ", ".join(f"{span.start}-{span.end}" for span in spans)
        raise QuoteAmbiguous(f"the quote occurs {len(spans)} times (offsets {places}); lengthen it "
                             "or pass occurrence=N", spans)
    return spans[0]


def closest_passage(text: str, quote: str, body: tuple[int, int] | None = None) -> Span | None:
    """The passage of `text` (within `body`) most like `quote`, by fuzzy alignment."""
    start_limit, end_limit = body if body is not None else (0, len(text))
    region = text[start_limit:end_limit]
    folded_region = fold(region)
    needle = _fold_quote(quote)
    if not needle or not folded_region.folded:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, folded_region.folded)
    if alignment is None or alignment.score == 0:
        return None
    # The alignment window is the quote's length, so a quote with a word too many or too few is
    # matched to a window shifted by that word. Widen it by a margin, then keep the words from
    # the first to the last that the quote shares with it.
    margin = max(12, len(needle) // 4)
    wide_start = max(0, alignment.dest_start - margin)
    wide_end = min(len(folded_region.folded), alignment.dest_end + margin)
    start, end = folded_region.original_span(wide_start, wide_end)
    start, end = _whole_words(region, start, end)
    start, end = _trim_to_shared_words(region, start, end, quote)
    return Span(start + start_limit, end + start_limit, text[start + start_limit:end + start_limit])


def _trim_to_shared_words(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """[start, end) narrowed to run from the first to the last word it shares with `quote`."""
    words = [(match.start() + start, match.end() + start, _comparable(fold(match.group()).folded))
             for match in re.finditer(r"\S+", text[start:end])]
    quote_words = [_comparable(word) for word in _fold_quote(quote).split()]
    matcher = difflib.SequenceMatcher(a=quote_words, b=[word for _, _, word in words], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return start, end
    first, last = blocks[0], blocks[-1]
    # Passage words before the first shared word are kept only as far as the quote has words
    # before it too (a misspelt first word), and likewise at the end.
    lead = min(first.a, first.b)
    tail = min(len(quote_words) - (last.a + last.size), len(words) - (last.b + last.size))
    return words[first.b - lead][0], words[last.b + last.size - 1 + tail][1]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim surrounding spaces, so a passage shown to a
    curator never begins or ends inside a word ("ant." for "grant.", "arres" for "arrest")."""
    while start > 0 and not text[start - 1].isspace() and not text[start].isspace():
        start -= 1
    while end < len(text) and end > 0 and not text[end - 1].isspace() and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def describe_closest(text: str, quote: str, body: tuple[int, int] | None = None) -> str:
    passage = closest_passage(text, quote, body)
    if passage is None:
        return "Nothing in the source resembles it."
    differences = _word_differences(quote, passage.text)
    return (f"Closest passage (offsets {passage.start}-{passage.end}): {passage.text!r}. "
            f"Differences: {differences}")


_EDGE_PUNCTUATION = re.compile(r"^[\"'(\[]+|[\"'.,;:!?)\]]+$")


def _comparable(word: str) -> str:
    """A word as compared: surrounding punctuation does not make a word differ; case does, since
    a quote must match the source's case."""
    return _EDGE_PUNCTUATION.sub("", word)


def _word_differences(quote: str, passage: str) -> str:
    quote_words = _fold_quote(quote).split()
    passage_words = _fold_quote(passage).split()
    changes = []
    matcher = difflib.SequenceMatcher(a=[_comparable(word) for word in quote_words],
                                      b=[_comparable(word) for word in passage_words], autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        typed = " ".join(quote_words[a_start:a_end])
        source = " ".join(passage_words[b_start:b_end])
        if operation == "replace":
            changes.append(f"quote has {typed!r} where the source has {source!r}")
        elif operation == "delete":
            changes.append(f"quote adds {typed!r}")
        else:
            changes.append(f"quote leaves out {source!r}")
    return "; ".join(changes) if changes else "only in spacing or punctuation"
