"""Abbreviations and institutions: glossaries, mentions, inline definitions, resolved items.

`resolve_abbreviations` is the pipeline stage; spaCy is imported only when it runs.
"""

from ..models import AbbreviationIndex, Mention
from .master import MasterGlossary, load_master
from .resolve import resolve_abbreviations

__all__ = ["AbbreviationIndex", "MasterGlossary", "Mention", "load_master", "resolve_abbreviations"]
