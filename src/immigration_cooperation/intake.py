"""Source intake: copy an article into seeds/ and draft its Source(...) record for the curator.

The mechanical parts are exact: sha256, size, a copy that never overwrites, body markers that
occur once in the file. The rest is proposed from the text alone with the cues below; the proposal
lists the lines it treated as chrome and why, and each drafted field carries a `# proposed:`
comment, so the curator checks the draft instead of typing it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dateutil import parser as date_parser

from .dates import parse_date_bounds
from .evidence import find_all, fold
from .release import RELEASED_ON
from .schema import ID_PATTERN

# ----- cues: what the text alone tells apart (a regex on a stripped line, and why) -----

MONTH = (r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
DAY_DATE = MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
DATE_FORMS = (  # kind, regex; where several match at one place the first wins
    ("day", DAY_DATE),
    ("day", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("month", MONTH + r",?\s+\d{4}\b"),  # "December 2016"; "May" alone is a verb, never a date
    ("month", r"(?<!\d)\d{4}-\d{2}(?![\d-]\d)"),  # "2015-09", as in an image file name
    ("year", r"(?<![\d$])(?:19|20)\d{2}(?!\d|-year)"),  # not "$2016", not "2016-year-old"
    ("weekday", r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
)
CHROME_CUES = (
    (r"^(?:News|Actions|Home|Menu|Search|Share|Print|Email)$", "a navigation word"),
    (rf"(?i)^(?:posted|published|updated)\b.*{DAY_DATE}", "a posting line"),
    (r"(?i)^(?:and )?last updated\b", "an update line"),
    (r"^By (?:[A-Z][\w.’'-]*\s?){1,4}(?:[,|] [^.!?]*)?$", "a byline"),
    (r"^\S(?: \S){2,}$", "share buttons"),  # "f t # e": one letter or sign per button
    (rf"^.{{0,40}}{DAY_DATE}(?:\s*\|.*)?$", "a dateline"),  # a place and a date, nothing more
    (r"(?i)^\S+\.(?:jpe?g|png|gif|webp)$", "an image file name"),
    (r"^[-–—_=*]{3,}$", "a rule line"),
    (r"^[A-Z]{2,}(?: [A-Z]{2,})+ [–—-] [^.!?]*$", "a banner label"),  # "SPONSORED CONTENT – …"
    (r"(?i)^sign up\b", "a sign-up prompt"),
    (r"(?i)^(?:or, )?(?:keep up-to-date by following|follow us)\b", "a social-media prompt"),
    (r"(?i)^read the full story\b", "a pointer to the full story elsewhere"),
    (r"(?i)^content originally published by\b", "a republication line"),
    (r"(?i)^(?:stay connected|recommended for you)$", "a site section label"),
    (r"(?i)^(?:\d+ )?comments?$|^leave a comment", "a comments header"),
    # Article prose has lower case; a line in capitals is a label or a reader shouting.
    (r"^(?=.*[A-Z]{2})[^a-z]+ [^a-z]+$", "a line in capitals only"),
)
AFTER_CHROME = "after the chrome that ends the text: a reader comment or promotion"
PUBLISHER_CUES = (  # only where the file itself names the outlet; never guessed
    (r"^Sign up for (?P<name>.+?) (?:email alerts|newsletters?)\b", "its sign-up prompt"),
    (r"^Content originally published by (?P<name>.+?) on\b", "its republication line"),
)
HEAD_LINES = 10  # the head ends by then, or at the second sentence line
MARKER_WORDS = 6  # as short as the registry's markers, lengthened until they occur once
NO_MENTION_FLOOR = "1990"  # only so that a text with no date mention still gets a range that parses
STOP_WORDS = frozenset("a an and are as at be by for from here heres how in is it its of on or "
                       "that the to why will with".split())


class IntakeError(ValueError):
    """A file that cannot be added; the one-line message says why and what to do."""


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    why: str | None = None  # set on lines treated as chrome


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # day, month, year or weekday
    value: str | None  # in the package's date syntax; None for a weekday
    in_article_text: bool


@dataclass(frozen=True)
class SourceProposal:
    file_name: str
    sha256: str
    bytes: int
    source_id: str
    title: str
    publisher: str | None
    published_on: str
    published_on_basis: str
    published_on_reasoning: str
    body_starts_with: str
    body_ends_with: str
    body: tuple[int, int]
    excluded_text: str
    excluded: tuple[Line, ...]
    date_mentions: tuple[DateMention, ...]
    checks: dict[str, str] = field(default_factory=dict)  # field -> what the curator must check

    @property
    def printed_dates(self) -> tuple[DateMention, ...]:
        return tuple(mention for mention in self.date_mentions if mention.kind == "day")


@dataclass(frozen=True)
class AddedSource:
    source_id: str
    seed_path: str  # relative to the root, as written in the registry
    entry: str  # the Source(...) text appended to scripts/sources.py
    proposal: SourceProposal


# ----- reading the text -----

def chrome_why(line: str) -> str | None:
    return next((why for pattern, why in CHROME_CUES if re.search(pattern, line)), None)


def _is_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?;:…][\"'”’)\]]*$", line))


def _is_headline_like(line: str) -> bool:
    return not _is_sentence(line) and len(line.split()) <= 20 and not chrome_why(line)


def _is_pulled_quote(line: Line, text: str) -> bool:
    """A quote or ellipsis line whose words already appeared: a pull quote, not new text."""
    if not re.match(r"[\"“‘']", line.text) and not line.text.rstrip("”’\"'").endswith(("…", "...")):
        return False
    core = fold(line.text).folded.strip(" \"'.")
    return len(core.split()) >= 4 and core in fold(text[:line.start]).folded


def _lines(text: str) -> list[Line]:
    found = ((match.start() + len(match.group()) - len(match.group().lstrip()), match.group().strip())
             for match in re.finditer(r"[^\n]+", text))
    return [Line(start, start + len(line), line) for start, line in found if line]


def _head(lines: list[Line]) -> tuple[int, list[Line], str | None]:
    """Index of the first body line, the lines above it (with why) and the headline if any.

    A standfirst cannot be told from a lead paragraph by its words: it counts as chrome only
    when chrome (an image name, a dateline) follows it."""
    cues, sentences = [], 0
    for index, line in enumerate(lines[:HEAD_LINES]):
        if chrome_why(line.text):
            cues.append(index)
        elif _is_sentence(line.text):
            sentences += 1
            if sentences == 2:  # chrome further down is inside the article (an inline image)
                break
    # A short article's closing chrome ("RECOMMENDED FOR YOU") is no head: text must follow a cue.
    text_after = [any(_is_sentence(later.text) and not chrome_why(later.text)
                      for later in lines[index + 1:]) for index in cues]
    last_cue = max((index for index, has_text in zip(cues, text_after) if has_text), default=-1)
    start = last_cue + 1
    while start < len(lines) and (chrome_why(lines[start].text) or _is_headline_like(lines[start].text)):
        start += 1
    if start == len(lines):
        raise IntakeError("no article text found: every line looks like site chrome or a headline")
    excluded, title = [], None
    for index, line in enumerate(lines[:start]):
        why = chrome_why(line.text)
        if why is None and title is None and _is_headline_like(line.text):
            title, why = line.text.lstrip("\ufeff"), "the headline"
        excluded.append(Line(line.start, line.end, line.text, why or (
            "above the chrome before the text: a standfirst" if index < last_cue else "a label")))
    return start, excluded, title


def _tail(text: str, lines: list[Line], start: int) -> tuple[int, list[Line], str | None]:
    """Index just past the last body line, the lines after it (with why), a headline found there.

    The first chrome line ends the article; pull quotes and a headline just above it go too."""
    boundary = next((i for i in range(start + 1, len(lines)) if chrome_why(lines[i].text)), len(lines))
    end, trimmed, title = boundary, [], None
    while end - 1 > start:
        line = lines[end - 1]
        if _is_pulled_quote(line, text):
            why = "a pulled quote repeating the article text"
        elif _is_headline_like(line.text):
            title, why = line.text.lstrip("\ufeff"), "a short line after the text, not a sentence: the headline"
        else:
            break
        trimmed.insert(0, Line(line.start, line.end, line.text, why))
        end -= 1
    after = [Line(line.start, line.end, line.text, chrome_why(line.text) or AFTER_CHROME)
             for line in lines[boundary:]]
    return end, trimmed + after, title


def _marker(text: str, body: tuple[int, int], at_end: bool) -> str:
    """The first (or last) words of the body, as few as occur exactly once in the file."""
    words = re.findall(r"\S+", text[body[0]:body[1]])
    for count in range(min(MARKER_WORDS, len(words)), len(words) + 1):
        chosen = words[-count:] if at_end else words[:count]
        if at_end and not any(character.isalnum() for character in chosen[0]):
            continue  # a bullet sign is no word to begin a marker with
        spans = find_all(text, " ".join(chosen))
        if len(spans) == 1 and (spans[0].end == body[1] if at_end else spans[0].start == body[0]):
            return " ".join(chosen)
    raise IntakeError("the article text repeats itself: no phrase marks its start and end once")


def date_mentions(text: str, body: tuple[int, int]) -> list[DateMention]:
    """Every printed date and date-like mention (year, month, weekday), with where it is."""
    pattern = "|".join(f"(?P<f{index}>{regex})" for index, (_, regex) in enumerate(DATE_FORMS))
    mentions = []
    for match in re.finditer(pattern, text):
        kind, value = DATE_FORMS[int(match.lastgroup[1:])][0], None
        if kind in ("day", "month"):
            try:
                value = date_parser.parse(match.group(), default=datetime(2000, 1, 1)).date().isoformat()
            except (ValueError, OverflowError):
                continue  # "Feb 30, 2016" is no date
            value = value if kind == "day" else value[:7]
        elif kind == "year":
            value = match.group()
        mentions.append(DateMention(match.start(), match.end(), match.group(), kind, value,
                                    body[0] <= match.start() < body[1]))
    return mentions


# ----- proposing the fields -----

def _publisher(excluded: list[Line]) -> tuple[str | None, str]:
    for line in excluded:
        for pattern, where in PUBLISHER_CUES:
            if match := re.search(pattern, line.text):
                return match.group("name").strip(), f"read from {where}, \"{_short(line.text, 40)}\""
    return None, "the file names no outlet"


def _published_on(mentions: list[DateMention], excluded: list[Line]) -> tuple[str, str, str]:
    """(published_on, basis, reasoning): a day printed outside the text, else a range to narrow."""
    printed = [(mention, line.text) for mention in mentions if mention.kind == "day"
               for line in excluded if line.start <= mention.start < line.end]
    if printed:  # a posting or publication line says most, an update line least
        chosen, line = min(printed, key=lambda pair: (
            0 if re.search(r"(?i)posted|published", pair[1]) else 2 if "updated" in pair[1] else 1,
            pair[0].start))
        lines = list(dict.fromkeys(text for _, text in printed))
        quoted = " and ".join(f"\"{text}\"" for text in lines)
        return (chosen.value, "stated", f"The file prints {quoted} outside the article text"
                + (f"; the day is read from \"{line}\"." if len(lines) > 1 else "."))
    release = parse_date_bounds(RELEASED_ON).latest
    dated = [mention for mention in mentions if mention.kind != "weekday"
             and parse_date_bounds(mention.value).earliest <= release]
    candidates = [mention for mention in dated if mention.in_article_text] or dated
    if not candidates:
        return (f"{NO_MENTION_FLOOR}..{RELEASED_ON}", "inferred",
                "No date is printed and the text mentions no year or month. A mechanical proposal "
                f"for the curator to narrow: {NO_MENTION_FLOOR} is only a floor so that the date "
                f"parses, and {RELEASED_ON} is this release.")
    latest = max(candidates, key=lambda mention: parse_date_bounds(mention.value).earliest)
    where = "the article text" if latest.in_article_text else "the chrome outside the article text"
    others = sorted({m.text for m in mentions if m.in_article_text and m.text != latest.text})
    return (f"{latest.value}..{RELEASED_ON}", "inferred",
            "No date is printed. A mechanical proposal for the curator to narrow: the latest date "
            f"mentioned in {where} is \"{latest.text}\" (offset {latest.start}), so the article is "
            f"no earlier than {latest.value} and no later than this release ({RELEASED_ON})."
            + (f" Other date mentions: {', '.join(others)}." if others else ""))


def _slug_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", plain))


def suggest_source_id(publisher: str | None, title: str, published_on: str) -> str:
    """Publisher, year (when the date falls in one) and the headline's first content words."""
    bounds = parse_date_bounds(published_on)
    year = [str(bounds.latest.year)] if bounds.earliest.year == bounds.latest.year else []
    topic = [word for word in _slug_words(title) if word not in STOP_WORDS][:4] or ["source"]
    outlet = [word for word in _slug_words(publisher or "") if word not in STOP_WORDS]
    return "-".join((outlet + year + topic)[:7])


