"""The inspector-general's visit brief: an A4 PDF of a province or of a whole inspection region."""
from components.brief.document import (
    BriefProvince,
    province_brief_pdf,
    province_file_name,
    region_brief_pdf,
    region_file_name,
)

__all__ = ["BriefProvince", "province_brief_pdf", "province_file_name", "region_brief_pdf", "region_file_name"]
