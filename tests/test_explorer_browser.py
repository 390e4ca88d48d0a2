"""The evidence explorer in a real browser: headless Chromium driven by Selenium opens the pages
from disk, follows a matrix cell to its quote by mouse and by keyboard, checks every highlighted
passage, every cell's link and the as-of control against the data and the SQL, runs the axe-core
accessibility rules (contrast, names, keyboard) on every page, and watches the console and the
network. The passage and link checks are also run on a copy of the site with one highlight shifted
by a character and one cell's link broken, to show that they fail. Screenshots at desktop and
phone widths go to build/test-artifacts/."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from immigration_cooperation.explorer import record_kind
from immigration_cooperation.schema import QUOTED_RESOURCES

from site_reading import read_page

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / "site"
ARTIFACTS = ROOT / "build" / "test-artifacts"
# Every table whose rows quote an article: its key and the attribute its marks carry.
QUOTED = {resource.name: (resource.primary_key[0], f"data-{record_kind(resource)}-id")
          for resource in QUOTED_RESOURCES}
# Concatenated text of each marked record, in document order (a record whose passage overlaps
# another's is marked in several pieces).
MARKED_TEXT = """
const texts = {};
for (const element of document.querySelectorAll('mark.cited')) {
  for (const name of element.getAttributeNames()) {
    if (name.startsWith('data-') && name.endsWith('-id')) {
      const key = name + '=' + element.getAttribute(name);
      if (!element.parentElement.closest('[' + name + '="' + element.getAttribute(name) + '"]')) {
        texts[key] = (texts[key] || '') + element.textContent;
      }
    }
  }
}
return texts;
"""


def rows(table):
    with (ROOT / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def browser():
    from immigration_cooperation.explorer_screenshots import headless_chromium
    from immigration_cooperation.problems import UserError

    try:
        driver = headless_chromium(logging=True)
    except UserError as error:
        pytest.fail(f"the browser test needs Debian's chromium and chromium-driver ({error}; .ci/run installs them)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def open_page(driver, relative: str, site_dir: Path = SITE_DIR):
    driver.get((site_dir / relative).resolve().as_uri())


def source_quotes(source_id: str) -> dict[str, str]:
    """What the marks of one source page must hold: attribute=id -> the record's quote."""
    return {f"{attribute}={row[key]}": row["quote"]
            for table, (key, attribute) in QUOTED.items() for row in rows(table)
            if row["source_id"] == source_id and row.get("quote")}


def passage_mismatches(driver, source_id: str, site_dir: Path = SITE_DIR) -> dict:
    """Every record whose highlighted text on its source page is not its quote (or is missing, or
    is not in the data): attribute=id -> (text shown, quote)."""
    open_page(driver, f"sources/{source_id}.html", site_dir)
    marked = driver.execute_script(MARKED_TEXT)
    expected = source_quotes(source_id)
    return {key: (marked.get(key), expected.get(key)) for key in sorted(set(marked) | set(expected))
            if marked.get(key) != expected.get(key)}


# A cell's link must land on its own jurisdiction's page, inside that dimension's section, on the
# claim whose position the cell shows (or on the section itself when nothing addresses it).
# Where each of the page's fragments lands, asked in one call (a call per link cost half a second
# a check).
LANDINGS = """
return arguments[0].map(fragment => {
  const element = document.getElementById(fragment);
  if (!element) { return null; }
  const section = element.closest('section');
  const position = element.tagName === 'ARTICLE' ? element.querySelector('h4 code').textContent : null;
  return [element.tagName, section ? section.id : null, position];
});
"""


def broken_cell_links(driver, site_dir: Path = SITE_DIR) -> list[tuple]:
    """Every matrix cell whose link does not land where it should: (jurisdiction, dimension, href,
    what is wrong)."""
    open_page(driver, "index.html", site_dir)
    cells = driver.execute_script(
        "return Array.from(document.querySelectorAll('#matrix td.cell')).map(td => [td.dataset.jurisdiction, "
        "td.dataset.dimension, td.querySelector('a').getAttribute('href'), td.querySelector('a').textContent])")
    by_page: dict[str, list] = {}
    for jurisdiction, dimension, href, shown in cells:
        page, _, fragment = href.partition("#")
        by_page.setdefault(page, []).append((jurisdiction, dimension, href, shown, fragment))
    broken = []
    for page, links in sorted(by_page.items()):
        if not (site_dir / page).is_file():
            broken.extend((*link[:3], "no such page") for link in links)
            continue
        open_page(driver, page, site_dir)
        landings = driver.execute_script(LANDINGS, [link[4] for link in links])
        for (jurisdiction, dimension, href, shown, fragment), landing in zip(links, landings, strict=True):
            if page != f"jurisdictions/{jurisdiction}.html":
                broken.append((jurisdiction, dimension, href, "another jurisdiction's page"))
            elif landing is None:
                broken.append((jurisdiction, dimension, href, "no such anchor"))
            elif landing[1] != f"dimension-{dimension}":
                broken.append((jurisdiction, dimension, href, f"lands in {landing[1]}"))
            elif landing[0] == "ARTICLE" and landing[2] != shown:
                broken.append((jurisdiction, dimension, href, f"the claim says {landing[2]}, the cell {shown}"))
    return broken