def _short(line: str, limit: int = 60) -> str:
    return line if len(line) <= limit else line[:limit].rstrip() + "…"


def _describe(excluded: list[Line], body: tuple[int, int]) -> str:
    def listing(lines: list[Line]) -> str:
        return "; ".join(f"\"{_short(line.text)}\" ({line.why})" for line in lines)
    before = [line for line in excluded if line.start < body[0]]
    after = [line for line in excluded if line.start >= body[1]]
    return " ".join(([f"Before the text: {listing(before)}."] if before else [])
                    + ([f"After the text: {listing(after)}."] if after else [])) \
        or "Nothing: the whole file is article text."


def propose_source(text: str, file_name: str, data: bytes | None = None) -> SourceProposal:
    """Everything a Source(...) record needs, proposed from the article text alone."""
    data = text.encode("utf-8") if data is None else data
    lines = _lines(text)
    if not lines:
        raise IntakeError(f"{file_name} holds no text")
    start, head, title = _head(lines)
    end, tail, title_after = _tail(text, lines, start)
    body, excluded = (lines[start].start, lines[end - 1].end), head + tail
    mentions = date_mentions(text, body)
    publisher, publisher_basis = _publisher(excluded)
    published_on, basis, reasoning = _published_on(mentions, excluded)
    checks = {"publisher": publisher_basis,
              "body_starts_with": "check that the article text begins here",
              "body_ends_with": "check that the article text ends here",
              "excluded_text": "lines treated as chrome, by cues; check them",
              "published_on": "printed outside the text; check it is the publication day"
              if basis == "stated" else "a wide mechanical range: narrow it from the text",
              "title": "the first short line before the text"}
    if basis == "stated" and published_on > RELEASED_ON:  # the build refuses dates after the release
        checks["published_on"] += f"; it is after RELEASED_ON ({RELEASED_ON}): bump release.py"
    if start > 0 and head[-1].why == "the headline":
        checks["body_starts_with"] += " (it follows the headline: a standfirst?)"
    if title is None and title_after is not None:
        title, checks["title"] = title_after, "a short line after the text; none above it"
    elif title is None:
        title = "Untitled: " + " ".join(text[body[0]:body[1]].split()[:8]) + "…"
        checks["title"] = "no headline found: to be finished by the curator"
    return SourceProposal(
        file_name, hashlib.sha256(data).hexdigest(), len(data),
        suggest_source_id(publisher, title, published_on), title, publisher, published_on, basis,
        reasoning, _marker(text, body, at_end=False), _marker(text, body, at_end=True), body,
        _describe(excluded, body), tuple(excluded), tuple(mentions), checks)


