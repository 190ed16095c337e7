"""A scanned page's image made ready for OCR: turned straight, table rules found and erased.

A scan has no vector lines, so the ruled tables the layout needs (`Grid`) are found in the
pixels: long straight runs of dark pixels. They are erased before OCR so Tesseract does not
read them as `|` or `_`.
"""

from __future__ import annotations

import numpy as np

from .pdflayout import Grid

MAX_SKEW = 3.0  # degrees either way; a page turned further is a page put in sideways
SKEW_STEP = 0.1
DARK = 160  # grey level below which a pixel is ink
RULE_DARK = 200  # a hairline rule is anti-aliased to grey: lighter ink still counts for rules
H_RUN = 150  # pixels at 300 dpi: 1.3 cm, longer than any stroke of a letter
V_RUN = 120
JOIN = 8  # pixels: two rule positions this close are one rule


def deskew(image):
    """The page turned so its text lines are horizontal (projection profile: the angle at which
    rows of ink are sharpest), on a quarter-size copy for speed."""
    from PIL import Image

    small = image.reduce(4)
    ink = Image.eval(small, lambda v: 255 if v < DARK else 0)
    best, best_score = 0.0, -1.0
    steps = int(round(MAX_SKEW / SKEW_STEP))
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP
        turned = np.asarray(ink.rotate(angle, resample=Image.NEAREST), dtype=np.float32)
        rows = turned.sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    if abs(best) < SKEW_STEP / 2:
        return image
    return image.rotate(best, resample=Image.BICUBIC, fillcolor=255)


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Pixels that belong to a horizontal run of at least `length` ink pixels (an opening)."""
    height, width = mask.shape
    if width < length:
        return np.zeros_like(mask)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # a full window starts here
    starts = np.zeros((height, width + 1), dtype=np.int32)
    starts[:, : full.shape[1]] = full
    covered = np.cumsum(starts, axis=1)
    # A pixel is covered when some full window starts in (x - length, x].
    shifted = np.zeros_like(covered)
    shifted[:, length:] = covered[:, :-length]
    return (covered - shifted)[:, :width] > 0


def _bands(profile: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array, as [start, end) pairs, joining those JOIN apart."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], profile.astype(np.int8), [0]))))
    bands = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
    joined: list[tuple[int, int]] = []
    for start, end in bands:
        if joined and start - joined[-1][1] <= JOIN:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _rules(lines: np.ndarray) -> list[tuple[float, int, int]]:
    """Horizontal rules in a mask of rule pixels: (centre row, first column, end column)."""
    out = []
    for top, bottom in _bands(lines.any(axis=1)):
        for x0, x1 in _bands(lines[top:bottom].any(axis=0)):
            out.append(((top + bottom - 1) / 2, x0, x1))
    return out


def find_grids(image, scale: float):
    """The page image with its table rules erased, and the tables as `Grid`s in PDF points
    (`scale` pixels per point)."""
    from PIL import Image

    pixels = np.asarray(image)
    ink = pixels < RULE_DARK
    # One pixel of tolerance across the rule: a rule left a hair off straight still runs on.
    thick = ink.copy()
    thick[1:] |= ink[:-1]
    thick[:-1] |= ink[1:]
    across = _runs(thick, H_RUN) & ink
    thick = ink.copy()
    thick[:, 1:] |= ink[:, :-1]
    thick[:, :-1] |= ink[:, 1:]
    down = _runs(thick.T, V_RUN).T & ink
    horizontal = _rules(across)
    vertical = [(x, y0, y1) for x, y0, y1 in _rules(down.T)]
    cleaned = pixels.copy()
    # The grey fringe of a rule goes too, or OCR reads it as `|`, `-` or `„`.
    erase = across | down
    grown = erase.copy()
    for shift in (1, 2):
        grown[shift:] |= erase[:-shift]
        grown[:-shift] |= erase[shift:]
        grown[:, shift:] |= erase[:, :-shift]
        grown[:, :-shift] |= erase[:, shift:]
    cleaned[erase | (grown & (pixels >= DARK // 2))] = 255  # a solid stroke beside a rule stays
    grids = [_grid(h, v, scale) for h, v in _tables(horizontal, vertical)]
    return Image.fromarray(cleaned), [grid for grid in grids if grid is not None]


def _tables(horizontal, vertical):
    """Rules grouped into tables: rules that touch belong to the same table."""
    items = [("h", rule) for rule in horizontal] + [("v", rule) for rule in vertical]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kind, rule) in enumerate(items):
        if kind != "h":
            continue
        y, x0, x1 = rule
        for j, (other_kind, other) in enumerate(items):
            if other_kind != "v":
                continue
            x, y0, y1 = other
            if x0 - JOIN <= x <= x1 + JOIN and y0 - JOIN <= y <= y1 + JOIN:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (kind, rule) in enumerate(items):
        group = groups.setdefault(find(i), ([], []))
        group[0 if kind == "h" else 1].append(rule)
    return [group for group in groups.values() if len(group[0]) >= 2 and len(group[1]) >= 2]


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > JOIN:
            out.append(value)
    return out


def _grid(horizontal, vertical, scale: float) -> Grid | None:
    """Cells of one table: rows between consecutive horizontal rules; in each row, a cell between
    the vertical rules crossing it. A slot a cell spans over (across, or down from the row above
    where no rule separates them) is None, as pdfplumber gives it."""
    ys = _positions([y for y, _, _ in horizontal])
    xs = _positions([x for x, _, _ in vertical])
    if len(ys) < 2 or len(xs) < 2:
        return None

    def slot(x: float) -> int:
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    rows: list[list[list[float] | None]] = []
    above: dict[int, list[float]] = {}
    for top, bottom in zip(ys, ys[1:], strict=False):
        middle = (top + bottom) / 2
        crossing = sorted({slot(x) for x, y0, y1 in vertical if y0 - JOIN <= middle <= y1 + JOIN})
        row: list[list[float] | None] = [None] * (len(xs) - 1)
        for left, right in zip(crossing, crossing[1:], strict=False):
            centre = (xs[left] + xs[right]) / 2
            ruled = any(
                abs(y - top) <= JOIN and x0 - JOIN <= centre <= x1 + JOIN
                for y, x0, x1 in horizontal
            )
            if not ruled and left in above:
                above[left][3] = bottom  # the cell above reaches down through this row
                continue
            box = [xs[left], top, xs[right], bottom]
            row[left] = box
            above[left] = box
        rows.append(row)
    if not any(cell for row in rows for cell in row):
        return None
    to_points = [[tuple(v / scale for v in cell) if cell else None for cell in row] for row in rows]
    bbox = (xs[0] / scale, ys[0] / scale, xs[-1] / scale, ys[-1] / scale)
    return Grid(bbox, to_points)  # type: ignore[arg-type]


def after_first_space(image, box: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """The columns of ink after the first word space in `box`, up to the next wide gap
    (Tesseract may draw a word's box over a lone `I` that follows it and drop the `I`)."""
    height = box[3] - box[1]
    columns = (np.asarray(image.crop(box)) < DARK).any(axis=0)
    inked = np.flatnonzero(columns)
    if not len(inked):
        return None
    gaps = np.diff(inked)
    spaces = np.flatnonzero(gaps > height * 0.2)
    if not len(spaces):
        return None
    start = inked[spaces[0] + 1]
    ends = np.flatnonzero(gaps[spaces[0] + 1 :] > height)
    end = inked[spaces[0] + 1 + ends[0]] if len(ends) else inked[-1]
    return box[0] + int(start), box[0] + int(end) + 1


def roman_from_glyphs(image) -> str | None:
    """A Roman numeral of I, V and X read from the shapes of its letters, or None.

    The letters are the runs of inked columns; an I is narrow, a V and an X are wide, and only
    an X has ink at both ends of its bottom rows. OCR models stumble on `II` in bold serif
    type (`VII` → `VI`); stroke shapes do not. A run too wide for one letter (letters touching)
    gives None, and the caller asks OCR instead.
    """
    ink = np.asarray(image) < DARK
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return None
    ink = ink[rows[0] : rows[-1] + 1]
    height = ink.shape[0]
    columns = np.flatnonzero(ink.any(axis=0))
    letters = []
    for start, end in _runs_of(columns):
        glyph = ink[:, start:end]
        width = end - start
        if width < height * 0.75:
            letters.append("I")
            continue
        if width > height * 1.6:
            return None
        bottom = np.flatnonzero(glyph[-max(2, height // 8) :].any(axis=0))
        spread = (bottom[-1] - bottom[0] + 1) / width if len(bottom) else 0.0
        letters.append("X" if spread > 0.6 else "V")
    return "".join(letters) or None


def _runs_of(indices: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive integers in a sorted array as [start, end) pairs."""
    if not len(indices):
        return []
    breaks = np.flatnonzero(np.diff(indices) > 1)
    starts = np.concatenate(([indices[0]], indices[breaks + 1]))
    ends = np.concatenate((indices[breaks], [indices[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))
