"""The programme's structure read from a block stream, whatever the layout.

Blocks are grouped into paragraphs and tables first; a label|value table row, a label paragraph
followed by value paragraphs, and a wide table with one row per activity all become the same
events (`label`, `value`), so one state machine builds the `Programme` for every layout.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import NotAProgrammeError
from ..models import (
    FIELD_KEYS,
    Activity,
    Block,
    Context,
    Document,
    Field,
    GlossaryEntry,
    LabelUse,
    Programme,
    Section,
    join_blocks,
)
from .labels import (
    WIDE_COLUMNS,
    ActivityHeading,
    LabelMatch,
    fold,
    match_activity,
    match_label,
    match_number_heading,
    match_section,
    split_leading_label,
)
from .units import (
    FIELD_LABEL_KEYS,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    SECTION_LABEL_KEYS,
    Table,
    derived,
    group_units,
    is_abbreviation,
    is_structural,
    split_goals,
    strip_quotes,
    typed_text,
    wide_columns,
)

_DRAFT = re.compile(r"^\s*проект\s*!?\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:за|през)\s+(?:\w+\s+)?(\d{4})\s*(?:г\b|г\.|година)", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_ABBR_LINE = re.compile(
    r"^(?P<abbr>[^\s–—:\t-][^–—:\t]{0,14}?)\s*(?:\t+|\s[–—-]\s|:\s*)\s*(?P<exp>\S.*)$"
)


def _text(blocks: list[Block]) -> str:
    return join_blocks(blocks)


class _Builder:
    """The state machine; `label()` and `value()` are its only inputs."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.programme = Programme(title=None, year=None, draft=False, sections=[], glossary=[])
        self.section: Section | None = None
        self.activity: Activity | None = None
        self.target: list[Block] | None = None
        self.target_kind = "preamble"
        self.field: Field | None = None
        self.in_glossary = False
        self.pending_abbr: list[Block] | None = None
        self.goal_blocks: list[Block] = []
        self.layouts: set[str] = set()

    # -- context ------------------------------------------------------------------------------
    def _context(self, field_key: str | None) -> Context:
        return Context(
            section=self.section.number if self.section else None,
            activity=self.activity.id if self.activity else None,
            field=field_key,
        )

    def _mark(self, blocks: list[Block], field_key: str | None) -> None:
        context = self._context(field_key)
        for block in blocks:
            block.context = context

    # -- structure ----------------------------------------------------------------------------
    def start_section(self, block: Block, number: int | None, numeral: str, rest: str) -> None:
        self.close_activity()
        self.close_section()
        self.in_glossary = False
        self.section = Section(number=number, numeral=numeral, title="", heading_block=block)
        self.programme.sections.append(self.section)
        self._mark([block], "heading")
        self.target = self.section.title_blocks
        self.target_kind = "section_title"
        if rest:
            self.section.title_blocks.append(derived(block, rest))

    def close_section(self) -> None:
        section = self.section
        if section is None:
            return
        section.title = strip_quotes(_text(section.title_blocks).replace("\n", " "))
        if section.strategic_goal is not None:
            section.strategic_goal.text = _text(section.strategic_goal.blocks)
        section.operational_goals = split_goals(self.goal_blocks)
        self.goal_blocks = []
        self.section = None

    def start_activity(
        self, block: Block, number: int | None, number_text: str, label: LabelMatch
    ) -> None:
        self.close_activity()
        if self.section is None:  # activities before any section: keep them in an unnamed one
            self.start_section(block, None, "", "")
            self.target = None
        activity = Activity(
            section=self.section.number or 0,
            number=number,
            number_text=number_text,
            title="",
            fields={},
            heading_block=block,
        )
        self.activity = activity
        self.section.activities.append(activity)
        self._label_use(label, block, "activity")
        self._mark([block], "title")
        self.target = activity.title_blocks
        self.target_kind = "title"

    def close_activity(self) -> None:
        activity = self.activity
        if activity is None:
            return
        activity.title = _text(activity.title_blocks).replace("\n", " ")
        for key in FIELD_KEYS:
            item = activity.fields.get(key)
            if item is None:
                activity.fields[key] = Field(key=key, label=None, text=None)
            else:
                item.text = _text(item.blocks)
        # Keep the six fields in contract order whatever order the draft used.
        activity.fields = {key: activity.fields[key] for key in FIELD_KEYS}
        self.activity = None
        self.field = None

    def start_field(self, label: LabelMatch, label_block: Block | None) -> None:
        key = label.key
        if label_block is not None:
            self._label_use(label, label_block, key)
        if key in SECTION_LABEL_KEYS:
            self.close_activity()
            if self.section is None and label_block is not None:
                self.start_section(label_block, None, "", "")
            if key == "strategic_goal":
                self.section.strategic_goal = Field(
                    key=key, label=label.written, text=None, label_block=label_block
                )
                self.target = self.section.strategic_goal.blocks
            else:
                self.section.goals_label = label_block
                self.target = self.goal_blocks
            self.target_kind = key
            if label_block is not None:
                self._mark([label_block], key)
            return
        if self.activity is None:
            # A field label with no activity heading before it: an activity without its heading.
            self.start_activity(label_block, None, "", LabelMatch("activity", "Дейност", "", 0))
            self.activity.title_blocks.clear()
        existing = self.activity.fields.get(key)
        if existing is not None:
            # The same field twice: keep both values, in order (nothing lost).
            self.field = existing
        else:
            self.field = Field(key=key, label=label.written, text=None, label_block=label_block)
            self.activity.fields[key] = self.field
        if label_block is not None:
            self._mark([label_block], key)
        self.target = self.field.blocks
        self.target_kind = key

    def start_glossary(self, label: LabelMatch, block: Block) -> None:
        self.close_activity()
        self.close_section()
        self.in_glossary = True
        use = self._label_use(label, block, "glossary")
        self.programme.glossary_label = use
        block.context = Context(field="glossary")
        self.target = None
        self.target_kind = "glossary"

    def _label_use(self, label: LabelMatch, block: Block, key: str) -> LabelUse:
        use = LabelUse(label.canonical, key, label.written, block, label.distance)
        self.programme.labels.append(use)
        return use

    # -- events -------------------------------------------------------------------------------
    def value(self, block: Block) -> None:
        if self.in_glossary:
            self.glossary_line(block)
            return
        if self.target is None:
            if self.section is None:
                self.preamble(block)
            else:
                self.section.intro_blocks.append(block)
                self._mark([block], "intro")
            return
        if (
            self.target_kind == "section_title"
            and self.section is not None
            and not self._is_title_line(block)
        ):
            self.section.intro_blocks.append(block)
            self._mark([block], "intro")
            return
        self.target.append(block)
        self._mark([block], self.target_kind)

    def _is_title_line(self, block: Block) -> bool:
        """Section titles are quoted or in capitals; other text under a heading is an introduction."""
        text = block.text.strip()
        title_so_far = _text(self.section.title_blocks)
        if title_so_far and title_so_far[0] in QUOTES_OPEN and title_so_far[-1] not in QUOTES_CLOSE:
            return True  # inside an open quote
        if title_so_far and (title_so_far[0] in QUOTES_OPEN or title_so_far.isupper()):
            return text.isupper() and not title_so_far.endswith(tuple(QUOTES_CLOSE))
        letters = [ch for ch in text if ch.isalpha()]
        return text[:1] in QUOTES_OPEN or (bool(letters) and all(ch.isupper() for ch in letters))

    def preamble(self, block: Block) -> None:
        if _DRAFT.match(block.text):
            self.programme.draft = True
            block.context = Context(field="draft_marker")
            return
        self.programme.title_blocks.append(block)
        block.context = Context(field="programme_title")

    def paragraph(self, block: Block) -> None:
        typed = typed_text(block)
        if typed is not None and self.in_glossary:
            block = derived(block, typed)
        text = typed if typed is not None and is_structural(typed) else block.text
        section = match_section(text) if len(text) < 200 else None
        if section is not None and (section.number is not None):
            self.start_section(block, section.number, section.numeral, section.rest)
            return
        if not self.in_glossary or is_abbreviation(text) is False:
            label = match_label(text)
            if label is not None and label.key not in ("activity", "number"):
                if label.key == "glossary":
                    self.start_glossary(label, block)
                elif not self.in_glossary:
                    self.start_field(label, block)
                else:
                    self.value(block)
                return
        if self.in_glossary:
            self.value(block)
            return
        heading = match_activity(text) or self._number_heading(block, text)
        if heading is not None and (heading.number is not None or block.bold):
            self.start_activity(block, heading.number, heading.number_text, heading.label)
            if heading.title:
                self.activity.title_blocks.append(derived(block, heading.title))
            return
        split = split_leading_label(text, FIELD_LABEL_KEYS + SECTION_LABEL_KEYS)
        if split is not None:
            label, rest = split
            self.start_field(label, block)
            self.value(derived(block, rest))
            return
        self.value(block)

    @staticmethod
    def _number_heading(block: Block, text: str) -> ActivityHeading | None:
        """A paragraph numbered like a heading: `2.3`, `1.` alone, or bold `2.3. Title`; a bare
        `10` is more likely a value than a heading unless it is bold."""
        heading = match_number_heading(text, titled=block.bold)
        if heading is None or not (block.bold or "." in heading.number_text):
            return None
        return heading

    def row(
        self, cells: dict[int, list[Block]], following: dict[int, list[Block]] | None = None
    ) -> bool:
        """A row of a label|value table (or of any narrow table); `following` is the next row,
        which tells a numbered activity (`1.` | title, then labels) from a numbered goal.
        True when the row took the next one in too (a label wrapped over two rows)."""
        ordered = [cells[index] for index in sorted(cells)]
        alone = _text(ordered[0]).replace("\n", " ")
        if len(ordered) == 1 and (
            match_label(alone) is not None
            or not _label_goes_on(alone, [], following)
            or self.in_glossary
        ):
            for block in ordered[0]:
                self.paragraph(block)
            return False
        label_blocks, value_blocks = ordered[0], [b for cell in ordered[1:] for b in cell]
        label_text = _text(label_blocks).replace("\n", " ")
        if self.in_glossary and match_section(label_text) is None:
            self.glossary_pair(label_blocks, value_blocks)
            return False
        section = match_section(label_text)
        if section is not None and section.number is not None:
            self.start_section(label_blocks[0], section.number, section.numeral, section.rest)
            for block in value_blocks:
                self.value(block)
            return False
        heading = match_activity(label_text)
        if heading is None and _labels_a_field(following):
            heading = match_number_heading(label_text)
        if heading is not None:
            self.start_activity(label_blocks[0], heading.number, heading.number_text, heading.label)
            if heading.title:
                self.activity.title_blocks.append(derived(label_blocks[0], heading.title))
            for block in value_blocks:
                self.value(block)
            return False
        label = match_label(label_text)
        if label is not None and label.key == "glossary":
            self.start_glossary(label, label_blocks[0])
            for block in value_blocks:
                self.value(block)
            return False
        if label is not None and label.key not in ("activity", "number"):
            self.start_field(label, label_blocks[0])
            for block in value_blocks:
                self.value(block)
            return False
        if (
            label is None
            and not self.in_glossary
            and _label_goes_on(label_text, value_blocks, following)
        ):
            # `Очакван` | `резултат:` in two rows (a borderless table cut a wrapped label when
            # one of its lines had no value beside it): one label, the values of both rows.
            rest = [following[index] for index in sorted(following)]
            label = match_label(f"{label_text} {_text(rest[0])}".replace("\n", " "))
            self.start_field(label, label_blocks[0])
            for block in value_blocks + [b for cell in rest[1:] for b in cell]:
                self.value(block)
            return True
        pair = _two_labels(label_text) if not self.in_glossary else None
        if pair is not None:
            # `Отговорна институция Партньори`: a label with an empty value that a PDF without
            # borders gave to the label above; the value beside them is the first one's.
            first, second = pair
            self.start_field(first, derived(label_blocks[0], first.written))
            lines = [line for block in value_blocks for line in block.text.split("\n")]
            if len(lines) == 2 and len(value_blocks) == 1:
                # Two one-line rows read as one (`Финансиране Срок` | `От бюджета…\nюни 2012`):
                # a line each.
                block = value_blocks[0]
                self.value(derived(block, lines[0]))
                self.start_field(second, derived(label_blocks[-1], second.written))
                self.value(derived(block, lines[1], len(lines[0]) + 1))
                return False
            for block in value_blocks:
                self.value(block)
            self.start_field(second, derived(label_blocks[-1], second.written))
            return False
        # Not a label we know: keep its text where it stands and let the checks report it.
        self.programme.unknown_labels.extend(label_blocks)
        for block in label_blocks + value_blocks:
            self.value(block)
        return False

    def wide_table(self, table: Table, columns: dict[int, str]) -> None:
        """One activity per row; goals above the table arrive as paragraphs."""
        header_texts = None
        labels: dict[int, str] = {}
        # A column header labels every row that does not write its own label: it counts once
        # per such row, as a label repeated in each activity would.
        header_uses: dict[str, LabelUse] = {}
        for row in table.rows:
            texts = {index: fold(_text(blocks)) for index, blocks in row.items()}
            if header_texts is None:
                header_texts = texts
                # Each activity's field label is its column header as written.
                labels = {i: " ".join(_text(b).split()) for i, b in row.items()}
                for index, blocks in row.items():
                    if index in columns and columns[index] != "title":
                        label = match_label(_text(blocks), (columns[index],))
                        if label is not None:
                            use = self._label_use(label, blocks[0], columns[index])
                            use.count = 0
                            header_uses[columns[index]] = use
                    for block in blocks:
                        block.context = Context(
                            section=self.section.number if self.section else None,
                            field="table_header",
                        )
                continue
            if texts == header_texts:  # header repeated on a new page
                for blocks in row.values():
                    for block in blocks:
                        block.context = Context(field="table_header")
                continue
            if self._spanning_row(row, columns):
                continue
            self._wide_row(row, columns, labels, header_uses)
        for use in header_uses.values():
            use.count = max(use.count, 1)
        self.close_activity()
        self.layouts.add("wide-table")

    def _spanning_row(self, row: dict[int, list[Block]], columns: dict[int, str]) -> bool:
        """A row with one cell across the table (a section heading or a goal between activity
        rows) is read as paragraphs, not as an activity."""
        filled = [index for index, blocks in row.items() if _text(blocks)]
        if len(filled) != 1:
            return False
        blocks = row[filled[0]]
        text = _text(blocks).replace("\n", " ")
        number_like = match_number_heading(text) or match_activity(text)
        if columns.get(filled[0]) == "number" and not number_like or is_structural(text):
            for block in blocks:
                self.paragraph(block)
            return True
        return False

    def _wide_row(
        self,
        row: dict[int, list[Block]],
        columns: dict[int, str],
        labels: dict[int, str],
        header_uses: dict[str, LabelUse],
    ) -> None:
        by_key = {columns[i]: blocks for i, blocks in row.items() if i in columns}
        label_of = {key: labels.get(i) for i, key in columns.items()}
        number_blocks = by_key.get("number") or []
        title_blocks = by_key.get("title") or []
        number = None
        number_text = _text(number_blocks)
        heading = match_activity(number_text) if number_text else None
        if heading is not None:
            number = heading.number
            number_text = heading.number_text
        elif match_number_heading(number_text or "") is not None:
            number = match_number_heading(number_text).number
        elif title_blocks:
            heading = match_activity(title_blocks[0].text)
            if heading is not None and heading.number is not None:
                number, number_text = heading.number, heading.number_text
                rest = heading.title
                title_blocks = ([derived(title_blocks[0], rest)] if rest else []) + title_blocks[1:]
        anchor = (number_blocks or title_blocks or next(iter(row.values())))[0]
        self.start_activity(
            anchor,
            number,
            number_text or f"Дейност {number}",
            LabelMatch("activity", "Дейност", "Дейност", 0),
        )
        self.programme.labels.pop()  # the column header carries the label, not each row
        self.activity.title_blocks.extend(title_blocks)
        self._mark(title_blocks + number_blocks, "title")
        for key in FIELD_KEYS:
            blocks = by_key.get(key)
            if blocks is None:
                continue
            header = label_of.get(key) or WIDE_COLUMNS[key]
            own = _own_label(blocks, key)
            if own is not None:
                # `Експертна помощ: НКБТХ` under `Партньори`: the cell's label is the field's.
                label, cell_blocks = own
                self._label_use(label, blocks[0], key)
                self._mark(blocks[:1], key)  # the label's block, for the finding's location
                header, blocks = label.written, cell_blocks
            elif key in header_uses:
                header_uses[key].count += 1
            item = Field(key=key, label=header, text=None, blocks=list(blocks))
            self.activity.fields[key] = item
            self._mark(blocks, key)

    def glossary_pair(self, abbr_blocks: list[Block], expansion_blocks: list[Block]) -> None:
        entry = GlossaryEntry(
            abbreviation=_text(abbr_blocks).replace("\n", " "),
            expansion=_text(expansion_blocks).replace("\n", " ") or None,
            blocks=abbr_blocks + expansion_blocks,
        )
        for block in entry.blocks:
            block.context = Context(field="glossary")
        self.programme.glossary.append(entry)
        self.pending_abbr = None

    def glossary_line(self, block: Block) -> None:
        """Glossary as paragraphs: `АЗ` then `Агенция...` (blank lines allowed), or `АЗ – Агенция...`."""
        block.context = Context(field="glossary")
        text = block.text.strip()
        if self.pending_abbr is not None and not is_abbreviation(text):
            self.glossary_pair(self.pending_abbr, [block])
            return
        inline = _ABBR_LINE.match(text)
        if inline and is_abbreviation(inline.group("abbr")):
            offset = text.index(inline.group("exp"))
            self.glossary_pair(
                [derived(block, inline.group("abbr"))],
                [derived(block, inline.group("exp"), offset)],
            )
            return
        if is_abbreviation(text):
            if self.pending_abbr is not None:  # an abbreviation with no expansion
                self.glossary_pair(self.pending_abbr, [])
            self.pending_abbr = [block]
            return
        if self.programme.glossary:
            last = self.programme.glossary[-1]
            last.blocks.append(block)
            last.expansion = f"{last.expansion} {text}".strip() if last.expansion else text
        else:
            self.programme.unknown_labels.append(block)

    def finish(self) -> Programme:
        if self.pending_abbr is not None:
            self.glossary_pair(self.pending_abbr, [])
        self.close_activity()
        self.close_section()
        programme = self.programme
        title = " ".join(_text(programme.title_blocks).split())
        programme.title = title or None
        year = _YEAR.search(title) or _ANY_YEAR.search(title)
        programme.year = int(year.group(1)) if year else None
        if any(_DRAFT.match(block.text) for block in self.document.header_blocks):
            programme.draft = True
        return programme


