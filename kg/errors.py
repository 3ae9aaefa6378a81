"""The errors kg raises: each names the file, article, node or value at fault and what to do about it."""

from __future__ import annotations

__all__ = ["KgError", "InputError", "ModelError", "ExportError"]


class KgError(Exception):
    """Base class of kg's errors; the CLI prints the message alone, without a traceback."""


class InputError(KgError):
    """An input path or file that cannot be used (missing, unreadable, wrong format)."""


class ModelError(KgError):
    """A recognition model that cannot be loaded or used."""


class ExportError(KgError):
    """A graph attribute that an output format cannot hold."""
