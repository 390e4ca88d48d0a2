"""The explorer's screenshots in the README (docs/explorer-*.png), taken in headless Chromium.

A browser's pixels are not byte-reproducible from one machine to the next (fonts, the browser's
version), so `cooperation build` does not take them: `cooperation screenshot` (`make screenshot`)
does. Each PNG records which page it shows and the sha256 of every site file that page is drawn
from, and a test fails when any of them has changed since, so the README never shows an explorer
that is no longer the one in `site/`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .explorer import SITE
from .problems import UserError

# The PNG text keys that carry a screenshot's provenance.
PAGE_KEY = "explorer-page"
FILES_KEY = "explorer-files"
BROWSER_KEY = "Software"


@dataclass(frozen=True)
class Screenshot:
    path: str  # where it is written, relative to the package root
    width: int  # CSS pixels: a desktop and a phone
    height: int
    what: str  # what it shows, for the progress line


SCREENSHOTS = (
    Screenshot("docs/explorer-matrix.png", 1280, 820, "the policy matrix on a desktop"),
    Screenshot("docs/explorer-passage.png", 375, 740, "a cell's quote in its article on a phone"),
)


def first_cited_passage(root: Path) -> str:
    """The page the second screenshot shows: the first quote of the first matrix cell that has a
    claim, in its article (what a reader reaches in two clicks from that cell)."""
    index = (root / SITE / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<td class="cell [^"]*"[^>]*>\s*<a href="jurisdictions/[^"#]+\.html#provision-([^"]+)"', index)
    if found is None:
        raise UserError(f"{SITE}/index.html has no cell with a claim to follow; run cooperation build")
    with (root / "data" / "evidence.csv").open(encoding="utf-8", newline="") as handle:
        quote = next((row for row in csv.DictReader(handle) if row["provision_id"] == found.group(1)), None)
    if quote is None:
        raise UserError(f"no quote in data/evidence.csv for provision {found.group(1)}")
    return f"sources/{quote['source_id']}.html#evidence-{quote['evidence_id']}"


def pages(root: Path) -> dict[str, str]:
    """Each screenshot's path -> the site page (with its fragment) it shows."""
    return {SCREENSHOTS[0].path: "index.html", SCREENSHOTS[1].path: first_cited_passage(root)}


def drawn_from(root: Path, page: str) -> dict[str, str]:
    """The site files a page is drawn from (itself and the style sheet) -> their sha256."""
    files = (f"{SITE}/{page.partition('#')[0]}", f"{SITE}/style.css")
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in files}


def recorded(path: Path) -> tuple[str | None, dict[str, str]]:
    """The page and file hashes a screenshot says it was taken from (None, {} when it says none)."""
    from PIL import Image

    with Image.open(path) as image:
        text = dict(getattr(image, "text", {}))
    return text.get(PAGE_KEY), json.loads(text.get(FILES_KEY, "{}"))


def stale(root: Path) -> list[str]:
    """Why each screenshot no longer shows the site as built (empty when all are current)."""
    reasons = []
    for path, page in pages(root).items():
        if not (root / path).is_file():
            reasons.append(f"{path} is missing")
            continue
        shown, files = recorded(root / path)
        if shown != page:
            reasons.append(f"{path} shows {shown}, the explorer's first cited passage is now {page}")
        elif files != drawn_from(root, page):
            changed = sorted(name for name, digest in drawn_from(root, page).items() if files.get(name) != digest)
            reasons.append(f"{path} was taken before {', '.join(changed)} changed")
    return reasons


def headless_chromium(width: int = 1280, height: int = 900, logging: bool = False):
    """A Selenium driver for Debian's chromium and chromium-driver, headless, reading local files."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise UserError("screenshots need selenium: pip install -r requirements.lock "
                        "(make build installs it)") from None
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (os.path.exists(chromium) and os.path.exists(chromedriver)):
        raise UserError("no headless browser: on Debian or Ubuntu, apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--allow-file-access-from-files",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if logging:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def take(root: Path, progress=lambda message: None) -> list[Path]:
    """Take every screenshot of the site as it is in `root`, each written whole or not at all."""
    from PIL import Image, PngImagePlugin

    missing = [name for name in (f"{SITE}/index.html", f"{SITE}/style.css") if not (root / name).is_file()]
    if missing:
        raise UserError(f"{', '.join(missing)} not found; run cooperation build first")
    driver = headless_chromium()
    written = []
    try:
        browser = f"Chromium {driver.capabilities.get('browserVersion', 'unknown')}"
        for screenshot, page in zip(SCREENSHOTS, pages(root).values()):
            driver.set_window_size(screenshot.width, screenshot.height)
            # The window's inner size is what the page sees; size it so that is the one asked for.
            inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
            driver.set_window_size(2 * screenshot.width - inner[0], 2 * screenshot.height - inner[1])
            page_path, _, fragment = page.partition("#")
            driver.get((root / SITE / page_path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
            if fragment:
                # The browser puts the passage at the very top; centre it so its context shows.
                driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})",
                                      fragment)
            pixels = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
            text = PngImagePlugin.PngInfo()
            text.add_text(PAGE_KEY, page)
            text.add_text(FILES_KEY, json.dumps(drawn_from(root, page), sort_keys=True))
            text.add_text(BROWSER_KEY, browser)
            target = root / screenshot.path
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            pixels.save(partial, format="PNG", pnginfo=text, optimize=True)
            partial.replace(target)
            written.append(target)
            progress(f"wrote {screenshot.path}: {screenshot.what} ({page}, {pixels.width}x{pixels.height})")
    finally:
        driver.quit()
    return written