def parse(document: Document) -> Programme:
    """Build the programme; raise `NotAProgrammeError` saying what was found instead.

    The parser works on its own copies of the blocks (it records each one's place in the
    structure), kept as `Programme.blocks`; ingest's `document` is left as it was.
    """
    blocks = [replace(block, context=Context()) for block in document.blocks]
    document = replace(document, blocks=blocks)
    builder = _Builder(document)
    units = group_units(document.blocks)
    for unit in units:
        if isinstance(unit, Block):
            builder.layouts.add("paragraphs")
            builder.paragraph(unit)
            continue
        columns = wide_columns(unit)
        if columns is not None:
            builder.close_activity()
            builder.wide_table(unit, columns)
            continue
        builder.layouts.add("label-table")
        consumed = False  # the row was read with the one before it
        for row, following in zip(unit.rows, [*unit.rows[1:], None], strict=True):
            consumed = False if consumed else builder.row(row, following)
    programme = builder.finish()
    structural = {"wide-table", "label-table"} & builder.layouts
    if structural:
        programme.layout = "mixed" if len(structural) > 1 else next(iter(structural))
    else:
        programme.layout = "paragraphs"
    programme.blocks = blocks
    if not programme.activities:
        raise NotAProgrammeError(_what_was_found(document, programme), path=document.path)
    return programme


