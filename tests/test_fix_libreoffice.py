"""The corrected copy in real LibreOffice: it shows natprog's change marks, and accepting them
all there (a Basic macro run headless) gives the text natprog's own accepted view gives.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from test_fix import W, corrected

from conftest import DRAFT_2012
from natprog.ingest.docx import read_docx
from natprog.options import Options

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

# Opens SOURCE hidden, accepts every tracked change (the Edit → Track Changes → Accept All
# command), saves it as DOCX to TARGET and quits.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub AcceptAll(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  frame = document.getCurrentController().getFrame()
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(frame, &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;MS Word 2007 XML&quot;
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return found


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo")


@pytest.fixture(scope="module")
def fixed(work):
    result, data, raw, outcomes = corrected(DRAFT_2012["docx"])
    path = work / "np2012-draft.corrected.docx"
    path.write_bytes(raw)
    return result, raw, outcomes, path


def _soffice(soffice: str, work: Path, *args: str) -> None:
    """Run LibreOffice on its own profile; on a hang, stop it and everything it started."""
    command = [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
               "--norestore", *args]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        output, _ = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, output.decode(errors="replace")


def _quiet_profile(soffice: str, profile: Path) -> None:
    """Mark the profile's first start as done: a view opened for the first time (the macro's)
    would show the What's New / Donate / Get Involved bars, which a GUI-less LibreOffice
    cannot build (it aborts)."""
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout
    major_minor = re.search(r"(\d+\.\d+)", version).group(1)
    items = {
        ("/org.openoffice.Setup/Product", "ooSetupLastVersion"): major_minor,
        ("/org.openoffice.Setup/Product", "LastTimeDonateShown"): "4102444800",
        ("/org.openoffice.Setup/Product", "LastTimeGetInvolvedShown"): "4102444800",
        ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay"): "false",
        ("/org.openoffice.Office.Common/Misc", "FirstRun"): "false",
    }
    xcu = profile / "user" / "registrymodifications.xcu"
    text = xcu.read_text(encoding="utf-8")
    added = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for (path, name), value in items.items()
    )
    xcu.write_text(text.replace("</oor:items>", added + "</oor:items>"), encoding="utf-8")


def _pdf(soffice: str, work: Path, docx_path: Path) -> Path:
    folder = work / docx_path.stem
    folder.mkdir(exist_ok=True)
    _soffice(soffice, work, "--convert-to", "pdf", "--outdir", str(folder), str(docx_path))
    return folder / (docx_path.stem + ".pdf")


def _coloured_pixels(pdf: Path) -> int:
    """Pixels that are clearly neither black, white nor grey, over all pages at 30 dpi."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(prefix)], check=True)
    total = 0
    for page in sorted(pdf.parent.glob(prefix.name + "-*.png")):
        colours = Image.open(page).convert("RGB").getcolors(1 << 24) or []
        total += sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 80)
    return total


def test_libreoffice_shows_the_change_marks(soffice, work, fixed):
    _, _, outcomes, path = fixed
    draft = work / "draft.docx"
    shutil.copyfile(DRAFT_2012["docx"], draft)
    shown = _pdf(soffice, work, path)
    plain = _pdf(soffice, work, draft)
    text = re.sub(r"\s+", "", subprocess.run(
        ["pdftotext", str(shown), "-"], check=True, capture_output=True, text=True
    ).stdout)  # fmt: skip
    draft_text = re.sub(r"\s+", "", subprocess.run(
        ["pdftotext", str(plain), "-"], check=True, capture_output=True, text=True
    ).stdout)  # fmt: skip
    words = [(w, r) for o in outcomes for w, r in o.changes if w.strip() and r.strip()]
    assert len(words) >= 20
    # A replaced word shows struck through and followed by its replacement, both on the page.
    for wrong, right in words:
        assert wrong + right in text, (wrong, right)
        assert wrong + right not in draft_text
    # Changes are drawn in the author's colour; the draft itself is black on white.
    assert _coloured_pixels(shown) > _coloured_pixels(plain) + 1000


def _without_comments(raw: bytes) -> bytes:
    """The DOCX with its comment marks taken out of the body (the text is the same): a
    GUI-less LibreOffice lays out comment windows after opening a document in a view, and
    aborts now and then doing so."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(content)
                marks = list(root.iter(W + "commentRangeStart", W + "commentRangeEnd"))
                marks += [ref.getparent() for ref in root.iter(W + "commentReference")]
                for mark in marks:
                    mark.getparent().remove(mark)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, content)
    return out.getvalue()


def test_accepting_all_in_libreoffice_gives_natprogs_accepted_view(soffice, work, fixed):
    _, raw, _, path = fixed
    profile = work / "profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        _pdf(soffice, work, path)  # a first start creates the profile (and its Basic library)
    _quiet_profile(soffice, profile)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    source = work / "without-comments.docx"
    source.write_bytes(_without_comments(raw))
    target = work / "accepted-by-libreoffice.docx"
    _soffice(soffice, work, f'macro:///Standard.Module1.AcceptAll("{source}","{target}")')
    accepted_there = read_docx(target.read_bytes(), "x.docx", Options(revisions="original"))
    accepted_here = read_docx(raw, "x.docx", Options(revisions="accepted"))
    assert accepted_there.tracked_changes.total == 0
    there = [block.text for block in accepted_there.blocks]
    here = [block.text for block in accepted_here.blocks]
    assert there == here
