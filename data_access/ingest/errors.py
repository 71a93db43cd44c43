"""What the importer raises: one clear message, and the promise that nothing was written."""
from __future__ import annotations


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