# ----- the draft record -----

def _literal(value: str) -> str:
    """A double-quoted Python literal; invisible characters (no-break spaces) spelled out."""
    def escape(character: str) -> str:
        if character in "\\\"":
            return "\\" + character
        if character == " " or (character.isprintable() and not character.isspace()):
            return character
        return f"\\u{ord(character):04x}" if ord(character) <= 0xFFFF else f"\\U{ord(character):08x}"
    return "\"" + "".join(map(escape, value)) + "\""


def _field(name: str | None, value: object, comment: str | None = None) -> str:
    """One keyword of the draft, its check above it, long strings split like the registry's."""
    prefix = " " * 8 + (f"{name}=" if name else "")
    pieces = [repr(value)]
    if isinstance(value, str):
        pieces = [""]
        for word in re.findall(r"\S*\s*", value):  # words keep their trailing spaces
            if pieces[-1] and len(prefix) + len(pieces[-1]) + len(word) > 96:
                pieces.append("")
            pieces[-1] += word
        pieces = [_literal(piece) for piece in pieces]
    return (f"{' ' * 8}# proposed: {comment}\n" if comment else "") + prefix \
        + ("\n" + " " * len(prefix)).join(pieces) + ","


def draft_entry(proposal: SourceProposal, source_id: str, seed_path: str) -> str:
    p, checks = proposal, proposal.checks
    return "    Source(\n" + "\n".join((
        _field(None, source_id, "from the publisher, year and headline; rename freely"),
        _field("path", seed_path), _field("sha256", p.sha256), _field("bytes", p.bytes),
        _field("title", p.title, checks["title"]),
        _field("publisher", p.publisher, checks["publisher"]),
        _field("published_on", p.published_on, checks["published_on"]),
        _field("published_on_basis", p.published_on_basis, "stated if printed, else inferred"),
        _field("published_on_reasoning", p.published_on_reasoning, "reword as you narrow the date"),
        _field("body_starts_with", p.body_starts_with, checks["body_starts_with"]),
        _field("body_ends_with", p.body_ends_with, checks["body_ends_with"]),
        _field("excluded_text", p.excluded_text, checks["excluded_text"]),
    )) + "\n    ),\n"


