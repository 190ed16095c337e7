"""A variant written as DOCX (python-docx package, body XML by hand), with the structure it renders.

Every string placed in the document is also recorded in `Expected`, so the expectation is exactly
what was rendered: a field left empty is expected empty, a label written in a cell is expected
as the field's label and not in its value.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from natprog.models import FIELD_KEYS, to_roman

from .content import ActivityContent, Expected, SectionContent, load_content
from .variant import Variant

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
from docxkit import (  # noqa: E402
    PAGE_H,
    PAGE_W,
    W_NS,
    append_xml,
    esc,
    new_document,
    save,
)

_VOWELS = set("аеиоуъюяэыАЕИОУЪЮЯ")
_WORD = re.compile(r"[А-Яа-я]{10,}")


def soft_hyphens(text: str) -> str:
    """Optional hyphens (U+00AD) at vowel–consonant–vowel points of long words, as Word's
    manual hyphenation leaves them; the reader must not show them or split words there."""

    def hyphenate(match: re.Match) -> str:
        word = match.group(0)
        out = word[0]
        for index in range(1, len(word)):
            left, right = index, len(word) - index
            if (
                left >= 3
                and right >= 3
                and word[index - 1] in _VOWELS
                and word[index] not in _VOWELS
                and word[index + 1] in _VOWELS
            ):
                out += "\u00ad"
            out += word[index]
        return out

    return _WORD.sub(hyphenate, text)


def split_value(text: str) -> tuple[str, str] | None:
    cuts = [i for i, ch in enumerate(text) if ch in ",;" and text[i + 1 : i + 2] == " "]
    if not cuts:
        return None
    cut = min(cuts, key=lambda i: abs(i - len(text) // 2))
    return text[: cut + 1], text[cut + 2 :]


class _Writer:
    def __init__(self, variant: Variant) -> None:
        self.v = variant
        self.rng = random.Random(variant.seed * 7919 + 1)
        self.expected = Expected()
        self.nums: list[str] = []

    # -- runs and paragraphs ------------------------------------------------------------------
    def run(self, text: str, bold: bool = False, hyphens: bool = True) -> str:
        if hyphens and self.v.hyphenate:
            text = soft_hyphens(text)
        parts = []
        for index, line in enumerate(text.split("\n")):
            if index:
                parts.append("<w:br/>")
            if line:
                parts.append(f'<w:t xml:space="preserve">{esc(line)}</w:t>')
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return f"<w:r>{props}{''.join(parts)}</w:r>"

    def para(
        self, *runs: str, style: str | None = None, center: bool = False, numbered: str = ""
    ) -> str:
        props = f'<w:pStyle w:val="{style}"/>' if style else ""
        props += numbered
        if center:
            props += '<w:jc w:val="center"/>'
        elif self.v.justify:
            props += '<w:jc w:val="both"/>'
        return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"

    def text_paras(self, text: str, bold: bool = False, style: str | None = None) -> list[str]:
        return [self.para(self.run(text, bold), style=style)]

    def label_text(self, label: str) -> str:
        return label + (":" if self.v.colon else "")

    def value_paras(self, lines: list[str], style: str | None = None) -> list[str]:
        """A value's lines; some cut in two by a soft break or a paragraph break."""
        out = []
        for line in lines:
            halves = (
                split_value(line) if self.v.breaks != "none" and self.rng.random() < 0.6 else None
            )
            if halves is None:
                out.append(self.para(self.run(line), style=style))
            elif self.v.breaks == "br":
                out.append(self.para(self.run(halves[0] + "\n" + halves[1]), style=style))
            else:
                out += [self.para(self.run(half), style=style) for half in halves]
        return out

    # -- tables -----------------------------------------------------------------------------------
    def cell(
        self, paragraphs: list[str], width: int, merge: str | None = None, span: int = 1
    ) -> str:
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        props += {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[
            merge
        ]
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"

    def row(self, cells: list[str], header: bool = False) -> str:
        props = ("<w:tblHeader/>" if header else "") + (
            "<w:cantSplit/>" if self.v.cant_split else ""
        )
        return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"

    def table(self, rows: list[str], widths: list[int]) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        style = "single" if self.v.borders else "nil"
        edges = "".join(
            f'<w:{side} w:val="{style}" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        props = (
            f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        )
        return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    # -- the programme --------------------------------------------------------------------------
    def values(self, activity: ActivityContent) -> dict[str, list[str]]:
        """The field values this rendering writes: some left empty."""
        out = {}
        for key in FIELD_KEYS:
            if key not in activity.fields:
                continue
            empty = self.v.empty_rate and self.rng.random() < self.v.empty_rate
            out[key] = [] if empty else activity.fields[key]
        return out

    def section_head(self, section: SectionContent) -> list[str]:
        return [
            self.para(self.run(f"РАЗДЕЛ {section.numeral}", True, False), center=True),
            self.para(self.run(f"„{section.title}”", True, False), center=True),
        ]

    def goals_paras(self, section: SectionContent) -> list[str]:
        out = [self.para(self.run("СТРАТЕГИЧЕСКА ЦЕЛ:", True, False))]
        out += self.text_paras(section.strategic_goal)
        out.append(self.para(self.run("ОПЕРАТИВНИ ЦЕЛИ:", True, False)))
        for goal in section.goals:
            out += self.text_paras(goal)
        return out

    def heading_text(self, section: SectionContent, activity: ActivityContent) -> str:
        return self.v.heading.format(n=activity.number, s=section.number, title="").strip(" –")

    def auto_num(
        self, section: SectionContent, activities: list[ActivityContent], text: str
    ) -> str | None:
        """A Word list numbering these headings (numbers restart at the slice's first), or None
        when the draft's numbers have a gap a list cannot show."""
        numbers = [a.number for a in activities]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            return None
        num_id = 500 + len(self.nums)
        self.nums.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{ABSTRACT[text]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{numbers[0]}"/></w:lvlOverride></w:num>'
        )
        return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'

    def record(
        self,
        aid: str,
        activity: ActivityContent,
        values: dict[str, list[str]],
        labels: dict[str, str],
    ) -> None:
        self.expected.add(aid, "title", " ".join(activity.title))
        for key, lines in values.items():
            self.expected.add(aid, key, " ".join(lines), labels.get(key))

    def label_for(self, activity: ActivityContent, key: str) -> str:
        return self.v.label(key, activity.labels.get(key))

    # label | value tables
    def label_table(
        self, section: SectionContent, activities: list[ActivityContent], total: int
    ) -> list[str]:
        label_w = int(total * self.v.label_share)
        widths = [label_w, total - label_w]
        bold = self.v.bold_labels

        def pair(label: str, value: list[str], label_hyphens: bool = False) -> str:
            return self.row(
                [
                    self.cell([self.para(self.run(label, bold, label_hyphens))], widths[0]),
                    self.cell(value, widths[1]),
                ]
            )

        rows = [
            pair("СТРАТЕГИЧЕСКА ЦЕЛ:", self.text_paras(section.strategic_goal)),
            pair("ОПЕРАТИВНИ ЦЕЛИ:", [p for goal in section.goals for p in self.text_paras(goal)]),
        ]
        numbering = self.auto_num(section, activities, "%1.") if self.v.heading == "auto" else None
        for activity in activities:
            aid = f"{to_roman(section.number)}.{activity.number}"
            title = [p for line in activity.title for p in self.text_paras(line)]
            if self.v.heading == "span":
                text = f"Дейност {activity.number}. " + " ".join(activity.title)
                rows.append(self.row([self.cell(self.text_paras(text, True), total, span=2)]))
            elif numbering:
                heading = self.para(self.run("", bold), numbered=numbering)
                rows.append(
                    self.row([self.cell([heading], widths[0]), self.cell(title, widths[1])])
                )
            else:
                heading = self.v.heading if self.v.heading != "auto" else "Дейност {n}"
                text = heading.format(n=activity.number, s=section.number)
                rows.append(
                    self.row(
                        [
                            self.cell(self.text_paras(text, bold), widths[0]),
                            self.cell(title, widths[1]),
                        ]
                    )
                )
            values = self.values(activity)
            labels = {}
            for key, lines in values.items():
                labels[key] = self.label_for(activity, key)
                rows.append(pair(self.label_text(labels[key]), self.value_paras(lines)))
            self.record(aid, activity, values, labels)
        return self.section_head(section) + [self.table(rows, widths)]

    # paragraphs
    def paragraphs(self, section: SectionContent, activities: list[ActivityContent]) -> list[str]:
        out = self.section_head(section) + self.goals_paras(section)
        bold = self.v.bold_labels
        numbering = (
            self.auto_num(section, activities, "Дейност %1") if self.v.heading == "auto" else None
        )
        for activity in activities:
            aid = f"{to_roman(section.number)}.{activity.number}"
            heading = self.v.heading if self.v.heading != "auto" else "Дейност {n}"
            title_inline = "{title}" in heading
            if numbering:
                out.append(self.para(self.run("", True), numbered=numbering))
            elif title_inline:
                first = heading.format(n=activity.number, s=section.number, title=activity.title[0])
                out.append(self.para(self.run(first, True)))
            else:
                # A heading without its title is bold unless its number alone says what it is.
                text = heading.format(n=activity.number, s=section.number)
                out.append(self.para(self.run(text, True, False)))
            for line in activity.title[1 if title_inline and not numbering else 0 :]:
                out += self.text_paras(line)
            values = self.values(activity)
            labels = {}
            for key, lines in values.items():
                labels[key] = self.label_for(activity, key)
                label = self.label_text(labels[key])
                if self.v.inline_values and lines:
                    out.append(self.para(self.run(label, bold, False), self.run(" " + lines[0])))
                    out += self.value_paras(lines[1:])
                else:
                    out.append(self.para(self.run(label, bold, False)))
                    out += self.value_paras(lines)
            self.record(aid, activity, values, labels)
        return out

    # one row per activity, one column per field
    def wide(
        self, section: SectionContent, activities: list[ActivityContent], total: int
    ) -> list[str]:
        shares = self.v.wide_shares
        number_column = self.v.heading != "none"
        if self.v.heading.startswith("Дейност"):  # a № column wide enough for `Дейност 12`
            shares = (max(shares[0], 9),) + shares[1:]
        if not number_column:
            shares = (shares[0] + shares[1],) + shares[2:]
        widths = [total * share // sum(shares) for share in shares]
        widths[-1] += total - sum(widths)
        style = "TableText"
        headers = (["№", "Дейност"] if number_column else ["Дейност"]) + [
            self.v.label(key) for key in FIELD_KEYS
        ]
        header_row = self.row(
            [
                self.cell([self.para(self.run(h, True, False), style=style)], w)
                for h, w in zip(headers, widths, strict=True)
            ],
            header=self.v.repeat_header,
        )
        rows = [header_row]
        all_values = [self.values(activity) for activity in activities]
        for index, activity in enumerate(activities):
            aid = f"{to_roman(section.number)}.{activity.number}"
            values = all_values[index]
            cells = []
            if number_column:
                text = self.v.heading.format(n=activity.number, s=section.number)
                cells.append(
                    self.cell([self.para(self.run(text, False, False), style=style)], widths[0])
                )
                cells.append(
                    self.cell(
                        [p for line in activity.title for p in self.text_paras(line, style=style)],
                        widths[1],
                    )
                )
            else:
                lines = [f"Дейност {activity.number}. {activity.title[0]}", *activity.title[1:]]
                cells.append(
                    self.cell(
                        [p for line in lines for p in self.text_paras(line, style=style)], widths[0]
                    )
                )
            labels = {}
            for offset, key in enumerate(FIELD_KEYS, start=len(cells)):
                lines = values.get(key, [])
                labels[key] = headers[offset]
                merge = self.merge(all_values, index, key) if self.v.merges else None
                if merge == "continue":
                    cells.append(self.cell([], widths[offset], merge))
                    continue
                paras = self.value_paras(lines, style=style)
                inside = (
                    self.in_cell_label(activity, key, headers[offset])
                    if lines and merge is None
                    else None
                )
                if inside is not None:
                    labels[key] = inside
                    first = self.run(inside + ": ", False, False) + self.run(lines[0])
                    paras = [self.para(first, style=style)] + self.value_paras(
                        lines[1:], style=style
                    )
                cells.append(self.cell(paras, widths[offset], merge))
            rows.append(self.row(cells))
            self.record(aid, activity, values, labels)
        return self.section_head(section) + self.goals_paras(section) + [self.table(rows, widths)]

    def in_cell_label(self, activity: ActivityContent, key: str, header: str) -> str | None:
        """A cell that starts with its own label: the draft's label where it differs from the
        column's (`Експертна помощ: …` under `Партньори`), now and then the column's own."""
        if not self.v.in_cell_labels:
            return None
        drafted = activity.labels.get(key)
        if drafted and drafted.casefold() != header.casefold():
            return drafted
        return header if self.rng.random() < 0.15 else None

    def merge(self, values: list[dict[str, list[str]]], index: int, key: str) -> str | None:
        if key not in ("responsible", "financing", "deadline"):
            return None
        value = values[index].get(key)
        if not value:
            return None
        if index > 0 and values[index - 1].get(key) == value:
            return "continue"
        if index + 1 < len(values) and values[index + 1].get(key) == value:
            return "restart"
        return None


ABSTRACT = {"%1.": 80, "Дейност %1": 81}
NUMBERING = """
<w:abstractNum w:abstractNumId="80"><w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
  <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="81"><w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Дейност %1"/>
  <w:suff w:val="nothing"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="709"/></w:pPr></w:lvl>
</w:abstractNum>
"""


def _styles(document, variant: Variant) -> None:
    from docx.shared import Pt
    from lxml import etree

    normal = document.styles["Normal"]
    normal.font.name = variant.font
    normal.font.size = Pt(variant.size)
    rfonts = normal.element.rPr.rFonts
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(f"{{{W_NS}}}{attr}", variant.font)
    size = int(variant.table_size * 2)
    xml = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:customStyle="1" '
        'w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="{size}"/></w:rPr>'
        "</w:style></w:styles>"
    )
    for child in etree.fromstring(xml.encode()):
        document.styles.element.append(child)


def _numbering(document, nums: list[str]) -> None:
    from lxml import etree

    numbering = document.part.numbering_part.element
    wrapper = etree.fromstring(
        f'<w:numbering xmlns:w="{W_NS}">{NUMBERING}{"".join(nums)}</w:numbering>'.encode()
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    for child in list(wrapper):
        if child.tag.endswith("abstractNum") and first_num is not None:
            first_num.addprevious(child)
        else:
            numbering.append(child)


def build(variant: Variant):
    """The python-docx document of a variant and its expected structure."""
    document = new_document(landscape=variant.landscape)
    _styles(document, variant)
    margin = 1134
    total = (PAGE_H if variant.landscape else PAGE_W) - 2 * margin
    writer = _Writer(variant)
    content = load_content()
    body = [
        writer.para(writer.run(line, True, False), center=True)
        for line in (
            "НАЦИОНАЛНА ПРОГРАМА ЗА ПРЕДОТВРАТЯВАНЕ И ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА "
            "И ЗАКРИЛА НА ЖЕРТВИТЕ",
            "за 2012 г.",
        )
    ]
    for section_index, activity_indexes in variant.picks:
        section = content[section_index]
        activities = [section.activities[i] for i in activity_indexes]
        writer.expected.text += [section.title, section.strategic_goal, *section.goals]
        if variant.layout == "label-table":
            body += writer.label_table(section, activities, total)
        elif variant.layout == "wide":
            body += writer.wide(section, activities, total)
        else:
            body += writer.paragraphs(section, activities)
    if writer.nums:
        _numbering(document, writer.nums)
    append_xml(document.element.body, "".join(body))
    writer.expected.text += [label for _, label in variant.labels]
    return document, writer.expected


def render_docx(variant: Variant, path: Path) -> Expected:
    """Write the variant to `path` (same bytes for the same seed) and return its expectation."""
    document, expected = build(variant)
    save(document, path)
    return expected
