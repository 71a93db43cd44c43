"""What the importer raises: one clear message, and the promise that nothing was written."""
from __future__ import annotations

import pandas as pd


class IngestError(RuntimeError):
    """The load stopped; the database is exactly as it was before.

    ``code`` and ``params`` let the app say the same in the user's language; the message is the
    English the command line prints.
    """

    def __init__(self, message: str, code: str = "failed", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class UnreadableFileError(IngestError):
    """The file cannot be read as an export of the chosen kind (format, encoding or header)."""


class MissingShareError(IngestError):
    """A full registry export would mark too many of a province's operating factories as no
    longer in the feed (a truncated file, or a feed whose status codes changed): refused unless
    confirmed. ``preview`` holds, per province the export leaves factories out of, what marking
    would do (see :func:`data_access.ingest.store.missing_by_province`)."""

    def __init__(self, message: str, preview: pd.DataFrame, **params: object) -> None:
        super().__init__(message, "too_many_missing", **params)
        self.preview = preview
