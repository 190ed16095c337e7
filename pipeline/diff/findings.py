"""Findings across drafts: deadlines carried over from an earlier year, activities copied unchanged.

Each is one small function registered with its codes, like the proofreading checks; they report
the same `Finding` model, located in the new draft, and honour the same severity overrides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..findings import RULES, Rule, enabled, register_rules, severity_of
from ..models import Finding, Location, Provenance
from ..options import Options
from .match import normalized
from .model import Draft, DraftActivity
from .result import Match


@dataclass(frozen=True, slots=True)
class DiffCheck:
    name: str
    func: Callable[[DiffContext], None]
    rules: tuple[Rule, ...]
    doc: str


DIFF_CHECKS: list[DiffCheck] = []


def diff_check(*rules: Rule) -> Callable:
    """Register a check that compares two drafts."""

    def register(func: Callable[[DiffContext], None]) -> Callable[[DiffContext], None]:
        register_rules(*rules)
        DIFF_CHECKS.append(DiffCheck(func.__name__, func, rules, (func.__doc__ or "").strip()))
        return func

    return register


class DiffContext:
    """What a diff check sees: both drafts, the matched pairs, the options."""

    def __init__(self, old: Draft, new: Draft, matches: tuple[Match, ...], options: Options):
        self.old = old
        self.new = new
        self.matches = matches
        self.options = options
        self.findings: list[Finding] = []
        self._by_new = {id(match.new): match for match in matches}

    @property
    def across_years(self) -> bool:
        """Both years known and different: the new draft was written from last year's."""
        return None not in (self.old.year, self.new.year) and self.old.year != self.new.year

    def match_of(self, activity: DraftActivity) -> Match | None:
        return self._by_new.get(id(activity))

    def report(
        self,
        code: str,
        message: str,
        activity: DraftActivity,
        *,
        field: str | None = None,
        text: str | None = None,
        suggestion: str | None = None,
        source: Provenance | None = None,
    ) -> None:
        if code not in RULES:
            raise KeyError(f"finding code {code} is not registered")
        if not enabled(code, self.options):
            return
        severity = severity_of(code, self.options)
        place = source or activity.source or Provenance()
        self.findings.append(
            Finding(
                code=code,
                severity=severity,  # type: ignore[arg-type]
                message=message,
                text=text,
                suggestion=suggestion,
                location=Location(
                    section=activity.section,
                    activity=activity.id,
                    field=field,
                    page=place.page,
                    paragraph=place.paragraph,
                    line=place.line,
                ),
                context=text,
                start=0 if text else None,
                end=len(text) if text else None,
            )
        )


def run_diff_checks(
    old: Draft, new: Draft, matches: tuple[Match, ...], options: Options
) -> tuple[Finding, ...]:
    context = DiffContext(old, new, matches, options)
    for registered in DIFF_CHECKS:
        registered.func(context)
    return tuple(sorted(context.findings, key=_order(new)))


def _order(new: Draft) -> Callable[[Finding], tuple]:
    position = {activity.id: index for index, activity in enumerate(new.activities)}
    return lambda finding: (
        position.get(finding.location.activity or "", len(position)),
        finding.code,
        finding.text or "",
    )


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def deadline_years(activity: DraftActivity) -> list[int]:
    """The years a deadline names: from its parsed range, else from the digits in its text."""
    deadline = activity.field("deadline").deadline
    if deadline is not None and deadline.end is not None:
        start = deadline.start or deadline.end
        return sorted({start.year, deadline.end.year})
    return sorted({int(year) for year in _YEAR.findall(activity.text("deadline") or "")})


@diff_check(Rule("carryover.stale_deadline", "warning", "Срок от предходна година"))
def stale_deadline(ctx: DiffContext) -> None:
    """A deadline copied from an earlier programme: it ends before the new programme's year, or,
    across years, it is word for word the deadline of the same activity last year."""
    year = ctx.new.year
    for activity in ctx.new.activities:
        text = activity.text("deadline")
        years = deadline_years(activity)
        if not text or not years:
            continue  # permanent, missing or not understood: nothing to compare with a year
        where = activity.field("deadline").source
        if year is not None and max(years) < year:
            ctx.report(
                "carryover.stale_deadline",
                f"срокът „{text}“ е преди годината на програмата ({year} г.)",
                activity,
                field="deadline",
                text=text,
                suggestion=_shifted(text, max(years), year),
                source=where,
            )
            continue
        match = ctx.match_of(activity)
        if (
            ctx.across_years
            and match is not None
            and normalized(match.old.text("deadline")) == normalized(text)
        ):
            ctx.report(
                "carryover.stale_deadline",
                f"срокът „{text}“ е същият като в програмата за {ctx.old.year} г. "
                f"(дейност {match.old.id})",
                activity,
                field="deadline",
                text=text,
                suggestion="проверете дали срокът е актуален",
                source=where,
            )


def _shifted(text: str, old_year: int, new_year: int) -> str:
    return _YEAR.sub(lambda m: str(new_year) if int(m.group(1)) == old_year else m.group(1), text)


@diff_check(Rule("carryover.unchanged", "info", "Дейност, пренесена без промяна"))
def unchanged(ctx: DiffContext) -> None:
    """An activity identical, title and all six fields, to last year's: carried over on purpose,
    or copied and never updated? Only across years; two versions of one year are expected to
    share most activities."""
    if not ctx.across_years:
        return
    for match in ctx.matches:
        if match.changes:
            continue
        ctx.report(
            "carryover.unchanged",
            f"дейността е същата като дейност {match.old.id} от програмата за "
            f"{ctx.old.year} г., дума по дума",
            match.new,
            text=match.new.title,
            suggestion=f"проверете дали дейността, срокът и индикаторите са актуални за "
            f"{ctx.new.year} г.",
        )
