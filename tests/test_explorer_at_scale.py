"""The explorer of a national package: more jurisdictions than one page can show, so the matrix
and the claims come in volumes (site_layout.py), drawn by each page's script from the JSON the SQL
wrote (site_volumes.py). Every jurisdiction is on exactly one volume, every claim and quote is on
its page, every link lands, every volume's as-of data gives the SQL's cells, and the index's
counts are the SQL's. Run on a synthetic corpus (synthetic_corpus.py) without Denver; the volume
pages are read as headless Chromium draws them (their DOM, after their scripts ran)."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

import pytest

from immigration_cooperation.codebook import LEVEL_MEANINGS
from immigration_cooperation.site_layout import PAGE_JURISDICTIONS, Layout
from immigration_cooperation.site_snapshots import snapshot_for
from immigration_cooperation.sql import connect, shared_connections

from site_reading import embedded_snapshots, read_page, sql_cells


@pytest.fixture(scope="module")
def national_site(tmp_path_factory):
    from immigration_cooperation.explorer import write_site
    from immigration_cooperation.synthetic_corpus import write_corpus

    folder = tmp_path_factory.mktemp("national-site") / "package"
    write_corpus(folder, 4 * PAGE_JURISDICTIONS, keep_real_local_ids=False)
    with shared_connections():  # as the build makes it
        written = write_site(folder, connect(folder), folder)
    return folder, written


@pytest.fixture(scope="module")
def con(national_site):
    folder, _ = national_site
    return connect(folder)


# Whether a volume's page is loaded and its script has drawn a row (matrix) or an entry in the
# contents (claims) for each jurisdiction in the page's data.
DRAWN = """
if (document.readyState !== 'complete') { return false; }
const volume = document.getElementById('volume'), claims = document.getElementById('claims');
if (volume) {
  return document.querySelectorAll('#matrix tbody tr').length === JSON.parse(volume.textContent).jurisdictions.length;
}
if (claims) {
  return document.querySelectorAll('#contents li').length === JSON.parse(claims.textContent).length;
}
return true;
"""


@pytest.fixture(scope="module")
def drawn(national_site):
    """Every page as the browser holds it after its scripts ran, and what the browser logged."""
    from selenium.webdriver.support.ui import WebDriverWait

    from immigration_cooperation.explorer_screenshots import headless_chromium
    from immigration_cooperation.problems import UserError

    folder, _ = national_site
    try:
        driver = headless_chromium(logging=True)
    except UserError as error:
        pytest.fail(f"the browser test needs Debian's chromium and chromium-driver ({error}; .ci/run installs them)")
    try:
        shown = {}
        for path in sorted((folder / "site").rglob("*.html")):
            name = path.relative_to(folder / "site").as_posix()
            if name.startswith(("matrix/", "jurisdictions/")):  # drawn by their scripts
                driver.get(path.resolve().as_uri())
                # Read once its script has drawn every jurisdiction its data holds: a full run
                # once read a volume of the matrix with none of its rows.
                WebDriverWait(driver, 30).until(lambda driver: driver.execute_script(DRAWN),
                                                f"{name}: its script did not draw every jurisdiction in 30 s")
                shown[name] = read_page(driver.execute_script("return document.documentElement.outerHTML"))
            else:
                shown[name] = read_page(path.read_text(encoding="utf-8"))
        logged = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    finally:
        driver.quit()
    return shown, logged


def pages(drawn) -> dict:
    return drawn[0]


def test_a_package_of_more_jurisdictions_than_a_page_holds_gets_volumes_of_at_most_a_page_each(national_site, con, drawn):
    from immigration_cooperation.explorer import page_paths

    folder, written = national_site
    ids = [j for (j,) in con.execute("SELECT jurisdiction_id FROM jurisdictions").fetchall()]
    layout = Layout.of(ids)
    assert len(ids) > PAGE_JURISDICTIONS and layout.in_volumes
    assert sorted(written) == sorted(page_paths(folder))  # what a release ships is what was written
    shown = pages(drawn)
    assert drawn[1] == []  # the scripts ran without an error or a warning
    on_matrix = [j for name, page in shown.items() if name.startswith("matrix/") for (j, _) in page.cells]
    assert sorted(set(on_matrix)) == sorted(ids) and len(on_matrix) == len(ids) * 6
    assert all(len({j for (j, _) in page.cells}) <= PAGE_JURISDICTIONS
               for name, page in shown.items() if name.startswith("matrix/"))
    claims_pages = [page for name, page in shown.items() if name.startswith("jurisdictions/")]
    assert sorted(anchor for page in claims_pages for anchor in page.ids if anchor.startswith("jurisdiction-")) \
        == sorted(f"jurisdiction-{j}" for j in ids)
    provisions = [p for (p,) in con.execute("SELECT provision_id FROM provisions").fetchall()]
    assert sorted(a for page in claims_pages for a in page.ids if a.startswith("provision-")) \
        == sorted(f"provision-{p}" for p in provisions)


def test_every_link_of_a_national_site_stays_inside_it_and_lands_on_an_anchor(drawn):
    shown = pages(drawn)
    broken = []
    for name, page in shown.items():
        for href in page.links:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, (name, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            if target not in shown or (parts.fragment and parts.fragment not in shown[target].ids):
                broken.append((name, href))
    assert broken == []


def test_a_volumes_cell_links_to_its_claim_or_to_its_jurisdictions_dimension(con, drawn):
    latest = {(j, d): p for j, d, p in con.execute(
        "SELECT jurisdiction_id, CAST(dimension AS VARCHAR), provision_id FROM policy_cells").fetchall()}
    for name, page in pages(drawn).items():
        for (jurisdiction, dimension), cell in page.cells.items():
            anchor = cell["href"].partition("#")[2]
            provision = latest[(jurisdiction, dimension)]
            assert anchor == (f"provision-{provision}" if provision else f"{jurisdiction}-dimension-{dimension}"), name


def test_a_volumes_claims_page_quotes_each_claims_evidence_and_links_it_to_its_passage(con, drawn):
    shown = pages(drawn)
    links = {href for name, page in shown.items() if name.startswith("jurisdictions/") for href in page.links}
    quotes = con.execute("SELECT source_id, evidence_id FROM evidence").fetchall()
    assert {f"../sources/{source}.html#evidence-{evidence}" for source, evidence in quotes} <= links
    statements = con.execute("SELECT DISTINCT s.source_id, s.statement_id FROM statements AS s "
                             "JOIN statement_jurisdictions USING (statement_id)").fetchall()
    assert {f"../sources/{source}.html#statement-{statement}" for source, statement in statements} <= links


def test_each_volumes_as_of_data_gives_its_cells_as_the_sql_does_on_every_day_it_embeds(national_site, con):
    folder, _ = national_site
    latest = sql_cells(con, "policy_cells")
    volumes = sorted((folder / "site" / "matrix").glob("*.html"))
    assert len(volumes) > 1
    days = None
    for path in volumes:
        html = path.read_text(encoding="utf-8")
        snapshots = embedded_snapshots(html)
        shown = set(re.findall(r'"jurisdiction_id":"([^"]+)"', html))
        assert set().union(*(snapshots["changes"].get(day, {}) for day in snapshots["days"])) <= shown
        days = snapshots["days"]
        for day in [*days, "1900-01-01", "2099-01-01"]:
            expected = {j: cells for j, cells in sql_cells(con, "policy_cells_as_of(CAST(? AS DATE))", [day]).items()
                        if j in shown}
            assert snapshot_for(snapshots, {j: latest[j] for j in shown}, day) == expected, (path.name, day)
    assert len(days) > 2  # the corpus has reported changes: days on which the answers differ


def test_the_index_of_a_national_site_counts_the_cells_as_the_sql_does_and_lists_every_volume(national_site, con):
    folder, _ = national_site
    html = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="matrix"' not in html  # no table of every jurisdiction
    labels = dict(con.execute("SELECT CAST(dimension AS VARCHAR), label FROM dimensions").fetchall())
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', html)
    shown = {(label, index): int(count.replace(",", "")) for label, cells in rows
             for index, count in enumerate(re.findall(r"<td>([\d,]+)</td>", cells))}
    for dimension, level, count in con.execute(
            "SELECT CAST(dimension AS VARCHAR), level, count(*) FROM policy_cells GROUP BY ALL").fetchall():
        assert shown[(labels[dimension], len(LEVEL_MEANINGS) if level is None else level)] == count
    volume_links = [href for href in read_page(html).links if href.startswith("matrix/")]
    assert volume_links == sorted(path.relative_to(folder / "site").as_posix()
                                  for path in (folder / "site" / "matrix").glob("*.html"))
