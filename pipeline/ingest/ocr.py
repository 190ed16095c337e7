"""OCR for scanned PDF pages: Tesseract (Bulgarian model) reads each page image into `PageContent`.

The words come with their boxes and confidence (Tesseract's hOCR, `ocrwords`), the ruled
tables with their cells (`ocrgrid`), so a scanned page goes through the same layout, parser and checks as
a page with a text layer. Blocks built from OCR'd words carry `ocr` and their confidence.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import NoTextLayerError
from ..models import Block
from ..options import Options
from .pdflayout import PageContent, Word

log = logging.getLogger("natprog")

DPI = 300  # Tesseract's models are trained on text about this size; 150-dpi scans are upscaled
LANGUAGE = "bul"
INSTALL_HINT = (
    "install Tesseract with its Bulgarian model, e.g. "
    "`sudo apt-get install tesseract-ocr tesseract-ocr-bul`, then retry"
)
Progress = Callable[[int, int], None]  # (pages done, pages in all)


class OcrEngineMissingError(NoTextLayerError):
    """The PDF needs OCR and Tesseract (or its Bulgarian model) is not installed."""


@dataclass(slots=True)
class RecognisedPage:
    content: PageContent
    confidences: list[float]  # per word of `content.words`, 0–100


@dataclass(slots=True)
class Recognised:
    """The pages read by OCR, to mark the blocks built from them."""

    pages: dict[int, RecognisedPage]

    def mark(self, blocks: list[Block]) -> None:
        """Set `ocr` and the mean word confidence on every block built from an OCR'd page."""
        for block in blocks:
            page = self.pages.get(block.prov.page or 0)
            if page is None:
                continue
            confidence = _confidence_in(page, block.prov.bbox)
            block.prov = replace(block.prov, ocr=True, confidence=confidence)


def pages_to_read(pages: list[PageContent], mode: str) -> list[int]:
    """Page numbers to OCR: `always` every page, `auto` those without a text layer, `never` none."""
    if mode == "always":
        return [page.number for page in pages]
    if mode == "auto":
        return [page.number for page in pages if not page.words]
    return []


def recognise(
    data: bytes, path: str, pages: list[PageContent], options: Options
) -> tuple[list[PageContent], Recognised | None]:
    """`pages` with those `--ocr` selects replaced by what Tesseract reads on them."""
    wanted = pages_to_read(pages, options.ocr)
    if not wanted:
        return pages, None
    require_engine(path, "ocr always" if options.ocr == "always" else None)
    if options.ocr == "auto":
        log.warning(
            "%s: note: %s no text layer (a scan?): reading with OCR (Tesseract, %s)",
            path,
            _page_list(wanted, len(pages)),
            LANGUAGE,
        )
    read = _read_pages(data, wanted, options)
    out = [read[page.number].content if page.number in read else page for page in pages]
    return out, Recognised(read)


def _page_list(numbers: list[int], total: int) -> str:
    if len(numbers) == total:
        return f"all {total} pages have" if total > 1 else "the page has"
    shown = ", ".join(map(str, numbers[:10])) + (", …" if len(numbers) > 10 else "")
    return f"pages {shown} have" if len(numbers) > 1 else f"page {shown} has"


@functools.cache
def _engine_problem() -> str | None:
    """Why OCR cannot run here, or None. Asked once per process."""
    binary = shutil.which("tesseract")
    if binary is None:
        return "the OCR engine Tesseract is not installed"
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "the OCR engine Tesseract does not run"
    if LANGUAGE not in listed.split():
        return "Tesseract's Bulgarian model (bul) is not installed"
    return None


def require_engine(path: str | None = None, asked: str | None = None) -> None:
    """Raise `OcrEngineMissingError` (exit code 5) saying what to install, if OCR cannot run."""
    problem = _engine_problem()
    if problem:
        why = f"OCR was asked for (--{asked})" if asked else "the PDF has no text layer (a scan?)"
        raise OcrEngineMissingError(f"{why} and {problem}: {INSTALL_HINT}", path=path)


@dataclass(frozen=True, slots=True)
class _Engine:
    """How Tesseract is run for one document."""

    single_thread: bool  # OMP_THREAD_LIMIT=1: pages run in parallel instead
    user_words: str  # a file of words to prefer: the abbreviations of the master glossary


def _read_pages(data: bytes, numbers: list[int], options: Options) -> dict[int, RecognisedPage]:
    """Render each page (pdfium is not thread-safe: one at a time, here) while Tesseract reads
    the ones already rendered, one process per core."""
    import pypdfium2 as pdfium

    # Pages in parallel, one single-threaded Tesseract per core: faster than Tesseract's own
    # threads (benchmarks/bench_ocr.py compares both; NATPROG_OCR_JOBS=1 gives the latter).
    jobs = int(os.environ.get("NATPROG_OCR_JOBS") or 0) or os.cpu_count() or 1
    jobs = max(1, min(len(numbers), jobs))
    progress = options.progress
    results: dict[int, RecognisedPage] = {}
    with tempfile.TemporaryDirectory(prefix="natprog-ocr-") as folder:
        words = Path(folder) / "words.txt"
        words.write_text("".join(f"{word}\n" for word in _known_words(options)), encoding="utf-8")
        engine = _Engine(jobs > 1, str(words))
        pdf = pdfium.PdfDocument(data)
        try:
            if progress:
                progress(0, len(numbers))
            with ThreadPoolExecutor(jobs) as pool:
                futures = []
                for number in numbers:
                    page = pdf[number - 1]
                    width, height = page.get_size()
                    image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
                    page.close()
                    futures.append(pool.submit(_read_page, image, number, width, height, engine))
                for done, future in enumerate(futures, start=1):
                    recognised = future.result()
                    results[recognised.content.number] = recognised
                    if progress:
                        progress(done, len(futures))
        finally:
            pdf.close()
    return results


