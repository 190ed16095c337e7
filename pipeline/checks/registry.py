"""The proofreading checks and the context every check reports through.

A check is one small function registered with the codes it may emit; their `Rule`s go into the
one table of `findings.py`. `CheckContext.report` applies the user's severities and switches
(the same functions the diff checks use) and fills in the location from the block, so checks
only say what is wrong and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from ..findings import RULES, Rule, enabled, register_rules, severity_of
from ..models import Block, Document, Finding, Location, Programme, Severity
from ..options import Options

Scope = Literal["programme", "text"]
_CONTEXT_MAX = 320
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    func: Callable[[CheckContext], None]
    rules: tuple[Rule, ...]
    scope: Scope
    doc: str


CHECKS: list[Check] = []


def check(*rules: Rule, scope: Scope = "programme") -> Callable:
    """Register a check. `scope="text"` checks also run in `check --text-only`."""

    def register(func: Callable[[CheckContext], None]) -> Callable[[CheckContext], None]:
        register_rules(*rules)
        CHECKS.append(Check(func.__name__, func, rules, scope, (func.__doc__ or "").strip()))
        return func

    return register


class CheckContext:
    """What a check sees: the document, the programme (None in text-only mode), the options."""

    def __init__(self, document: Document, programme: Programme | None, options: Options) -> None:
        self.document = document
        self.programme = programme
        self.options = options
        self.findings: list[Finding] = []

    # -- shared resources, built once per run and only when a check asks --------------------
    @cached_property
    def year(self) -> int | None:
        return self.programme.year if self.programme else None

    def body_blocks(self) -> Iterator[Block]:
        """The body in document order: the parser's blocks (which know their section, activity
        and field) when there is a programme, else the document's."""
        yield from self.programme.blocks if self.programme else self.document.blocks

    # -- reporting ----------------------------------------------------------------------------
    def enabled(self, code: str) -> bool:
        return enabled(code, self.options)

    def severity(self, code: str, default: Severity | None = None) -> Severity:
        return severity_of(code, self.options, default)

    def report(
        self,
        code: str,
        message: str,
        *,
        block: Block | None = None,
        text: str | None = None,
        start: int | None = None,
        end: int | None = None,
        suggestion: str | None = None,
        suggestions: tuple[str, ...] = (),
        location: Location | None = None,
        signals: tuple[str, ...] = (),
        severity: Severity | None = None,
    ) -> None:
        """Record a finding; `start`/`end` index into `block.text`.

        `severity` replaces the rule's default for this finding (a user's override still wins).
        """
        if code not in RULES:
            raise KeyError(f"finding code {code} is not registered")
        if not self.enabled(code):
            return
        context = None
        context_offset = 0
        if block is not None:
            if text is not None and start is None:
                found = block.text.find(text)
                if found >= 0:
                    start, end = found, found + len(text)
            context, context_offset = _context(block.text, start, end)
            if start is not None:
                start -= context_offset
                end = (end if end is not None else start) - context_offset
            context_offset += block.offset
        if location is None:
            location = location_of(block)
        if suggestion is None and suggestions:
            suggestion = suggestions[0]
        self.findings.append(
            Finding(
                code=code,
                severity=self.severity(code, severity),
                message=" ".join(message.split()),  # one line, however the text was spaced
                text=text,
                suggestion=suggestion,
                location=location,
                context=context,
                start=start,
                end=end,
                context_offset=context_offset,
                suggestions=tuple(suggestions),
                signals=signals,
            )
        )


def location_of(block: Block | None, **overrides) -> Location:
    if block is None:
        return Location(**overrides)
    values = {
        "section": block.context.section,
        "activity": block.context.activity,
        "field": block.context.field,
        "page": block.prov.page,
        "paragraph": block.prov.paragraph,
        "line": block.prov.line,
        "block": block.seq,
    }
    values.update(overrides)
    return Location(**values)


def _context(text: str, start: int | None, end: int | None) -> tuple[str, int]:
    """The block text, or for a long block the sentence(s) around [start, end), and its offset."""
    if len(text) <= _CONTEXT_MAX or start is None:
        return text[: _CONTEXT_MAX * 2] if start is None else text, 0
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= start)
    last = min(b for b in bounds if b >= (end or start))
    if last - first > _CONTEXT_MAX * 2:
        first = max(0, start - _CONTEXT_MAX // 2)
        last = min(len(text), (end or start) + _CONTEXT_MAX // 2)
    return text[first:last], first
