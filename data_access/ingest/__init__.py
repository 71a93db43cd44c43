"""The importer of the ministry's exports: DIW registry files (open data and GIS extracts),
i-Auditor inspections, complaints, emergencies, GI certificates, i4.0 assessments, programme
participation and KPI targets, as CSV or Excel.

``python -m data_access.ingest <kind> <file>`` on the command line, :func:`load_file` from the
app. See ``load.py`` for what a load does and ``kinds.py`` for what each kind holds.
"""
from data_access.ingest.errors import IngestError, UnreadableFileError
from data_access.ingest.kinds import KINDS
from data_access.ingest.load import LoadReport, load_file, rejects_csv, rejects_path

__all__ = ["KINDS", "IngestError", "LoadReport", "UnreadableFileError", "load_file", "rejects_csv", "rejects_path"]
