"""Glossary presence: a draft that names institutions by abbreviation needs its list of them.

Only the absence of the whole list is reported here; which abbreviation is undefined, unused
or misspelled is the business of the abbreviation checks.
"""

from __future__ import annotations

from ..parse.units import is_abbreviation
from .registry import CheckContext, Rule, check

_SHOWN = 5  # abbreviations quoted in the message


@check(Rule("glossary.missing", "warning", "Липсва списък на съкращенията"))
def missing_glossary(ctx: CheckContext) -> None:
    """A draft that uses abbreviations for institutions but has no list of abbreviations."""
    programme = ctx.programme
    if programme is None or programme.glossary or programme.glossary_label is not None:
        return
    used: dict[str, object] = {}  # abbreviation -> first block it is used in, in document order
    for activity in programme.activities:
        for key in ("responsible", "partners"):
            field = activity.fields[key]
            for item in field.items or []:
                if is_abbreviation(item.name) and item.name not in used and field.blocks:
                    used[item.name] = next(
                        (b for b in field.blocks if item.name in b.text), field.blocks[0]
                    )
    if not used:
        return
    names = list(used)
    shown = ", ".join(names[:_SHOWN]) + (", …" if len(names) > _SHOWN else "")
    first = names[0]
    ctx.report(
        "glossary.missing",
        f"Проектът няма списък на съкращенията, а използва {len(names)} съкращения ({shown})",
        block=used[first],  # type: ignore[arg-type]
        text=first,
        suggestion="добавете „Списък на абревиатурите“ с разшифровка на всяко съкращение",
    )
