"""Parse: a `Document`'s block stream into a `Programme` (sections, goals, activities, glossary)."""

from .structure import parse

__all__ = ["parse"]
