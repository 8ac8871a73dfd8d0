"""The one error hierarchy of aligner; only the CLI maps these to exit codes."""

from __future__ import annotations


class AlignerError(Exception):
    """Base class of every error aligner raises on purpose."""


class InputError(AlignerError):
    """A file or argument the user gave cannot be used.

    ``path`` names the file (or argument) at fault; the message says what is
    wrong and what to do about it, in one line.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ConfigError(AlignerError):
    """A configuration file or setting is invalid (unknown key, bad value)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
