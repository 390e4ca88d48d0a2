"""The evidence explorer in a real browser: headless Chromium driven by Selenium opens the pages
from disk, follows a matrix cell to its quote, checks every highlighted passage and the as-of
control against the SQL, and watches the console and the network. Screenshots at desktop and
phone widths go to build/test-artifacts/."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from immigration_cooperation.explorer import record_kind
from immigration_cooperation.schema import QUOTED_RESOURCES

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / "site"
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
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
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver: "
                    "apt-get install chromium chromium-driver (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def open_page(driver, relative: str):
    driver.get((SITE_DIR / relative).resolve().as_uri())


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


@pytest.mark.parametrize("source", rows("sources"), ids=lambda source: source["source_id"])
def test_every_highlighted_passage_on_a_source_page_is_its_records_quote(browser, source):
    open_page(browser, f"sources/{source['source_id']}.html")
    marked = browser.execute_script(MARKED_TEXT)
    expected = {f"{attribute}={row[key]}": row["quote"]
                for table, (key, attribute) in QUOTED.items() for row in rows(table)
                if row["source_id"] == source["source_id"] and row.get("quote")}
    assert marked == expected
    shown = browser.execute_script("return ['before', 'body', 'after'].map("
                                   "part => document.querySelector('[data-part=' + part + ']').textContent).join('')")
    assert shown == (ROOT / source["path"]).read_bytes().decode("utf-8")


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
    browser.set_window_size(width, 900)
    for name, relative in (("index", "index.html"), ("source", "sources/johnston-2025-denver-ice.html")):
        open_page(browser, relative)
        # Only the tables' own scroll boxes may be wider than the screen, never the page.
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (relative, width, overflow)
        browser.save_screenshot(str(ARTIFACTS / f"explorer-{name}-{width}.png"))
    browser.set_window_size(1280, 900)


def test_the_browser_logged_no_errors_and_fetched_nothing_outside_the_site(browser):
    for relative in ["index.html", "codebook.html", *(f"jurisdictions/{path.name}" for path in
                                                     sorted((SITE_DIR / "jurisdictions").glob("*.html"))),
                     *(f"sources/{path.name}" for path in sorted((SITE_DIR / "sources").glob("*.html")))]:
        open_page(browser, relative)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    site = SITE_DIR.resolve().as_uri()
    # data: URLs are the browser's own (the date picker's icon), not fetched from anywhere.
    outside = [url for url in requested_urls(browser) if not url.startswith((site + "/", "data:"))]
    assert outside == []