def _labels_a_field(row: dict[int, list[Block]] | None) -> bool:
    """The row's first cell is a field label (`Отговорна институция`)."""
    if not row:
        return False
    first = _text(row[min(row)]).replace("\n", " ")
    if match_label(first, FIELD_LABEL_KEYS) or _two_labels(first):
        return True
    return split_leading_label(first, FIELD_LABEL_KEYS) is not None


def _label_goes_on(
    text: str, values: list[Block], following: dict[int, list[Block]] | None
) -> bool:
    """The next row's label cell completes this one's to a field label, one of them alone."""
    if not following or len(following) > 2:
        return False
    cells = [following[index] for index in sorted(following)]
    if values and len(cells) > 1:
        return False
    joined = f"{text} {_text(cells[0])}".replace("\n", " ")
    return match_label(joined, FIELD_LABEL_KEYS) is not None


def _two_labels(text: str) -> tuple[LabelMatch, LabelMatch] | None:
    """Two field labels one after the other (`Срок Очаквани резултати`), or None."""
    words = text.split()
    if len(words) > 8:
        return None
    for cut in range(1, len(words)):
        first = match_label(" ".join(words[:cut]), FIELD_LABEL_KEYS)
        second = match_label(" ".join(words[cut:]), FIELD_LABEL_KEYS)
        if first is not None and second is not None:
            return first, second
    return None


