"""natprog: Bulgaria's national anti-trafficking programme drafts to data, proofread.

Library use: `natprog.run.process(path)` returns a `Result`; `natprog.run.extract(path, outdir)`
also writes the outputs. Heavy libraries are imported only when a stage needs them.
"""

__version__ = "0.1.0"