def every_page() -> list[str]:
    return ["index.html", "codebook.html",
            *(f"jurisdictions/{path.name}" for path in sorted((SITE_DIR / "jurisdictions").glob("*.html"))),
            *(f"sources/{path.name}" for path in sorted((SITE_DIR / "sources").glob("*.html")))]


def denver_status_inquiry_quote() -> dict:
    """The first quote of the claim Denver's status-inquiry cell links to."""
    index = read_page((SITE_DIR / "index.html").read_text(encoding="utf-8"))
    provision = index.cells[("denver-co", "status_inquiry")]["href"].partition("#provision-")[2]
    return next(row for row in rows("evidence") if row["provision_id"] == provision)


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_denver_status_inquiry_cell_leads_in_two_clicks_to_its_quote_highlighted(browser):
    open_page(browser, "index.html")
    cell = browser.find_element("css selector", 'td[data-jurisdiction="denver-co"][data-dimension="status_inquiry"] a')
    assert cell.text == "prohibited"
    cell.click()
    provision = browser.current_url.split("#provision-")[1]
    claim = browser.find_element("id", f"provision-{provision}")
    quote = next(row for row in rows("evidence") if row["provision_id"] == provision)
    link = claim.find_element("css selector", f'a[href$="#evidence-{quote["evidence_id"]}"]')
    link.click()
    assert browser.current_url.endswith(f"sources/{quote['source_id']}.html#evidence-{quote['evidence_id']}")
    marked = browser.execute_script(MARKED_TEXT)
    assert marked[f"data-evidence-id={quote['evidence_id']}"] == quote["quote"]
    highlighted = browser.find_element("id", f"evidence-{quote['evidence_id']}")
    assert highlighted.tag_name == "mark" and highlighted.is_displayed()


# Every element that receives focus, in order, with its focus ring as the browser draws it: kept
# by a listener, so a run of Tab presses is one round trip to the browser.
WATCH_FOCUS = """
window.focusedInOrder = [];
window.focusedElements = [];
document.addEventListener('focusin', function (event) {
  window.focusedElements.push(event.target);
  window.focusedInOrder.push(window.focusRecord(event.target));
});
window.focusRecord = function (element) {
  const style = getComputedStyle(element);
  const cell = element.closest('td.cell');
  return {tag: element.tagName, id: element.id, href: element.getAttribute('href'),
    cell: cell ? cell.dataset.jurisdiction + '/' + cell.dataset.dimension : null,
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
    window_focused: document.hasFocus()};
};
"""
# A stop recorded without a ring is focused again and read once the page is settled: under load
# Chromium has fired focusin on the page's first link before the :focus style applied to it (seen
# once in a full run, never alone). The element read again is the one the keyboard reached.
FOCUS_AGAIN = """
const element = window.focusedElements[arguments[0]];
window.focus();
element.focus();
return window.focusRecord(element);
"""
FOCUSED = """
const element = document.activeElement;
const cell = element.closest('td.cell');
return {id: element.id, href: element.getAttribute('href'),
        cell: cell ? cell.dataset.jurisdiction + '/' + cell.dataset.dimension : null};
"""