def _known_words(options: Options) -> list[str]:
    """The abbreviations of the master glossary, word by word (`ИА ГИТ`: ИА, ГИТ).

    Tesseract prefers them where the letters are unclear: `НКБТХ`, not `НКЬТХ`. The file is
    found as `abbreviations.master_path` finds it (that stage sits above ingest, so only the
    rule is repeated here); a list that cannot be read only means no hints.
    """
    from importlib.resources import files

    candidates = [options.glossary_path, Path.cwd() / "abbreviations.csv"]
    path = next((c for c in candidates if c is not None and c.is_file()), None)
    source = path or files("natprog").joinpath("data/abbreviations.csv")
    try:
        rows = csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig")))
        return sorted({word for row in rows for word in (row.get("abbreviation") or "").split()})
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _read_page(image, number: int, width: float, height: float, engine: _Engine) -> RecognisedPage:
    from PIL import ImageFilter

    from .ocrgrid import deskew, find_grids

    # A 3×3 median takes dust and toner specks (up to 2×2 pixels at 300 dpi) off and keeps
    # strokes. Measured: applied at a 150-dpi scan's own resolution it eats thin strokes too.
    image = deskew(image.filter(ImageFilter.MedianFilter(3)))
    image, grids = find_grids(image, DPI / 72)
    words, confidences = _tesseract(image, DPI / 72, engine)
    content = PageContent(number=number, width=width, height=height, words=words, grids=grids)
    return RecognisedPage(content, confidences)


def _tesseract_run(image, *args: str, single_thread: bool = True) -> str:
    """Tesseract's output for one image (`args`: language, page mode, output format)."""
    buffer = io.BytesIO()
    image.save(buffer, "PPM")  # uncompressed: quicker than PNG both ways
    # One thread per Tesseract: pages run in parallel instead, which is faster on few cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"} if single_thread else None
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "--dpi", str(DPI), *args],
        input=buffer.getvalue(),
        capture_output=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode(errors="replace").split())[:160]
        raise NoTextLayerError(
            f"OCR failed ({detail}): check that `tesseract --list-langs` works and lists bul"
        )
    return done.stdout.decode("utf-8")


def _tesseract(image, scale: float, engine: _Engine) -> tuple[list[Word], list[float]]:
    """Words (in PDF points) and their confidences from Tesseract's hOCR for one page image."""
    from .ocrwords import parse_hocr

    hocr = _tesseract_run(
        image,
        "-l",
        LANGUAGE,
        "--user-words",
        engine.user_words,
        "-c",
        "hocr_char_boxes=1",
        "hocr",
        single_thread=engine.single_thread,
    )
    found = _reread_section_numbers(image, parse_hocr(hocr))
    words = [
        Word(text, left / scale, (left + width) / scale, top / scale, (top + height) / scale)
        for text, (left, top, width, height), _, _ in found
    ]
    return words, [confidence for _, _, confidence, _ in found]


# A section heading is `РАЗДЕЛ` and a Roman numeral. The Bulgarian model has no Latin letters, so
# it reads the numeral as look-alikes (II → П, III → Ш, IV → ТУ, V → У) or drops a lone I.
# The part of the line after `РАЗДЕЛ` is read again as Latin capitals I, V, X only.
_NUMERAL_LOOKALIKES = set("IVXLПШУТХГ1l|!ІЇ")


def _reread_section_numbers(image, found: list) -> list:
    from .ocrgrid import after_first_space, roman_from_glyphs  # numpy: only when OCR runs

    out: list = []
    skip: set[int] = set()
    for index, item in enumerate(found):
        if index in skip:
            continue
        out.append(item)
        text, (left, top, width, height), confidence, line = item
        if text.upper() != "РАЗДЕЛ":
            continue
        rest = [i for i in range(index + 1, len(found)) if found[i][3] == line]
        if rest and not all(set(found[i][0]) <= _NUMERAL_LOOKALIKES for i in rest):
            continue
        span = after_first_space(image, (left, top, left + width + 6 * height, top + height))
        if span is None:
            continue
        x0, x1 = span
        crop = image.crop(
            (x0 - height // 4, top - height // 2, x1 + height // 4, top + height * 3 // 2)
        )
        numeral = (
            roman_from_glyphs(crop)
            or "".join(
                _tesseract_run(crop, "-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=IVX")
            ).split()
        )
        if numeral:
            skip.update(rest)
            out[-1] = (text, (left, top, min(width, x0 - left), height), confidence, line)
            out.append((numeral, (x0, top, x1 - x0, height), confidence, line))
    return out


def _confidence_in(
    page: RecognisedPage, bbox: tuple[float, float, float, float] | None
) -> float | None:
    """Mean confidence of the page's words centred inside `bbox`, weighted by their length."""
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    total = weight = 0.0
    for word, confidence in zip(page.content.words, page.confidences, strict=True):
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
            total += confidence * len(word.text)
            weight += len(word.text)
    return round(total / weight, 1) if weight else None
