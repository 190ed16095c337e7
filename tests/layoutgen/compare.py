"""What natprog read from a rendering against what was rendered: ids, fields, labels, spelling.

A field counts as right when its text (whitespace collapsed) and its label both match; a
spelling finding counts as false when its word is nowhere in the rendered text (a join the
reader made, like `количественосоциологическо`).
"""

from __future__ import annotations

from dataclasses import dataclass

from natprog.parse.labels import fold

from .content import Expected


@dataclass(frozen=True)
class Mismatch:
    activity: str
    key: str
    expected: str | None
    got: str | None

    def __str__(self) -> str:
        return f"{self.activity} {self.key}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class Comparison:
    ids_expected: list[str]
    ids_got: list[str]
    fields: int
    mismatches: list[Mismatch]
    false_spelling: list[str]

    @property
    def ratio(self) -> float:
        wrong = {(m.activity, m.key.split(".")[0]) for m in self.mismatches}
        return 1 - len(wrong) / max(self.fields, 1)

    def report(self, limit: int = 8) -> str:
        lines = []
        if self.ids_got != self.ids_expected:
            lines.append(f"activity ids: expected {self.ids_expected}, got {self.ids_got}")
        lines.append(f"fields right: {self.ratio:.1%} of {self.fields}")
        lines += [str(m) for m in self.mismatches[:limit]]
        if len(self.mismatches) > limit:
            lines.append(f"... and {len(self.mismatches) - limit} more")
        if self.false_spelling:
            lines.append(f"spelling findings not in the rendered text: {self.false_spelling}")
        return "\n".join(lines)


def _ws(text: str | None) -> str:
    return " ".join((text or "").split())


def compare(result, expected: Expected) -> Comparison:
    programme = result.programme
    got = {activity.id: activity for activity in programme.activities} if programme else {}
    mismatches = []
    fields = 0
    for aid, values in expected.activities.items():
        activity = got.get(aid)
        for key, value in values.items():
            fields += 1
            if activity is None:
                mismatches.append(Mismatch(aid, key, value, None))
                continue
            text = activity.title if key == "title" else activity.fields[key].text
            if _ws(text) != value:
                mismatches.append(Mismatch(aid, key, value, _ws(text)))
            label = expected.labels.get(aid, {}).get(key)
            written = activity.fields[key].label if key != "title" else None
            if label is not None and value and fold(written or "") != fold(label):
                mismatches.append(Mismatch(aid, f"{key}.label", label, written))
    rendered = _ws(" ".join(expected.text))
    false_spelling = sorted(
        {
            finding.text
            for finding in result.findings
            if finding.code == "spelling.unknown_word"
            and finding.text
            and finding.text not in rendered
        }
    )
    return Comparison(list(expected.activities), list(got), fields, mismatches, false_spelling)
