"""Source intake: proposals from the article text alone, checked against the curated registry, and
`add_source` adding a file and its draft record without ever leaving a half-done change.

The five seeds are the benchmark: each proposal must find the same article text (compared as
offsets, not strings), title, publisher and date as the curator did, except where the table of
expected differences names the field and why a mechanical proposal cannot agree. Suggested ids and
the wording of excluded_text are proposals in prose and are not compared.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from immigration_cooperation import intake
from immigration_cooperation.compiler import Compiler
from immigration_cooperation.dates import parse_date_bounds
from immigration_cooperation.evidence import locate
from immigration_cooperation.intake import IntakeError, add_source, propose_source
from immigration_cooperation.records import Source
from immigration_cooperation.release import RELEASED_ON
from immigration_cooperation.schema import ID_PATTERN
from immigration_cooperation.worksheets import load_scripts

MAIN = Path(__file__).resolve().parents[1]
FICTIONAL = MAIN / "tests" / "fixtures" / "fictional-article.txt"
# Only the registry is imported here, so that a jurisdiction script being edited cannot stop these.
SOURCES = {source.source_id: source
           for source in intake.registered_sources(MAIN / "scripts" / "sources.py")}
COMPARED = ("body", "title", "publisher", "published_on", "published_on_basis")

# (source_id, field) -> why the proposal legitimately differs from the curated registry. For
# published_on the proposal must then be an inferred range, never a day, containing the registry's.
EXPECTED_DIFFERENCES = {
    ("ordinance-2017-denver-council", "published_on"):
        "the curator narrowed the range to 2017-01-19..2017 by reasoning (\"seven weeks after he was "
        "released\" in December 2016, the ordinance being new); the proposal runs mechanically from "
        "the latest date mentioned, \"December 2016\", to the release",
    ("police1-summary-2016-police-chiefs", "published_on"):
        "the curator dated it from the Denver police statement (Monday 2016-11-14, from Denver7) "
        "and \"president-elect\" (before 2017-01-20); the article text mentions no date, so the "
        "proposal starts at 2015-09, the month in the image file name outside the text",
    ("johnston-2025-denver-ice", "published_on"):
        "the curator read \"this administration, versus the last\" as Trump's second term (from "
        "2025-01-20, general knowledge); the file mentions no year or month at all, so the proposal "
        "is the widest range, from the floor year to the release",
}


def _proposal(source: Source):
    path = MAIN / source.path
    return propose_source(path.read_text(encoding="utf-8"), path.name, path.read_bytes())


def _registry_value(source: Source, name: str, text: str):
    if name == "body":
        return locate(text, source.body_starts_with).start, locate(text, source.body_ends_with).end
    return getattr(source, name)


def _proposed_value(proposal, name: str, text: str):
    if name == "body":  # located the way the compiler does, so the markers themselves are checked
        return locate(text, proposal.body_starts_with).start, locate(text, proposal.body_ends_with).end
    return getattr(proposal, name)


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_the_proposal_for_each_seed_agrees_with_the_registry_or_says_why_not(source_id):
    source = SOURCES[source_id]
    text = (MAIN / source.path).read_text(encoding="utf-8")
    proposal = _proposal(source)
    assert proposal.sha256 == source.sha256 and proposal.bytes == source.bytes
    assert _proposed_value(proposal, "body", text) == proposal.body
    for name in COMPARED:
        proposed, curated = _proposed_value(proposal, name, text), _registry_value(source, name, text)
        why = EXPECTED_DIFFERENCES.get((source_id, name))
        if why is None:
            assert proposed == curated, f"{source_id}.{name}"
        else:  # a difference on file must still be one, or the table is stale
            assert proposed != curated, f"{source_id}.{name} now agrees: remove it from the table"
    parse_date_bounds(proposal.published_on)
    assert re.match(ID_PATTERN, proposal.source_id)


@pytest.mark.parametrize("source_id", [key[0] for key in EXPECTED_DIFFERENCES])
def test_an_undated_seed_gets_an_inferred_range_containing_the_curated_one(source_id):
    source, proposal = SOURCES[source_id], _proposal(SOURCES[source_id])
    proposed, curated = parse_date_bounds(proposal.published_on), parse_date_bounds(source.published_on)
    assert source.published_on_basis == proposal.published_on_basis == "inferred"
    assert proposed.precision != "day" and curated.within(proposed)
    assert proposed.latest == parse_date_bounds(RELEASED_ON).latest
    assert "mechanical proposal for the curator to narrow" in proposal.published_on_reasoning


def test_the_dated_seeds_quote_the_printed_words():
    denver7 = _proposal(SOURCES["denver7-2016-aurora-denver-police"])
    assert "\"Posted at 11:34 AM, Nov 15, 2016\"" in denver7.published_on_reasoning
    assert denver7.checks["publisher"].startswith("read from its sign-up prompt")
    politics = _proposal(SOURCES["colorado-politics-2018-doj-investigation"])
    assert "Content originally published by Colorado Politics on January 25, 2018." in \
        politics.published_on_reasoning


def test_date_mentions_carry_their_offsets_and_where_they_are():
    source = SOURCES["denver7-2016-aurora-denver-police"]
    text = (MAIN / source.path).read_text(encoding="utf-8")
    mentions = _proposal(source).date_mentions
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert [(m.text, m.value, m.in_article_text) for m in mentions if m.kind == "day"] == [
        ("Nov 15, 2016", "2016-11-15", False), ("2016-11-15", "2016-11-15", False)]
    assert {m.text for m in mentions if m.kind == "weekday"} == {"Monday", "Tuesday"}
    ordinance = _proposal(SOURCES["ordinance-2017-denver-council"])
    assert [(m.text, m.value) for m in ordinance.date_mentions if m.kind == "month"] == [
        ("December 2016", "2016-12")]


def test_excluded_text_names_the_chrome_and_the_reader_comment_of_the_ordinance_article():
    proposal = _proposal(SOURCES["ordinance-2017-denver-council"])
    whys = {line.text: line.why for line in proposal.excluded}
    assert whys["HOLD IT RIGHT THERE!!!"] == "a line in capitals only"
    assert whys["Define ‘our people’."] == intake.AFTER_CHROME
    assert "pulled quote" in whys["“Local government’s ability to protect and serve all of our people…”"]
    assert proposal.checks["title"].startswith("a short line after the text")
    assert "Define ‘our people’." in proposal.excluded_text


def test_the_fictional_article_proposal_finds_body_date_and_publisher():
    text = FICTIONAL.read_text(encoding="utf-8")
    assert text.startswith("FICTIONAL TEST ARTICLE – not a news report\n")
    proposal = propose_source(text, FICTIONAL.name)
    body = text[proposal.body[0]:proposal.body[1]]
    assert body.startswith("BOULDER, Colo. — The Boulder City Council voted 7-2 to require a "
                           "judicial warrant before the jail holds anyone on an ICE detainer")
    assert body.endswith("and that she expected few changes.")
    assert "Police Chief Harlan Voss said officers do not ask people about immigration status." in body
    assert "RiverRat88" not in body and "RECOMMENDED FOR YOU" not in body
    assert (proposal.published_on, proposal.published_on_basis) == ("2026-03-03", "stated")
    assert parse_date_bounds(proposal.published_on).precision == "day"
    assert proposal.publisher == "The Plainfield Ledger"
    assert proposal.title == "Boulder council requires judicial warrant before jail holds anyone for ICE"


def test_the_fictional_article_is_never_a_seed():
    digest = hashlib.sha256(FICTIONAL.read_bytes()).hexdigest()
    assert all(hashlib.sha256(seed.read_bytes()).hexdigest() != digest
               for seed in (MAIN / "seeds").iterdir())


# ----- add_source on a copy of the project -----

@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("scripts", "seeds"):
        shutil.copytree(MAIN / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _state(root: Path) -> dict[str, bytes]:
    """Every file in seeds/ and scripts/, so that a refused add can be shown to change nothing."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for folder in ("seeds", "scripts") for path in sorted((root / folder).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


