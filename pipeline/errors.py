"""The one exception hierarchy of natprog and the exit codes it maps to.

The library raises these; only the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum

MAX_MESSAGE = 400  # characters of one error line, path excluded


class ExitCode(IntEnum):
    """Process exit codes; stable, documented in the README."""

    OK = 0
    FINDINGS = 1  # `check`/`batch` found problems at or above --fail-on
    USAGE = 2  # bad options or arguments (click uses 2 as well)
    UNREADABLE = 3  # corrupt, truncated, encrypted or otherwise unreadable file
    UNSUPPORTED = 4  # a format natprog does not read (or cannot convert here)
    NO_TEXT = 5  # a PDF without a text layer (a scan)
    NOT_PROGRAMME = 6  # readable, but no sections/activities found
    LIMIT = 7  # refused: the file exceeds a safety limit (size, ratio, pages, XML entities)
    CONTENT_LIMIT = 8  # refused: too many paragraphs, table cells, runs or characters
    STREAM_LIMIT = 9  # refused: a PDF's compressed streams inflate beyond --max-stream-mb
    INTERNAL = 70  # a bug: rerun with --debug and report it (EX_SOFTWARE)
    CANNOT_WRITE = 73  # the outputs cannot be written: disk full, no permission (EX_CANTCREAT)
    INTERRUPTED = 130  # Ctrl-C (SIGINT), as shells report it: 128 + 2


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
        if len(text) > MAX_MESSAGE:  # a library may quote a whole damaged line back at us
            text = text[: MAX_MESSAGE - 1] + "…"
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


class ContentLimitError(LimitExceededError):
    """More paragraphs, cells, runs or characters than any draft has (`--max-paragraphs` ...)."""

    exit_code = ExitCode.CONTENT_LIMIT


class StreamLimitError(LimitExceededError):
    """A PDF whose compressed streams inflate beyond `--max-stream-mb` (a PDF bomb?)."""

    exit_code = ExitCode.STREAM_LIMIT


class ConfigError(UsageError):
    """natprog.toml (or --config) is malformed."""


class OutputError(NatprogError):
    """The outputs cannot be written (disk full, read-only or missing folder, no permission)."""

    exit_code = ExitCode.CANNOT_WRITE


class InternalError(NatprogError):
    exit_code = ExitCode.INTERNAL


DEBUG_HINT = "this is a bug in natprog: rerun with --debug for the traceback and report it"


def internal_error(exc: BaseException, path: str | None = None) -> InternalError:
    """An unexpected exception as a reportable error: its type and text, and what to do next."""
    detail = " ".join(str(exc).split())[:200]
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return InternalError(f"internal error ({what}); {DEBUG_HINT}", path=path)
