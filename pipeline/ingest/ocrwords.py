"""Tesseract's hOCR into words, split where the letters' own boxes show a space it missed.

A space narrower than the model expects is lost (`МОи НПО` for `МО и НПО`). Letter boxes are
only rough with the LSTM engine (they overlap, their heights vary), so only a clear gap counts;
the letters' heights are not used to repair case (`мФ` for `МФ`): measured, that broke more
words than it fixed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels
Found = tuple[
    str, tuple[int, int, int, int], float, tuple[str, str]
]  # text, (l, t, w, h), conf, line

SPACE_GAP = 0.4  # a gap between letters wider than this share of the capital height is a space
_NUMBERS = re.compile(r"-?\d+")
_LINES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}


def _numbers(title: str, key: str) -> list[float]:
    for part in title.split(";"):
        part = part.strip()
        if part.startswith(key + " "):
            return [float(n) for n in part[len(key) :].split()]
    return []


def parse_hocr(hocr: str) -> list[Found]:
    """Words of a page in reading order, repaired, as (text, (left, top, width, height),
    confidence, line id)."""
    root = ET.fromstring(hocr)
    lines = []
    for element in root.iter():
        if element.get("class") not in _LINES:
            continue
        words = []
        for word in element:
            if word.get("class") != "ocrx_word":
                continue
            confidence = max(0.0, (_numbers(word.get("title", ""), "x_wconf") or [0.0])[0])
            chars = [
                (
                    char.text or "",
                    tuple(int(v) for v in _numbers(char.get("title", ""), "x_bboxes")),
                )
                for char in word
                if char.get("class") == "ocrx_cinfo" and (char.text or "").strip()
            ]
            if chars:
                words.append((chars, confidence))
        lines.append((element.get("id", ""), words))
    found: list[Found] = []
    for line_id, words in lines:
        for chars, confidence in words:
            for part in _split_at_gaps(chars):
                text = "".join(ch for ch, _ in part)
                left = min(box[0] for _, box in part)
                top = min(box[1] for _, box in part)
                right = max(box[2] for _, box in part)
                bottom = max(box[3] for _, box in part)
                found.append(
                    (text, (left, top, right - left, bottom - top), confidence, (line_id, ""))
                )
    return found


def _height(box: Box) -> int:
    return box[3] - box[1]


def _split_at_gaps(chars: list) -> list[list]:
    """A word split where the gap between two letters is as wide as a space."""
    capital = max(_height(box) for _, box in chars)
    parts = [[chars[0]]]
    for previous, current in zip(chars, chars[1:], strict=False):
        gap = current[1][0] - previous[1][2]
        if gap > SPACE_GAP * capital and previous[0].isalnum() and current[0].isalnum():
            parts.append([current])
        else:
            parts[-1].append(current)
    return parts
