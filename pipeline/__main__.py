"""`python -m natprog` is the `natprog` command."""

from .cli import entry

entry()