def test_add_source_copies_the_file_and_appends_a_draft_that_loads_and_compiles(project):
    before = (project / "scripts" / "sources.py").read_text(encoding="utf-8")
    added = add_source(FICTIONAL, project)
    data = FICTIONAL.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert added.seed_path == f"seeds/005_{digest[:16]}.txt"
    assert (project / added.seed_path).read_bytes() == data
    after = (project / "scripts" / "sources.py").read_text(encoding="utf-8")
    assert after.replace(added.entry, "", 1) == before  # only appended, nothing else touched
    assert after.index(added.entry) < after.index("\n]\n")  # inside SOURCES = [...]
    assert added.entry.count("# proposed:") >= 8
    registry, _ = load_scripts(project)
    entry = registry.items("SOURCES")[-1]
    assert entry.source_id == added.source_id == added.proposal.source_id
    assert (entry.path, entry.sha256, entry.bytes) == (added.seed_path, digest, len(data))
    assert (entry.published_on, entry.publisher) == ("2026-03-03", "The Plainfield Ledger")
    assert entry.published_on_reasoning == added.proposal.published_on_reasoning
    compiler = Compiler(project)
    compiler.compile_sources(registry)
    assert compiler.problems == []
    assert compiler.sources[added.source_id].body == added.proposal.body


