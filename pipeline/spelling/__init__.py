"""Spelling: the Bulgarian Hunspell dictionary (bg_BG) and what is built on it."""

from .dictionary import Dictionary, get_dictionary

__all__ = ["Dictionary", "get_dictionary"]
