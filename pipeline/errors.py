"""The one exception hierarchy of natprog and the exit codes it maps to.

The library raises these; only the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; stable, documented in the README."""

    OK = 0
    FINDINGS = 1  # `check`/`batch` found problems at or above --fail-on
    USAGE = 2  # bad options or arguments (click uses 2 as well)
    UNREADABLE = 3  # corrupt, truncated, encrypted or otherwise unreadable file
    UNSUPPORTED = 4  # a format natprog does not read (or cannot convert here)
    NO_TEXT = 5  # a PDF without a text layer (a scan)
    NOT_PROGRAMME = 6  # readable, but no sections/activities found
    LIMIT = 7  # refused: the file exceeds a safety limit (size, ratio, pages)
    INTERNAL = 70  # a bug: rerun with --debug and report it


class NatprogError(Exception):
    """Base of every error natprog reports to a user."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        """The message as printed by the CLI: `path: message`, never more than one line."""
        text = " ".join(self.message.split())
        return f"{self.path}: {text}" if self.path else text


class UsageError(NatprogError):
    exit_code = ExitCode.USAGE


class UnreadableFileError(NatprogError):
    """The file cannot be read: corrupt, truncated, empty, encrypted."""

    exit_code = ExitCode.UNREADABLE


class EncryptedFileError(UnreadableFileError):
    """The file is protected by a password."""


class UnsupportedFormatError(NatprogError):
    exit_code = ExitCode.UNSUPPORTED


class NoTextLayerError(NatprogError):
    exit_code = ExitCode.NO_TEXT


class NotAProgrammeError(NatprogError):
    exit_code = ExitCode.NOT_PROGRAMME


class LimitExceededError(NatprogError):
    """A safety limit (size, compression ratio, pages, entities) was hit."""

    exit_code = ExitCode.LIMIT


class ConfigError(UsageError):
    """natprog.toml (or --config) is malformed."""


class InternalError(NatprogError):
    exit_code = ExitCode.INTERNAL
