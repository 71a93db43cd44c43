"""Writes ``docs/data-model.md`` from the schema's own comments, so the document cannot drift:
``python -m data_access.db.schema_doc > docs/data-model.md`` (a test checks that it is current)."""
from __future__ import annotations

import sqlalchemy as sa

from data_access.db.schema import TABLE_ORDER

INTRO = """# Data model

The unified database, as declared in `data_access/db/schema.py` (SQLAlchemy 2 Core) and created the
same way on DuckDB (the embedded default) and PostgreSQL (production). Keys are stable codes: DOPA
province and district codes, DIW's 14-digit registration id. Dates are Gregorian; the Buddhist
Era appears only on screen. No table holds personal data of complainants.

This file is generated: `python -m data_access.db.schema_doc > docs/data-model.md`.
"""


def _key_note(column: sa.Column) -> str:
    notes = []
    if column.primary_key:
        notes.append("PK")
    notes += [f"FK → {fk.target_fullname}" for fk in column.foreign_keys]
    if column.index:
        notes.append("indexed")
    if not column.nullable and not column.primary_key:
        notes.append("required")
    return ", ".join(notes)


def table_markdown(table: sa.Table) -> str:
    lines = [f"## `{table.name}`", "", "| column | type | keys | meaning |", "|---|---|---|---|"]
    for column in table.columns:
        lines.append(f"| `{column.name}` | {column.type} | {_key_note(column)} | {column.comment or ''} |")
    return "\n".join(lines)


def document() -> str:
    return "\n\n".join([INTRO.rstrip(), *(table_markdown(t) for t in TABLE_ORDER)]) + "\n"


if __name__ == "__main__":
    print(document(), end="")
