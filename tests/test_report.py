"""The HTML proofreading report: self-contained, every finding with its place and highlight.

The text of the report is a golden file (`tests/golden/<case>/np2012-draft.report.txt`); the
real-browser test is in test_report_browser.py.
"""

from __future__ import annotations

import copy
import re

import lxml.html
import pytest
from test_golden import _compare

from conftest import DRAFT_2012, GOLDEN
from natprog.emit.html_report import render_report
from natprog.models import to_roman

_BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "option", "label", "legend"}


def report_text(html: str) -> str:
    """What a reader sees: the visible text, a line per block, scripts and styles left out."""
    root = lxml.html.fromstring(html)
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    for element in root.iter():
        if element.tag in _BLOCKS or element.tag == "blockquote":
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line) + "\n"


@pytest.fixture(scope="module")
def data_2012(results_2012):
    return results_2012["docx"].to_dict()


@pytest.fixture(scope="module")
def page_2012(data_2012):
    return lxml.html.fromstring(render_report(data_2012))


def test_self_contained(data_2012):
    html = render_report(data_2012)
    assert "<style>" in html and "<script>" in html
    assert not re.search(r"<link\b|<script[^>]+src=|<img\b|@import|url\(", html)
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)
    assert "default-src 'none'" in html  # the page may not fetch anything, ever


def test_every_finding_in_document_order(data_2012, page_2012):
    items = page_2012.xpath("//li[contains(@class, 'finding')]")
    assert len(items) == len(data_2012["findings"]) > 0
    for item, finding in zip(items, data_2012["findings"], strict=True):
        assert item.get("data-code") == finding["code"]
        assert item.get("data-severity") == finding["severity"]
        text = " ".join(item.text_content().split())
        assert " ".join(finding["message"].split()) in text
        if finding["suggestion"]:
            assert " ".join(f"Предложение: {finding['suggestion']}".split()) in text
        if finding["start"] is not None and finding["end"] > finding["start"]:
            (mark,) = item.xpath(".//mark")
            assert mark.text_content() == finding["context"][finding["start"] : finding["end"]]


def test_location_is_shown(page_2012):
    (variant,) = [
        item
        for item in page_2012.xpath("//li[@data-code='label.variant']")
        if "Дейност 5" in item.text_content() and "Раздел III" in item.text_content()
    ]
    where = " ".join(variant.xpath(".//span[@class='where']")[0].text_content().split())
    assert where == "Раздел III · Дейност 5 · поле „Партньори“"
    place = " ".join(variant.xpath(".//p[@class='place']")[0].text_content().split())
    assert place == "абзац 285 · label.variant"


def test_a_card_leads_with_what_a_word_user_can_find(data_2012, page_2012):
    """Section/activity/field, then the quote, then the message; paragraph and code last."""
    for item in page_2012.xpath("//li[contains(@class, 'finding')]"):
        order = [child.get("class") for child in item.iterchildren()]
        head = item.xpath("div[@class='finding-head']")[0]
        assert [c.get("class").split()[0] for c in head.iterchildren()][:2] in (
            ["badge", "where"],
            ["badge"],
        )
        assert order[-1] == "place", order
        if "context" in order:
            assert order.index("context") < order.index("message") < order.index("place")
        assert not head.xpath(".//code"), "the code is a secondary label, not the headline"


def test_summary_counts_and_chart(data_2012, page_2012):
    rows = page_2012.xpath("//table[@class='codes']/tbody/tr")
    counts = {row.xpath(".//code")[0].text: int(row.xpath("td[3]")[0].text) for row in rows}
    assert counts == data_2012["summary"]["by_code"]
    bars = page_2012.xpath("//div[@class='bar-row']")
    labels = [" ".join(bar.xpath("span[1]")[0].text_content().split()[:2]) for bar in bars]
    assert labels[: len(data_2012["sections"])] == [
        f"Раздел {to_roman(s['number'])}" for s in data_2012["sections"]
    ]
    per_section = [int(bar.xpath("span[@class='bar-count']")[0].text) for bar in bars]
    assert sum(per_section) == len(data_2012["findings"])


def test_filters_offer_every_severity_and_code(data_2012, page_2012):
    severities = page_2012.xpath("//input[@name='severity']/@value")
    assert severities == ["error", "warning", "info"]
    codes = page_2012.xpath("//select[@id='code-filter']/option/@value")
    assert codes == [""] + sorted(data_2012["summary"]["by_code"])
    assert page_2012.xpath("//input[@type='search']")


def test_text_from_the_draft_is_escaped(data_2012):
    data = copy.deepcopy(data_2012)
    finding = data["findings"][0]
    finding["context"] = "<script>alert(1)</script> и <b>"
    finding["start"], finding["end"] = 0, 8
    finding["message"] = "съобщение с <img src=x>"
    html = render_report(data)
    assert "<script>alert(1)" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;" in html


def test_no_findings():
    data = {
        "source": {"file": "x.docx", "format": "docx", "sha256": "0" * 64},
        "programme": None,
        "document": {},
        "sections": [],
        "activities": [],
        "findings": [],
        "summary": {"sections": 0, "activities": 0, "findings": 0, "by_severity": {}},
    }
    page = lxml.html.fromstring(render_report(data))
    assert "Проверката не откри забележки." in page.text_content()
    assert not page.xpath("//li[contains(@class, 'finding')]")


def test_printable(data_2012):
    html = render_report(data_2012)
    assert "@media print" in html
    print_css = html[html.index("@media print") :]
    assert re.search(r"\.filters[^{]*\{ display: none", print_css)


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_report_text_matches_golden(fmt, tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012[fmt], "-o", tmp_path)
    assert result.code == 0, result.err
    html = (tmp_path / "np2012-draft.report.html").read_text(encoding="utf-8")
    _compare(report_text(html), GOLDEN / f"np2012-{fmt}" / "np2012-draft.report.txt")


def test_what_the_report_shows_is_bulgarian(data_2012, page_2012):
    """Signals in words, kinds of finding by their Bulgarian title; the code a secondary label."""
    text = page_2012.text_content()
    assert "document-usage" not in text and "word-proofing" not in text
    assert "Признаци: предложението се среща другаде в документа" in " ".join(text.split())
    first = page_2012.xpath("//table[@class='codes']/tbody/tr")[0]
    assert first.xpath("td[1]//button")[0].text_content() != first.xpath(".//code")[0].text
    options = page_2012.xpath("//select[@id='code-filter']/option")[1:]
    assert all("." not in option.text.split(" (")[0] for option in options)
