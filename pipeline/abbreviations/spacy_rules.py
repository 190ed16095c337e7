"""spaCy's Bulgarian tokenizer rules as data: dumped from spaCy, so natprog can tokenize without it.

`python -m natprog.abbreviations.spacy_rules` rewrites pipeline/data/spacy_bg_tokenizer.json from
the installed spaCy (MIT licence; the patterns are spaCy's, see its `lang/bg` and
`lang/punctuation.py`). tests/test_tokenizer.py fails when the file and spaCy disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "spacy_bg_tokenizer.json"


def dump_rules() -> dict:
    """The prefix, suffix and infix patterns, token/url matches and special cases of blank("bg")."""
    import spacy

    tokenizer = spacy.blank("bg").tokenizer

    def pattern(function) -> str | None:
        return function.__self__.pattern if function is not None else None

    specials = {
        orth: [token[65] for token in tokens]  # 65: spaCy's ORTH attribute id
        for orth, tokens in tokenizer.rules.items()
    }
    return {
        "spacy_version": spacy.__version__,
        "prefix": pattern(tokenizer.prefix_search),
        "suffix": pattern(tokenizer.suffix_search),
        "infix": pattern(tokenizer.infix_finditer),
        "token_match": pattern(tokenizer.token_match),
        "url_match": pattern(tokenizer.url_match),
        "special_cases": dict(sorted(specials.items())),
    }


def _main() -> None:
    data = dump_rules()
    data.pop("spacy_version")  # the rules, not the version, decide whether the file is current
    RULES_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {RULES_PATH}\n")


if __name__ == "__main__":
    _main()
