"""The parser's building blocks: blocks grouped into tables, and the small text rules it applies.

Tables of blocks (rows of cells), a value split off its label, section titles without their
quotes, operational goals split at their numbers, the header of the wide-table layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import FIELD_KEYS, Block, OperationalGoal, join_blocks
from .labels import fold, match_activity, match_label, match_section, split_leading_label

# "1. ...", "2) ..."; not "1.1. ...", which continues goal 1.
_GOAL_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)](?!\d)\s*(.*)$", re.S)
QUOTES_OPEN = "„\"“«'"
QUOTES_CLOSE = "”\"“»'"
FIELD_LABEL_KEYS = tuple(FIELD_KEYS)
SECTION_LABEL_KEYS = ("strategic_goal", "operational_goals")


def is_abbreviation(text: str) -> bool:
    """`АЗ`, `МВнР`, `ИА ГИТ`: short, letters only, mostly capitals."""
    text = text.strip()
    tokens = text.split()
    if not tokens or len(tokens) > 3 or len(text) > 14:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) != len(text.replace(" ", "").replace("-", "")):
        return False
    upper = sum(ch.isupper() for ch in letters)
    return (
        upper >= 2 and upper / len(letters) >= 0.5 or (len(letters) == 1 and letters[0].isupper())
    )


@dataclass(slots=True)
class Table:
    index: int
    rows: list[dict[int, list[Block]]] = field(default_factory=list)


def group_units(blocks: list[Block]) -> list[Block | Table]:
    """Paragraph blocks stay as they are; blocks of one table become a `Table` of rows of cells."""
    units: list[Block | Table] = []
    current: Table | None = None
    last_row: int | None = None
    for block in blocks:
        table = block.prov.table
        if table is None:
            units.append(block)
            current = None
            continue
        if current is None or current.index != table:
            current = Table(table)
            units.append(current)
            last_row = None
        if block.prov.row != last_row:
            current.rows.append({})
            last_row = block.prov.row
        current.rows[-1].setdefault(block.prov.cell or 1, []).append(block)
    return units


def derived(block: Block, text: str, offset: int | None = None) -> Block:
    """A part of a block (a value written after its label): same place, offset kept."""
    if offset is None:
        offset = block.text.find(text)
        offset = max(offset, 0)
    return Block(
        text=text,
        prov=block.prov,
        bold=block.bold,
        style=block.style,
        indent=block.indent,
        seq=block.seq,
        offset=block.offset + offset,
    )


def typed_text(block: Block) -> str | None:
    """The text typed after an automatic list number (`1.` + `Дейност 3`), when the number is
    decoration and not itself the heading (`Дейност 3` as the list label)."""
    label = block.list_label
    if not label or not block.text.startswith(label):
        return None
    if match_activity(label) is not None or match_section(label) is not None:
        return None
    typed = block.text[len(label) :].strip()
    return typed or None


def is_structural(text: str) -> bool:
    """Section heading, label, activity heading or `label: value`: what the parser reacts to."""
    section = match_section(text) if len(text) < 200 else None
    if section is not None and section.number is not None:
        return True
    label = match_label(text)
    if label is not None and label.key not in ("activity", "number"):
        return True
    heading = match_activity(text)
    if heading is not None and heading.number is not None:
        return True
    return split_leading_label(text, FIELD_LABEL_KEYS + SECTION_LABEL_KEYS) is not None


def strip_quotes(text: str) -> str:
    text = text.strip()
    if text[:1] in QUOTES_OPEN:
        text = text[1:]
    if text[-1:] in QUOTES_CLOSE:
        text = text[:-1]
    return " ".join(text.split())


def split_goals(blocks: list[Block]) -> list[OperationalGoal]:
    """`1. ...`, `2. ...` lines (typed or auto-numbered) into goals; unnumbered lines continue one."""
    goals: list[OperationalGoal] = []
    for block in blocks:
        for line in block.text.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            match = _GOAL_NUMBER.match(line)
            if match:
                goals.append(OperationalGoal(int(match.group(1)), match.group(2).strip(), [block]))
            elif goals:
                goals[-1].text = f"{goals[-1].text} {line}".strip()
                if goals[-1].blocks[-1] is not block:
                    goals[-1].blocks.append(block)
            else:
                goals.append(OperationalGoal(None, line, [block]))
    return goals


# Headers of the activity column of a wide table.
_TITLE_HEADERS = (
    "дейност",
    "дейности",
    "наименование на дейността",
    "наименование на дейност",
    "наименование",
    "мярка",
    "дейност/мярка",
)


def wide_columns(table: Table) -> dict[int, str] | None:
    """Column index -> key when the table's first row is the header of the wide layout."""
    if not table.rows:
        return None
    columns: dict[int, str] = {}
    for index, blocks in table.rows[0].items():
        text = join_blocks(blocks).replace("\n", " ")
        if fold(text) in ("№", "no", "n", "№ по ред", "номер"):
            columns[index] = "number"
            continue
        if fold(text) in _TITLE_HEADERS:
            columns[index] = "title"
            continue
        label = match_label(text, FIELD_LABEL_KEYS)
        if label is not None:
            columns[index] = label.key
    field_columns = [key for key in columns.values() if key in FIELD_KEYS]
    return columns if len(field_columns) >= 4 else None
