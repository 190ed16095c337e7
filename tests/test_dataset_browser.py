"""The dataset's site in a real browser: `natprog browse` (Datasette) driven by Playwright with
Debian's headless Chromium. A faceted activities page and a full-text search must show the rows
the generator implies, and the site must fetch nothing from the network."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import test_report_browser

pytestmark = pytest.mark.browser
browser = test_report_browser.browser  # the one Chromium launcher, shared with the report test


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(generated_series, tmp_path_factory):
    """`natprog browse` on a copy of the generated dataset; yields the site's address."""
    pytest.importorskip("datasette", reason="Datasette is not installed: pip install -e '.[web]'")
    database = tmp_path_factory.mktemp("site") / "programmes.sqlite"
    shutil.copy(generated_series[3], database)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "natprog", "browse", str(database), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the cleanup reaches Datasette too
    )
    address = f"http://127.0.0.1:{port}"
    try:
        # Not a speed limit: only how long to wait for a server that never comes up.
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{address}/-/versions.json", timeout=5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"`natprog browse` did not start (exit {process.poll()})")
                time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def page(browser, site):
    opened = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    requests: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    assert errors == [], "errors on the page"
    assert [url for url in requests if not url.startswith(site)] == [], "the site fetched"
    opened.close()


def _column(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"table.rows-and-columns tbody td.col-{name}", "cells => cells.map(c => c.innerText.trim())"
    )


def test_faceted_activities_page(page, site, generated_series):
    generator = generated_series[0]
    page.goto(f"{site}/programmes/activities")
    assert "Дейности" in page.inner_text("h1")
    # the facets the metadata asks for; narrow to the 2016 programme, second version, by clicking
    for facet in ("#facet-year li a >> text=2016", "#facet-version li a >> text=2"):
        with page.expect_navigation(wait_until="load"):
            page.click(facet)
    last = generator.snapshots[-1]
    assert page.inner_text("h3").split()[0] == str(len(last.ids))
    assert sorted(_column(page, "id")) == sorted(last.ids.values())
    assert set(_column(page, "year")) == {"2016"}
    # the column labels are Bulgarian
    header = page.get_attribute("th.col-responsible", "data-column-description")
    assert header == "Отговорна институция"


def test_full_text_search(page, site, generated_series):
    generator = generated_series[0]
    page.goto(f"{site}/programmes/activities")
    page.fill("#_search", "телефонна линия")
    # Read the table only once the search's page has loaded: reading it mid-navigation mixed the
    # old page's columns with the new one's (a flaky failure on a loaded machine).
    with page.expect_navigation(wait_until="load"):
        page.press("#_search", "Enter")
    expected = sorted(
        f"{s.year} {s.version} {new_id}"
        for s in generator.snapshots
        for key, new_id in s.ids.items()
        if "телефонна линия" in s.values[key]["title"]
    )
    shown = sorted(
        f"{y} {v} {i}"
        for y, v, i in zip(
            _column(page, "year"), _column(page, "version"), _column(page, "id"), strict=True
        )
    )
    assert shown == expected
    assert {"2013 1 II.8", "2014 2 II.7"} < set(expected)  # the added hotline, 2013 to 2014


def test_canned_query_page(page, site):
    page.goto(f"{site}/programmes/dropped")
    assert "Отпаднали дейности" in page.inner_text("h1")
    assert len(page.query_selector_all("table.rows-and-columns tbody tr")) == 6
