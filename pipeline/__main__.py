"""`python -m pipeline` is the `natprog` command."""

from .cli import entry

entry()
