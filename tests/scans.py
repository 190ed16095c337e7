"""Scans made at test time: the 2012 draft's PDF rendered to page images and wrapped back.

Nothing here is committed as a binary: `scan()` renders with poppler's `pdftoppm`, spoils the
pages a real scanner would (one turned by a degree, one speckled), saves an image-only PDF with
Pillow and keeps it in a cache folder keyed by everything that shapes it.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "inputs" / "np2012-draft.pdf"
CACHE = Path(os.environ.get("NATPROG_SCAN_CACHE", ROOT / ".pytest_cache" / "natprog-scans"))
ROTATED_PAGE = 3  # turned by ROTATION degrees, as a sheet laid askew on the glass
ROTATION = 1.2
NOISY_PAGE = 7  # speckled with dust
NOISE = 0.004  # share of pixels flipped to black


def have_poppler() -> bool:
    return shutil.which("pdftoppm") is not None


def scan(
    dpi: int = 300,
    *,
    first: int = 1,
    last: int | None = None,
    spoil: bool = True,
    source: Path = SOURCE,
) -> Path:
    """An image-only PDF of `source`'s pages `first`..`last` scanned at `dpi` (cached)."""
    key = hashlib.sha256(
        f"{source.read_bytes().hex()[:4096]}{source.stat().st_size}|{dpi}|{first}|{last}|"
        f"{spoil}|{ROTATED_PAGE}|{ROTATION}|{NOISY_PAGE}|{NOISE}|v1".encode()
    ).hexdigest()[:16]
    target = CACHE / f"{source.stem}-{dpi}dpi-{first}-{last or 'end'}-{key}.pdf"
    if target.is_file():
        return target
    from PIL import Image

    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        command = ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(first)]
        if last:
            command += ["-l", str(last)]
        subprocess.run([*command, str(source), f"{tmp}/page"], check=True)
        pages = []
        for path in sorted(Path(tmp).glob("page-*.pgm")):
            number = int(path.stem.rsplit("-", 1)[1])
            image = Image.open(path).convert("L")
            if spoil and number == ROTATED_PAGE:
                image = image.rotate(ROTATION, resample=Image.BICUBIC, expand=False, fillcolor=255)
            if spoil and number == NOISY_PAGE:
                image = _speckle(image, NOISE, seed=number)
            pages.append(image)
        partial = target.with_suffix(".part")
        pages[0].save(partial, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
        partial.replace(target)
    return target


def _speckle(image, share: float, seed: int):
    """Black dust: `share` of the pixels, some in 2×2 clumps (fixed seed: the same every time)."""
    rng = random.Random(seed)
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * share)):
        x, y = rng.randrange(width - 1), rng.randrange(height - 1)
        size = 2 if rng.random() < 0.3 else 1
        for dx in range(size):
            for dy in range(size):
                pixels[x + dx, y + dy] = rng.randrange(0, 90)
    return image


if __name__ == "__main__":
    import sys

    print(scan(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
