"""Rebuilds the newspaper-style part of the spelling dev set into build/devset/ (not committed).

The sources' licences do not allow copying their text into this repository, so this script
writes it from a checkout (or a bare git mirror) of each:

    python tests/devset.py bsnlp PATH-TO-BSNLP-2021-Shared-Task      # news-bsnlp.txt (tune)
    python tests/devset.py bsnlp PATH --offset 6 --name heldout-bsnlp  # looked at: now tuning
    python tests/devset.py bsnlp PATH --offset 3 --name tune2-bsnlp    # fresh tuning text
    python tests/devset.py bsnlp PATH --offset 1 --name tune3-bsnlp    # the third round's
    python tests/devset.py bsnlp PATH --offset 9 --name final-bsnlp --out build/final
    python tests/devset.py btb PATH-TO-UD_Bulgarian-BTB              # news-btb-train.txt (tune)
    python tests/devset.py btb PATH-TO-UD_Bulgarian-BTB --split dev  # heldout-btb-dev.txt
    python tests/devset.py btb PATH-TO-UD_Bulgarian-BTB --split test --out build/final

The held-out sets of the second round (issue 12b) go to build/final/, which the bench reads
only when asked (`python tests/spelling_bench.py --final`): every 12th BSNLP document from the
tenth on (`final-bsnlp`, documents no earlier set holds) and BTB's test split
(`heldout-btb-test`). They were measured once, after the tuning, and never tuned on.
`heldout-bsnlp` (offset 6) was read while tuning the first round, so it is tuning data now.

* github.com/UL-FRI-Zitnik/BSNLP-2021-Shared-Task: the Bulgarian web news of the BSNLP 2019/2021
  shared tasks (Asia Bibi, Brexit, Nord Stream, Ryanair, COVID-19, the 2020 US election), each
  document's body without its four header lines; name-heavy, 2018–2021.
* github.com/UniversalDependencies/UD_Bulgarian-BTB (CC BY-NC-SA 4.0): the `# text =` lines of
  a split, one sentence a line. Tune on `train` only: an outside evaluation uses texts like the
  dev and test splits, so those are measured, never tuned on (`heldout-` files).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "build" / "devset"


def conllu_text(repo: Path, split: str) -> str:
    """The split's .conllu, from a checkout or (a bare mirror) from its HEAD commit."""
    name = f"bg_btb-ud-{split}.conllu"
    if (repo / name).exists():
        return (repo / name).read_text("utf-8")
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{name}"], capture_output=True, text=True
    )
    if shown.returncode != 0:
        raise SystemExit(f"{repo}: no {name} (a mirror without its large files?)")
    return shown.stdout


def sentences(conllu: str) -> list[str]:
    """`# text =` lines, with an empty string where a new document starts."""
    out: list[str] = []
    for line in conllu.splitlines():
        if line.startswith("# newdoc") and out and out[-1]:
            out.append("")
        elif line.startswith("# text = "):
            out.append(line[len("# text = ") :].strip())
    return out


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def bsnlp_documents(repo: Path) -> list[str]:
    """The body of every Bulgarian raw document (header: id, language, date, URL)."""
    names = [
        name
        for name in _git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
        if "/raw/bg/" in name
    ]
    bodies = []
    for name in sorted(names):
        text = _git(repo, "show", f"HEAD:{name}")
        bodies.append("\n".join(text.splitlines()[4:]).strip())
    return bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", choices=("btb", "bsnlp"))
    parser.add_argument("repo", type=Path)
    parser.add_argument("--split", default="train", choices=("train", "dev", "test"))
    parser.add_argument(
        "--every", type=int, default=12, help="bsnlp: keep every Nth document (~30,000 words)"
    )
    parser.add_argument("--offset", type=int, default=0, help="bsnlp: the first document kept")
    parser.add_argument("--name", default="news-bsnlp", help="bsnlp: the file name to write")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write into")
    args = parser.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.source == "bsnlp":
        documents = list(dict.fromkeys(bsnlp_documents(args.repo)))  # news agencies repeat
        lines = documents[args.offset :: args.every]
        target = out / f"{args.name}.txt"
    else:
        lines = sentences(conllu_text(args.repo, args.split))
        prefix = "news" if args.split == "train" else "heldout"
        target = out / f"{prefix}-btb-{args.split}.txt"
    target.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    words = sum(len(line.split()) for line in lines)
    sys.stderr.write(f"wrote {target}: {sum(1 for x in lines if x)} texts, {words} words\n")


if __name__ == "__main__":
    main()
