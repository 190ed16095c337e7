"""Limits on the work a draft asks for, not only its bytes: paragraphs, cells, runs, characters.

A 2.5 MB DOCX can hold a million empty paragraphs; each limit is checked before the expensive
step (a streaming count before the XML tree is built) and names the option that raises it.
"""

from __future__ import annotations

import io

from lxml import etree

from ..errors import ContentLimitError
from ..options import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WHAT = {
    "max_paragraphs": "paragraphs",
    "max_cells": "table cells",
    "max_runs": "runs of text",
    "max_chars": "characters of text",
    "max_xml_elements": "XML elements",
}


def refuse(limit: str, value: int, path: str, where: str = "the draft") -> ContentLimitError:
    """The error for `limit` (a `Limits` field) exceeded; its message names the option."""
    option = "--" + limit.replace("_", "-")
    number = f"{value:,}".replace(",", " ")
    return ContentLimitError(
        f"{where} has more than {number} {_WHAT[limit]} (a generated or damaged file?): "
        f"raise the limit with {option} if the file is genuine",
        path=path,
    )


def check_word_part(data: bytes, limits: Limits, path: str, name: str) -> None:
    """Count a WordprocessingML part's paragraphs, cells, runs, text and elements in one
    streaming pass (memory stays flat), before any tree of it is built."""
    budget = {
        W + "p": ("max_paragraphs", limits.max_paragraphs),
        W + "tc": ("max_cells", limits.max_cells),
        W + "r": ("max_runs", limits.max_runs),
    }
    counts = dict.fromkeys(budget, 0)
    elements = chars = 0
    parser = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,  # the counts below are the limit, not libxml2's depth/size guards
    )
    try:
        for _event, element in parser:
            elements += 1
            if elements > limits.max_xml_elements:
                raise refuse("max_xml_elements", limits.max_xml_elements, path, name)
            tag = element.tag
            if tag in counts:
                counts[tag] += 1
                limit, value = budget[tag]
                if counts[tag] > value:
                    raise refuse(limit, value, path)
            elif tag == W + "t" and element.text:
                chars += len(element.text)
                if chars > limits.max_chars:
                    raise refuse("max_chars", limits.max_chars, path)
            if tag == W + "p" or tag == W + "tbl":
                element.clear(keep_tail=True)
                while element.getprevious() is not None:  # what is done is not kept
                    del element.getparent()[0]
    except etree.XMLSyntaxError:
        return  # the parse proper reports a damaged part, in its own words


def check_text(paragraphs: int, chars: int, limits: Limits, path: str) -> None:
    """Any format: the paragraphs (or lines) and characters the later stages will see."""
    if paragraphs > limits.max_paragraphs:
        raise refuse("max_paragraphs", limits.max_paragraphs, path)
    if chars > limits.max_chars:
        raise refuse("max_chars", limits.max_chars, path)
