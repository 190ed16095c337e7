"""The peer corpus (311 test files of pandoc, pdfplumber, python-docx, mammoth) as a test suite.

Every file goes through `extract` and `check --text-only`; its exit codes and the words natprog
reads must match `tests/peer_corpus_expected.csv` (a regression shows as a diff of that table),
and a readable file's words must agree with a reference reader's. `make test` runs a fixed
sample; the whole corpus is `@pytest.mark.slow` (`make test-slow`, `make corpus`).
"""

from __future__ import annotations

import pytest
from peer_corpus import (
    CORPUS,
    REFUSALS,
    agrees,
    corpus_files,
    outcome,
    read_expected,
    reference_words,
)

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the peer corpus is not at {CORPUS} (CI keeps ../shared/ beside the checkout; "
    "set NATPROG_PEER_CORPUS to its folder)",
)

# Small and quick, one per reading problem the corpus showed (issue 13).
SAMPLE = [
    "pdfplumber/tests__pdfs__password-example.pdf",  # refused: encrypted (3)
    "pdfplumber/tests__pdfs__empty.pdf",  # refused: empty (3)
    "pdfplumber/tests__pdfs__issue-71-duplicate-chars.pdf",  # overprinted fake bold
    "pdfplumber/tests__pdfs__pr-88-example.pdf",  # no spaces stored
    "pdfplumber/tests__pdfs__issue-1054-example.pdf",  # no spaces stored
    "pdfplumber/tests__pdfs__line-char-render-example.pdf",
    "python-docx/features__steps__test_files__doc-default.docx",
    "mammoth.js/test__test-data__footnotes.docx",
    "pandoc/test__docx__0_level_headers.docx",
]


def _expected(name: str) -> dict[str, str]:
    table = read_expected()
    assert name in table, f"{name} is not in tests/peer_corpus_expected.csv: regenerate it"
    return table[name]


def check_file(name: str) -> None:
    expected = _expected(name)
    found = outcome(name)
    assert 70 not in (found.extract_exit, found.check_exit), found.extract_stderr
    assert not found.left_behind, f"a failed extract left {found.left_behind}"
    if found.extract_exit not in (0, 6):
        assert found.extract_exit in REFUSALS
        assert found.extract_stderr.count("\n") == 1, found.extract_stderr  # one line
    row = found.row()
    assert (row["extract_exit"], row["check_exit"]) == (
        expected["extract_exit"],
        expected["check_exit"],
    )
    recorded = int(expected["words"])
    assert abs(found.words - recorded) <= max(2, 0.02 * recorded), (found.words, recorded)
    if expected["reference_words"] and not expected["note"]:
        reference = int(expected["reference_words"])
        assert agrees(found.words, reference), (
            f"{found.words} words against the reference's {reference}: fix the reader or say "
            "why in the table's note"
        )


def test_the_table_lists_every_file_of_the_corpus():
    assert sorted(read_expected()) == corpus_files()


def test_every_difference_from_the_reference_is_explained():
    """A row whose words disagree with the reference reader's carries a note saying why."""
    unexplained = [
        name
        for name, row in read_expected().items()
        if row["reference_words"]
        and not row["note"]
        and not agrees(int(row["words"]), int(row["reference_words"]))
    ]
    assert unexplained == []


@pytest.mark.parametrize("name", SAMPLE)
def test_sample_of_the_corpus(name):
    check_file(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", corpus_files() if CORPUS.is_dir() else [])
def test_whole_corpus(name):
    check_file(name)


@pytest.mark.slow
def test_reference_counts_are_current():
    """The reference readers still find the recorded words in a few files of each kind."""
    table = read_expected()
    for name in SAMPLE:
        found = reference_words(name)
        assert ("" if found is None else str(found)) == table[name]["reference_words"], name


def _pdf_texts(name: str, pdf_engine: str) -> list[str] | int:
    from natprog.errors import NatprogError
    from natprog.ingest import ingest
    from natprog.options import Options

    try:
        document = ingest(CORPUS / name, Options(pdf_engine=pdf_engine))
    except NatprogError as error:
        return int(error.exit_code)
    return [b.text for b in document.header_blocks + document.blocks + document.footer_blocks]


@pytest.mark.slow
def test_pdfium_is_the_default_only_if_it_reads_every_pdf_of_the_corpus_alike():
    """The identity test that decides the default engine (README, "PDF engines")."""
    from natprog.ingest.pdf import engine
    from natprog.options import Options

    pdfs = [name for name in corpus_files() if name.endswith(".pdf")]
    differing = [
        name for name in pdfs if _pdf_texts(name, "pdfium") != _pdf_texts(name, "pdfplumber")
    ]
    assert engine(Options()) == ("pdfplumber" if differing else "pdfium"), differing