def luminance(css_colour: str) -> float:
    """WCAG 2 relative luminance of an rgb()/rgba() colour."""
    channels = [int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3]]
    red, green, blue = (part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4 for part in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The text colour of an element and the first opaque background behind it, walking up the page;
# a background image (the hatch of "not addressed") is reported as such.
BEHIND = """
let element = document.querySelector(arguments[0]);
const colour = getComputedStyle(element).color;
for (; element; element = element.parentElement) {
  const style = getComputedStyle(element);
  if (style.backgroundImage !== 'none') { return [colour, null, element.matches('.not-addressed')]; }
  if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') { return [colour, style.backgroundColor, false]; }
}
return [colour, 'rgb(255, 255, 255)', false];
"""


def test_the_keyboard_reaches_every_control_and_cell_with_a_visible_focus_and_follows_a_cell_to_its_quote(browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def press(key, times=1):
        ActionChains(browser).send_keys(*[key] * times).perform()
        return browser.execute_script(FOCUSED)

    open_page(browser, "index.html")
    cells = browser.execute_script("return Array.from(document.querySelectorAll('#matrix td.cell'))"
                                   ".map(td => td.dataset.jurisdiction + '/' + td.dataset.dimension)")
    links = browser.execute_script("return document.querySelectorAll('a').length")
    browser.execute_script(WATCH_FOCUS)
    # Enough presses to pass every link and control (a date field takes one per part) and leave.
    press(Keys.TAB, links + 20)
    visited = browser.execute_script("return window.focusedInOrder")
    reached = {item["id"] or item["cell"] for item in visited}
    assert {"as-of", "latest", *cells} <= reached

    def without_ring(item):
        return item["outline"] == "none" or item["width"] < 2 or contrast(item["colour"], "rgb(255, 255, 255)") < 3

    again = [browser.execute_script(FOCUS_AGAIN, index) for index, item in enumerate(visited) if without_ring(item)]
    unseen = [item for item in again if without_ring(item)]
    assert [(item["id"] or item["href"], item["outline"], item["colour"], item["window_focused"])
            for item in unseen] == []

    # Enter on a cell opens its claim; the next Tab is the claim's quote; Enter opens the passage.
    quote = denver_status_inquiry_quote()
    open_page(browser, "index.html")
    focused = press(Keys.TAB)
    while focused["cell"] != "denver-co/status_inquiry":
        focused = press(Keys.TAB)
    press(Keys.ENTER)
    assert browser.current_url.endswith(f"jurisdictions/denver-co.html#provision-{quote['provision_id']}")
    focused = press(Keys.TAB)
    assert focused["href"] == f"../sources/{quote['source_id']}.html#evidence-{quote['evidence_id']}"
    press(Keys.ENTER)
    assert browser.current_url.endswith(f"sources/{quote['source_id']}.html#evidence-{quote['evidence_id']}")
    target = browser.execute_script("const e = document.querySelector(':target'); return [e.tagName, e.id, "
                                    "getComputedStyle(e).outlineStyle]")
    assert target == ["MARK", f"evidence-{quote['evidence_id']}", "solid"]


def test_every_page_passes_the_axe_accessibility_rules(browser):
    from axe_core_python.selenium import Axe

    axe = Axe()
    # resultTypes: passing and inapplicable rules come back with one example node, not all.
    rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations", "incomplete"]}
    violations, undecided = {}, {}
    for relative in every_page():
        open_page(browser, relative)
        results = axe.run(browser, options=rules)
        for rule in results["violations"]:
            violations.setdefault(relative, []).append((rule["id"], [node["html"][:80] for node in rule["nodes"]]))
        # Where axe cannot decide a contrast (a mark that wraps across lines overlaps its
        # neighbours; the hatch of "not addressed" is a background image), it is measured here
        # against the first opaque background behind the text; test_explorer.py checks the ink of
        # "not addressed" against both of the hatch's colours.
        for rule in results["incomplete"]:
            for node in rule["nodes"]:
                if rule["id"] == "color-contrast":
                    ink, background, hatched = browser.execute_script(BEHIND, node["target"][0])
                    if hatched or (background and contrast(ink, background) >= 4.5):
                        continue
                undecided.setdefault(relative, []).append((rule["id"], node["html"][:80]))
    assert violations == {}
    assert undecided == {}


@pytest.mark.parametrize("source", rows("sources"), ids=lambda source: source["source_id"])
def test_every_highlighted_passage_on_a_source_page_is_its_records_quote(browser, source):
    assert passage_mismatches(browser, source["source_id"]) == {}
    shown = browser.execute_script("return ['before', 'body', 'after'].map("
                                   "part => document.querySelector('[data-part=' + part + ']').textContent).join('')")
    assert shown == (ROOT / source["path"]).read_bytes().decode("utf-8")


def test_every_matrix_cell_links_to_its_claim_or_to_its_not_addressed_section(browser):
    assert broken_cell_links(browser) == []


def test_the_checks_fail_on_a_highlight_one_character_off_and_on_a_broken_cell_link(browser, tmp_path):
    # The two checks above, run on a copy of the site with one mark widened by the character before
    # it and one cell's anchor misspelt, must each name exactly what was broken.
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    try:
        check_the_checks_on_a_broken_copy(browser, site)
    finally:
        # This copy lies outside the site folder: what the browser logged and fetched for it is
        # left out of the last test's watch over the real site.
        browser.get_log("browser")
        browser.get_log("performance")


def check_the_checks_on_a_broken_copy(browser, site: Path):
    quote = denver_status_inquiry_quote()
    page = site / "sources" / f"{quote['source_id']}.html"
    html = page.read_text(encoding="utf-8")
    opening = re.search(rf'<mark [^>]*id="evidence-{re.escape(quote["evidence_id"])}"[^>]*>', html)
    before = html[opening.start() - 1]
    assert before not in "<>&;", "the character before the mark must be plain text for this edit"
    page.write_text(html[:opening.start() - 1] + opening.group() + before + html[opening.end():], encoding="utf-8")
    key = f"data-evidence-id={quote['evidence_id']}"
    assert passage_mismatches(browser, quote["source_id"], site) == {key: (before + quote["quote"], quote["quote"])}

    index = site / "index.html"
    html = index.read_text(encoding="utf-8")
    anchor = f'href="jurisdictions/denver-co.html#provision-{quote["provision_id"]}"'
    assert html.count(anchor) == 1
    index.write_text(html.replace(anchor, anchor[:-1] + 'x"'), encoding="utf-8")
    assert broken_cell_links(browser, site) == [
        ("denver-co", "status_inquiry", f"jurisdictions/denver-co.html#provision-{quote['provision_id']}x",
         "no such anchor")]


@pytest.mark.parametrize("day", ["2016-11-30", "2017-03-01", "2025-06-01"])
def test_the_as_of_control_redraws_the_matrix_as_the_sql_answers(browser, day):
    open_page(browser, "index.html")
    browser.execute_script("const input = document.getElementById('as-of'); input.value = arguments[0];"
                           "input.dispatchEvent(new Event('change'));", day)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#matrix td.cell')).map(td => "
        "[td.dataset.jurisdiction, td.dataset.dimension, td.querySelector('a').textContent])")
    connection = duckdb.connect()
    connection.execute((ROOT / "sql" / "views.sql").read_text(encoding="utf-8")
                       .replace("read_csv('data/", f"read_csv('{(ROOT / 'data').as_posix()}/"))
    connection.execute("CREATE TEMP TABLE matrix AS SELECT * FROM policy_matrix_as_of(CAST(? AS DATE))", [day])
    dimensions = [name for (name,) in connection.execute(
        "SELECT CAST(dimension AS VARCHAR) FROM dimensions ORDER BY sort_order").fetchall()]
    expected = connection.execute(f"SELECT jurisdiction_id, dimension, position FROM matrix UNPIVOT "
                                  f"(position FOR dimension IN ({', '.join(dimensions)}))").fetchall()
    assert sorted(map(tuple, shown)) == sorted(expected)
    assert browser.find_element("id", "as-of-state").text == f"Showing positions of record as of {day}."


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_pages_fit_the_screen_and_are_saved_as_screenshots(browser, width):
    from selenium.webdriver.support.wait import WebDriverWait

    browser.set_window_size(width, 900)
    for name, relative in (("index", "index.html"), ("source", "sources/johnston-2025-denver-ice.html")):
        open_page(browser, relative)
        # Once, in a full run on a fresh clone, the index measured 881 px wide in a 375 px window
        # (never alone, nor under load): measure only once the viewport has its width and two
        # frames have been drawn at it, so a resize still reaching the layout cannot be the cause.
        WebDriverWait(browser, 10).until(lambda driver: driver.execute_script("return window.innerWidth") <= width)
        browser.execute_async_script("const done = arguments[arguments.length - 1]; "
                                     "requestAnimationFrame(() => requestAnimationFrame(() => done()))")
        # Only the tables' own scroll boxes may be wider than the screen, never the page.
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (relative, width, overflow)
        browser.save_screenshot(str(ARTIFACTS / f"explorer-{name}-{width}.png"))
    browser.set_window_size(1280, 900)


def test_the_browser_logged_no_errors_and_fetched_nothing_outside_the_site(browser):
    for relative in every_page():
        open_page(browser, relative)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    site = SITE_DIR.resolve().as_uri()
    # data: URLs are the browser's own (the date picker's icon), not fetched from anywhere.
    outside = [url for url in requested_urls(browser) if not url.startswith((site + "/", "data:"))]
    assert outside == []


def test_the_screenshot_command_takes_both_pictures_of_the_site_it_is_given(tmp_path):
    from PIL import Image

    from immigration_cooperation.explorer_screenshots import SCREENSHOTS, stale, take

    shutil.copytree(SITE_DIR, tmp_path / "site")
    (tmp_path / "data").mkdir()
    shutil.copyfile(ROOT / "data" / "evidence.csv", tmp_path / "data" / "evidence.csv")
    assert stale(tmp_path) == [f"{screenshot.path} is missing" for screenshot in SCREENSHOTS]
    take(tmp_path)
    assert stale(tmp_path) == []
    for screenshot in SCREENSHOTS:
        with Image.open(tmp_path / screenshot.path) as image:
            assert image.size == (screenshot.width, screenshot.height)
