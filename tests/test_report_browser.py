"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Checks that every finding of the 2012 draft is listed, that the filters and the search work,
that the page fetches nothing, and saves the screenshot the README shows (docs/report.png,
refreshed with UPDATE_GOLDEN=1). Never downloads a browser: skipped when Chromium is missing.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import DRAFT_2012, ROOT, UPDATE_GOLDEN

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOT = ROOT / "docs" / "report.png"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_2012(tmp_path_factory):
    from natprog.run import extract

    out = tmp_path_factory.mktemp("report")
    extract(DRAFT_2012["docx"], out)
    data = json.loads((out / "np2012-draft.json").read_text(encoding="utf-8"))
    return out / "np2012-draft.report.html", data


@pytest.fixture
def page(browser, report_2012):
    path, _ = report_2012
    opened = browser.new_page(viewport={"width": 1200, "height": 1000})
    errors: list[str] = []
    requests: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # Console errors include Content-Security-Policy violations (something tried to load).
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto(path.as_uri())
    yield opened
    assert errors == [], "errors on the page"
    assert [url for url in requests if not url.startswith("file:")] == [], "the page fetched"
    opened.close()


def _visible(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".finding",
        "items => items.filter(i => !i.hidden && i.offsetParent !== null)"
        ".map(i => ({code: i.dataset.code, severity: i.dataset.severity, text: i.innerText}))",
    )


def test_every_finding_is_listed(page, report_2012):
    _, data = report_2012
    shown = _visible(page)
    assert len(shown) == len(data["findings"]) > 0
    for item, finding in zip(shown, data["findings"], strict=True):
        assert item["code"] == finding["code"]
        assert finding["message"] in item["text"]
        assert finding["text"] in item["text"]
    assert page.inner_text("#shown") == f"Показани {len(shown)} от {len(shown)}"


def test_severity_code_and_search_filters(page, report_2012):
    _, data = report_2012
    findings = data["findings"]
    page.uncheck("input[name=severity][value=error]")
    shown = _visible(page)
    assert len(shown) == sum(f["severity"] != "error" for f in findings)
    assert {item["severity"] for item in shown} <= {"warning", "info"}

    page.check("input[name=severity][value=error]")
    code, count = Counter(f["code"] for f in findings).most_common(1)[0]
    page.select_option("#code-filter", code)
    shown = _visible(page)
    assert len(shown) == count and {item["code"] for item in shown} == {code}
    assert page.inner_text("#shown") == f"Показани {count} от {len(findings)}"

    page.select_option("#code-filter", "")
    everything = _visible(page)
    word = next(f["text"] for f in reversed(findings) if f["text"]).split()[0]
    page.fill("#search", word.upper())  # the search ignores case
    expected = [item for item in everything if word.lower() in item["text"].lower()]
    assert 0 < len(_visible(page)) == len(expected)

    page.fill("#search", "няма такава дума")
    assert _visible(page) == []
    assert page.is_visible("#empty")

    page.click("#reset")
    assert len(_visible(page)) == len(findings)


def test_code_in_the_summary_filters_the_list(page, report_2012):
    _, data = report_2012
    code = data["findings"][-1]["code"]
    page.click(f".code-link[data-code='{code}']")
    assert {item["code"] for item in _visible(page)} == {code}


def test_print_hides_the_controls(page):
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert page.is_visible(".finding")


def test_screenshot_for_the_readme(page, tmp_path):
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    if UPDATE_GOLDEN or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    assert "docs/report.png" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_summary_fits_a_phone(browser, report_2012):
    """At a phone's width nothing spills sideways: the summary table wraps its long codes."""
    path, _ = report_2012
    phone = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        phone.goto(path.as_uri())
        widths = phone.evaluate(
            "() => ({page: document.documentElement.scrollWidth,"
            " table: document.querySelector('table.codes').getBoundingClientRect().right})"
        )
    finally:
        phone.close()
    assert widths["page"] <= 375, widths
    assert widths["table"] <= 375, widths
