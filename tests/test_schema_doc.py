"""docs/data-model.md is the schema's own description: it must be regenerated when the schema changes."""
from data_access.db.schema_doc import document
from data_access.settings import PROJECT_ROOT


def test_data_model_document_is_current():
    written = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert written == document(), "run: python -m data_access.db.schema_doc > docs/data-model.md"