# ----- adding the file -----

def registered_sources(registry: Path) -> list:
    """The Source records scripts/sources.py defines (it is run, as the build runs it)."""
    try:
        spec = importlib.util.spec_from_file_location("_intake_sources", registry)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return list(module.SOURCES)
    except Exception as error:  # any error in the curator's file: say where, do not trace back
        raise IntakeError(f"cannot read {registry.name}: {type(error).__name__}: {error}; "
                          "fix it (python scripts/sources.py) and add the file again") from None


def _append_entry(registry_text: str, entry: str) -> str:
    """The registry with `entry` as the last item of `SOURCES = [...]` (closed by a line "]")."""
    listing = re.search(r"^SOURCES = \[(?:\]|.*?^\])", registry_text, re.MULTILINE | re.DOTALL)
    if listing is None:
        raise IntakeError("scripts/sources.py has no `SOURCES = [` list closed by a line `]`; "
                          "restore that layout")
    head, tail = registry_text[:listing.end() - 1].rstrip(), registry_text[listing.end() - 1:]
    separator = "" if head.endswith(("[", ",")) else ","  # the last entry may lack its comma
    return head + separator + "\n" + entry + tail


def _write_atomically(path: Path, content: str) -> None:
    """Readers see the old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.chmod(temporary, path.stat().st_mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_article(path: Path) -> tuple[bytes, str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IntakeError(f"cannot read {path}: {error.strerror}") from None
    if not data:
        raise IntakeError(f"{path} is empty; save the article's text in it first")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IntakeError(f"{path} is not UTF-8 text (byte {data[error.start]:#04x} at offset "
                          f"{error.start}); save the article as UTF-8 and add that file") from None
    if "\x00" in text:
        raise IntakeError(f"{path} holds NUL bytes, so it is not a text file; save the article as text")
    return data, text


def _refuse_duplicate(path: Path, root: Path, digest: str, sources: list) -> None:
    owner = next((source for source in sources if getattr(source, "sha256", None) == digest), None)
    copies = [seed for seed in sorted((root / "seeds").glob("*")) if seed.is_file()
              and hashlib.sha256(seed.read_bytes()).hexdigest() == digest]
    if owner:
        raise IntakeError(f"{path.name} is already registered as source {owner.source_id!r} "
                          f"({owner.path}); nothing to add")
    if copies:
        copy = copies[0].relative_to(root).as_posix()
        raise IntakeError(f"{path.name} is already in seeds/ as {copy} but not registered; move "
                          "that file out of seeds/ and add it again")


def add_source(path: Path, root: Path, source_id: str | None = None) -> AddedSource:
    """Copy `path` into root/seeds/ and append a draft Source(...) to root/scripts/sources.py."""
    data, text = _read_article(path)
    digest = hashlib.sha256(data).hexdigest()
    registry = root / "scripts" / "sources.py"
    if not registry.is_file():
        raise IntakeError(f"no scripts/sources.py under {root}: run this from the package root")
    registry_text = registry.read_text(encoding="utf-8")
    sources = registered_sources(registry)
    _refuse_duplicate(path, root, digest, sources)
    taken = {getattr(source, "source_id", None) for source in sources}
    if source_id is not None and (source_id in taken or not re.match(ID_PATTERN, source_id)):
        raise IntakeError(f"source id {source_id!r} is " + (
            "already registered in scripts/sources.py; choose another" if source_id in taken else
            "not lower-case words joined by hyphens, e.g. 'denver7-2016-aurora-police'"))
    proposal = propose_source(text, path.name, data)
    candidates = (f"{proposal.source_id}-{n}" if n > 1 else proposal.source_id for n in range(1, 999))
    source_id = source_id or next(candidate for candidate in candidates if candidate not in taken)
    numbers = [int(seed.name[:3]) for seed in (root / "seeds").glob("[0-9][0-9][0-9]_*")]
    seed = root / "seeds" / f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    seed_path = seed.relative_to(root).as_posix()
    entry = draft_entry(proposal, source_id, seed_path)
    updated = _append_entry(registry_text, entry)
    compile(updated, str(registry), "exec")  # the draft parses, or nothing is written
    created = False
    try:
        with open(seed, "xb") as stream:  # "x": an existing seed is never overwritten
            created = True
            stream.write(data)
        _write_atomically(registry, updated)
    except BaseException as error:
        if created:  # a seed without its record would be an unregistered file in seeds/
            seed.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise IntakeError(f"cannot write {seed_path} and its record in scripts/sources.py "
                              f"({error}); nothing was added") from error
        raise
    return AddedSource(source_id, seed_path, entry, proposal)
