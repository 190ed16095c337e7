"""natprog: Bulgaria's national anti-trafficking programme drafts to data, proofread.

Library use: `natprog.run.process(path)` returns a `Result`; `natprog.run.extract(path, outdir)`
also writes the outputs; `natprog.read(path)` and `natprog.open_db(path)` give pandas frames of a
programme and of a `natprog db` dataset. Heavy libraries are imported only when a stage needs them.
"""

__version__ = "0.1.0"


def read(path, options=None):
    """A draft or its extraction JSON as a `natprog.dataset.Programme` with pandas frames."""
    from .dataset.api import read as read_programme

    return read_programme(path, options)


def open_db(path):
    """Every table and view of a `natprog db` database as pandas frames, by name."""
    from .dataset.api import open_db as open_dataset

    return open_dataset(path)