def test_an_explicit_source_id_is_used_and_a_registered_one_refused(project):
    with pytest.raises(IntakeError, match="'johnston-2025-denver-ice' is already registered"):
        add_source(FICTIONAL, project, source_id="johnston-2025-denver-ice")
    with pytest.raises(IntakeError, match="lower-case words joined by hyphens"):
        add_source(FICTIONAL, project, source_id="Boulder Ledger")
    added = add_source(FICTIONAL, project, source_id="ledger-2026-boulder")
    assert added.source_id == "ledger-2026-boulder" and "\"ledger-2026-boulder\"," in added.entry


def test_adding_a_file_again_names_the_registered_source(project, tmp_path):
    added = add_source(FICTIONAL, project)
    state = _state(project)
    with pytest.raises(IntakeError, match=f"already registered as source '{added.source_id}' "
                                          f"\\({added.seed_path}\\)"):
        add_source(FICTIONAL, project)
    copy = tmp_path / "copy-of-000.txt"
    shutil.copyfile(MAIN / "seeds" / "000_5382a5cd4b268f5f.txt", copy)
    with pytest.raises(IntakeError, match="'denver7-2016-aurora-denver-police'"):
        add_source(copy, project)
    assert _state(project) == state


def test_a_file_already_in_seeds_but_unregistered_is_refused(project):
    stray = project / "seeds" / "900_stray.txt"
    shutil.copyfile(FICTIONAL, stray)
    with pytest.raises(IntakeError, match="already in seeds/ as seeds/900_stray.txt but not registered"):
        add_source(FICTIONAL, project)


@pytest.mark.parametrize("content, message", [
    (b"caf\xe9 au lait\n", "is not UTF-8 text \\(byte 0xe9 at offset 3\\)"),
    (b"", "is empty"),
    (b"text\x00with a NUL\n", "NUL bytes"),
])
def test_a_file_that_is_not_utf8_text_is_refused_cleanly(project, tmp_path, content, message):
    state = _state(project)
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    with pytest.raises(IntakeError, match=message) as refused:
        add_source(article, project)
    assert "\n" not in str(refused.value)
    assert _state(project) == state


def test_a_failed_registry_write_leaves_seeds_and_registry_unchanged(project, monkeypatch):
    state = _state(project)

    def full_disk(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake.os, "replace", full_disk)
    with pytest.raises(IntakeError, match="No space left on device.*nothing was added"):
        add_source(FICTIONAL, project)
    assert _state(project) == state  # no seed copy, no temporary file beside the registry


def test_an_entry_is_appended_after_a_last_entry_without_its_comma():
    registry = 'SOURCES = [\n    Source("a")\n]\n'
    assert intake._append_entry(registry, "    Source(\"b\"),\n") == \
        'SOURCES = [\n    Source("a"),\n    Source("b"),\n]\n'
    assert intake._append_entry("SOURCES = []\n", "    X,\n") == "SOURCES = [\n    X,\n]\n"
