"""Five years × two versions of the programme, generated from the real 2012 draft, and what the
generator did to each: the lineage, drops, additions, changed fields, carried-over deadlines.

One `DraftText` is edited step by step (renumbered, reworded, dropped, added, moved activities;
institutions and deadlines changed) and its text saved after each step; an activity is the same
object from one step to the next, so the lineage is known without asking natprog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from diff_fixtures import ActivityText, DraftText

YEARS = (2012, 2013, 2014, 2015, 2016)
VERSIONS = (1, 2)
NEW_INSTITUTION = "ДАНС"  # given activities to lead from 2013 on, taken away from one in 2015
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def new_activity(title, responsible, partners, deadline, results, indicators) -> list[str]:
    """The lines of an added activity, laid out as in the 2012 text (heading added by DraftText)."""
    lines = [f"\t{title}", ""]
    for label, value in (
        ("Отговорна институция", responsible),
        ("Партньори", partners),
        ("Финансиране", "Средства по проекти и програми"),
        ("Срок", deadline),
        ("Очаквани резултати", results),
        ("Индикатори за изпълнение", indicators),
    ):
        lines += [f"\t{label}", f"\t{value}", ""]
    return [*lines, ""]


ADDED = {
    "A1": new_activity(
        "Разработване на мобилно приложение за подаване на сигнали за случаи на трафик на хора.",
        "НКБТХ, МВР",
        "НПО, доставчици на мобилни услуги",
        "Октомври 2012",
        "Работещо мобилно приложение, достъпно безплатно за гражданите.",
        "Брой изтегляния на приложението, брой получени сигнали",
    ),
    "A2": new_activity(
        "Откриване на денонощна телефонна линия за консултации на търсещи работа в чужбина.",
        "АЗ",
        "НКБТХ, НПО",
        "Март 2013",
        "Действаща телефонна линия с обучени консултанти.",
        "Брой обаждания, брой дадени консултации",
    ),
    "A3": new_activity(
        "Участие в съвместни разследващи екипи с полицейските служби на държави от ЕС.",
        "МВР, ПРБ",
        "Европол, Евроюст",
        "Декември 2014",
        "Сформирани съвместни екипи и приключени разследвания.",
        "Брой съвместни екипи, брой задържани лица",
    ),
    "A4": new_activity(
        "Въвеждане на електронен регистър на случаите на насочване на жертви към услуги.",
        "НКБТХ, АСП",
        "МКБТХ",
        "Юни 2015",
        "Действащ електронен регистър, достъпен за институциите от механизма.",
        "Брой вписани случаи",
    ),
    "A5": new_activity(
        "Изготвяне на анализ на съдебната практика по делата за трафик на хора за последните пет години.",
        "ВКС, МП",
        "НКБТХ, академични институции",
        "Ноември 2015",
        "Публикуван анализ с препоръки към съдилищата.",
        "Брой разгледани дела, брой препоръки",
    ),
}


@dataclass
class Snapshot:
    """One generated draft and what the step that made it did."""

    year: int
    version: int
    text: str
    ids: dict[int, str]  # id(activity object) -> its id in this draft
    values: dict[int, dict[str, str]]  # id(activity object) -> title, responsible, deadline
    edited: dict[int, set[str]]  # id(activity object) -> fields this step changed

    @property
    def name(self) -> str:
        return f"np{self.year}-v{self.version}.txt"

    def responsible(self, key: int) -> str:
        return self.values[key]["responsible"]

    def deadline(self, key: int) -> str:
        return self.values[key]["deadline"]


@dataclass
class Expected:
    """What the generator implies for one draft compared with its predecessor."""

    pairs: dict[str, str] = field(default_factory=dict)  # new id -> previous id
    added: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)  # previous ids
    changed: dict[str, set[str]] = field(default_factory=dict)  # new id -> changed fields
    stale_deadlines: set[str] = field(default_factory=set)  # new ids
    since: dict[str, int] = field(default_factory=dict)  # new id -> first year it appears


class Generator:
    def __init__(self, text: str) -> None:
        self.draft = DraftText(text)
        self.snapshots: list[Snapshot] = []
        self.first_year: dict[int, int] = {}
        self._alive: list[ActivityText] = []  # keeps every object, so no id() is ever reused

    def all(self) -> list[ActivityText]:
        return [a for section in self.draft.sections for a in section.activities]

    def find(self, name: str) -> ActivityText:
        """An activity by its id in the 2012 draft, or by the name of an added one (A1…)."""
        for activity in self.all():
            if activity.origin == name or getattr(activity, "added_as", None) == name:
                return activity
        raise KeyError(name)

    def drop(self, name: str) -> None:
        target = self.find(name)
        for section in self.draft.sections:
            section.activities = [a for a in section.activities if a is not target]

    def add(self, section: int, name: str) -> None:
        self.draft.add(section, ADDED[name])
        activity = self.draft.sections[section - 1].activities[-1]
        activity.added_as = name  # type: ignore[attr-defined]
        activity.edited.clear()

    def set(self, name: str, key: str, text: str) -> None:
        self.find(name).set_value(key, text)

    def new_year(self, old: int, new: int, keep: tuple[str, ...] = ()) -> None:
        self.draft.set_year(str(old), str(new))
        kept = {id(self.find(name)) for name in keep}
        for activity in self.all():
            deadline = activity.value("deadline")
            if id(activity) not in kept and str(old) in deadline:
                activity.set_value("deadline", deadline.replace(str(old), str(new)))

    def snapshot(self, year: int, version: int) -> None:
        self.draft.renumber()
        activities = {id(a): a for a in self.all()}
        self._alive += activities.values()
        for key in activities:
            self.first_year.setdefault(key, year)
        self.snapshots.append(
            Snapshot(
                year,
                version,
                self.draft.render(),
                {key: self.draft.new_id(a) for key, a in activities.items()},
                {
                    key: {name: a.value(name) for name in ("title", "responsible", "deadline")}
                    for key, a in activities.items()
                },
                {key: set(a.edited) for key, a in activities.items() if a.edited},
            )
        )
        for activity in activities.values():
            activity.edited.clear()

    def expected(self, index: int) -> Expected:
        """What comparing snapshot `index` with the one before it must find."""
        current = self.snapshots[index]
        out = Expected()
        for key, new_id in current.ids.items():
            out.since[new_id] = self.first_year[key]
        if index == 0:
            return out
        previous = self.snapshots[index - 1]
        for key, new_id in current.ids.items():
            if key not in previous.ids:
                out.added.add(new_id)
                continue
            out.pairs[new_id] = previous.ids[key]
            if key in current.edited:
                out.changed[new_id] = current.edited[key]
            years = [int(y) for y in _YEAR.findall(current.deadline(key))]
            copied = current.year != previous.year and " ".join(
                current.deadline(key).split()
            ) == " ".join(previous.deadline(key).split())
            if years and (max(years) < current.year or copied):
                out.stale_deadlines.add(new_id)
        for key, new_id in current.ids.items():
            years = [int(y) for y in _YEAR.findall(current.deadline(key))]
            if key not in previous.ids and years and max(years) < current.year:
                out.stale_deadlines.add(new_id)
        out.dropped = {old_id for key, old_id in previous.ids.items() if key not in current.ids}
        return out

    def led(self, index: int, institution: str) -> int:
        """How many activities of snapshot `index` name `institution` as responsible."""
        snapshot = self.snapshots[index]
        word = re.compile(rf"(?<![А-Яа-я]){re.escape(institution)}(?![А-Яа-я])")
        return sum(bool(word.search(snapshot.responsible(key))) for key in snapshot.ids)


def generate(text: str) -> Generator:
    """The ten drafts: 2012–2016, two versions each, from the 2012 draft's text."""
    g = Generator(text)
    g.snapshot(2012, 1)  # the real draft, renumbered (closes its gaps: I.3, V.7)

    g.set("III.5", "expected_results", "Актуализирана и приета методика за разследване")
    g.set("VI.4", "deadline", "Юли 2011")  # a typo: a year before the programme's
    g.add(4, "A1")
    g.snapshot(2012, 2)

    g.new_year(2012, 2013, keep=("I.4",))  # I.4's deadline left in 2012 by mistake
    g.drop("I.6")
    g.draft.move("II.8", to_section=3)
    reworded = g.find("III.2")
    g.set(
        "III.2",
        "title",
        reworded.title.replace("съдии и служители", "съдии, следователи и служители").replace(
            " и НСлС", ""
        ),
    )
    g.set("IV.4", "responsible", g.find("IV.4").value("responsible") + f", {NEW_INSTITUTION}")
    g.add(2, "A2")
    g.snapshot(2013, 1)

    g.set(
        "I.5",
        "title",
        "Откриване в гр. София на приют за временно настаняване на пълнолетни жертви на трафик, "
        "ползван и като транзитен при насочването на жертви на трафик.",
    )
    g.drop("A1")
    g.snapshot(2013, 2)

    g.new_year(2013, 2014)
    g.set("I.4", "deadline", "Декември 2014")
    g.set("VI.4", "deadline", "Юли 2014")
    g.drop("II.6")
    g.add(6, "A3")
    for name in ("I.1", "V.1"):
        g.set(name, "responsible", g.find(name).value("responsible") + f", {NEW_INSTITUTION}")
    g.snapshot(2014, 1)

    g.set("VII.1", "expected_results", "Внесен в Министерския съвет проект на закон за изменение.")
    g.set("IV.2", "deadline", "Юни 2014")
    g.snapshot(2014, 2)

    g.new_year(2014, 2015, keep=("V.3",))
    g.drop("A2")
    g.drop("III.1")
    g.add(1, "A4")
    g.set("IV.4", "responsible", "НКБТХ")
    g.snapshot(2015, 1)

    g.set("V.2", "title", g.find("V.2").title.replace("Провеждане на", "Организиране на"))
    g.add(7, "A5")
    g.snapshot(2015, 2)

    g.new_year(2015, 2016)
    g.drop("VII.2")
    g.draft.move("I.2", to_section=2)
    g.snapshot(2016, 1)

    g.set("II.1", "indicators", "Брой проведени срещи и брой разпространени материали")
    g.snapshot(2016, 2)
    return g


def write_drafts(generator: Generator, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for snapshot in generator.snapshots:
        path = folder / snapshot.name
        path.write_text(snapshot.text, encoding="utf-8")
        paths.append(path)
    return paths