def _own_label(blocks: list[Block], key: str) -> tuple[LabelMatch, list[Block]] | None:
    """A wide-table cell that starts with its field's label, on its own line or before a colon:
    the label and the value's blocks without it."""
    first = blocks[0]
    head, newline, tail = first.text.lstrip().partition("\n")
    label = match_label(head, (key,))
    if label is not None and (head.rstrip().endswith(":") or newline):
        rest = [derived(first, tail.strip())] if tail.strip() else []
        return label, rest + blocks[1:]
    split = split_leading_label(first.text, (key,))
    if split is None:
        return None
    label, rest = split
    return label, [derived(first, rest), *blocks[1:]]


def _what_was_found(document: Document, programme: Programme) -> str:
    found = [f"{len(document.blocks)} paragraph(s) of text"]
    if programme.sections:
        found.append(f"{len(programme.sections)} section heading(s)")
    tables = {b.prov.table for b in document.blocks if b.prov.table is not None}
    if tables:
        found.append(f"{len(tables)} table(s)")
    first = next((b.text.strip() for b in document.blocks if b.text.strip()), "")
    if first:
        found.append(f"starting «{first[:60]}»")
    return (
        "not a programme draft: no activities (`Дейност N`) were found; found "
        + ", ".join(found)
        + ": check that this is the draft and that its activities are headed `Дейност 1`, …"
    )


__all__ = ["parse"]
