"""What each kind of export holds: its table, its key, and how each of our columns is read.

The source headers that feed these fields are data (``assets/ingest/headers.csv``), and so are
the source spellings of code values (``assets/ingest/values.csv``); this module says only what a
field is. A field absent from a file is left as it is in rows already stored, and takes its
``default`` in new rows.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db import schema
from data_access.rules.kpis import TARGET_CODES

# How a field is read (see parse.py and transform.py).
TEXT, INT, FLOAT, DATE, DATETIME = "text", "int", "float", "date", "datetime"
CODE, FLAG, PRESENT = "code", "flag", "present"
FACTORY_TYPE, LEADING_NUMBER, FISCAL_YEAR = "factory_type", "leading_number", "fiscal_year"
# A registration number in either form, the 14-digit id or the display number: read by keys.py.
REGISTRATION = "registration"
PLACE = "place"  # a province or district code or name: read by places.py
# Fields that are read but not stored as they are: they feed a stored column.
PROVINCE_CODE, PROVINCE_NAME = "province_code", "province_name"
DISTRICT_CODE, DISTRICT_NAME = "district_code", "district_name"
WORKERS_MALE, WORKERS_FEMALE = "workers_male", "workers_female"
OPERATOR = "operator"  # the operator's name: the factory's name where the export leaves that blank
IGNORED = "-"  # a header known to carry nothing we store


@dataclass(frozen=True)
class Field:
    """One of our columns (or a helper column such as a province name) and how it is read."""

    name: str
    parse: str = TEXT
    required: bool = False   # a row without it is rejected
    default: object = None   # new rows get this when the file has no such column
    low: float | None = None   # values below are rejected (0: "negative count")
    high: float | None = None
    codes: str | None = None     # code list in values.csv (and allowed values below)
    allowed: tuple = ()


@dataclass(frozen=True)
class Kind:
    """One kind of export: the table it loads and how its rows are read."""

    name: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    # The header must name at least one field of each group, or the file is not of this kind.
    needs: tuple[tuple[str, ...], ...]
    factory: str | None = None       # "required" / "optional": factory_id must exist in factories
    province: str | None = None      # "required" / "national": province from code or name
    refreshes_risk: bool = False     # the risk score reads this table

    @property
    def table(self) -> sa.Table:
        return schema.IMPORT_TABLES[self.name]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _id(name: str) -> Field:
    return Field(name, INT, required=True, low=0)


_FACTORY_REF = Field("factory_id", REGISTRATION, required=True)
_FACTORY_OPTIONAL = Field("factory_id", REGISTRATION)
_PROVINCE = (Field(PROVINCE_CODE, PLACE), Field(PROVINCE_NAME, PLACE))

_ATTRIBUTES = ("has_wastewater", "has_air_emission", "has_hazardous_substance", "has_hazardous_waste", "has_boiler")

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind(
        "factories", ("factory_id",),
        (
            Field("factory_id", REGISTRATION),   # either form; one of the two fields is required
            Field("display_reg", REGISTRATION),
            Field("name", required=True),
            Field(OPERATOR),
            *_PROVINCE,
            Field(DISTRICT_CODE, PLACE), Field(DISTRICT_NAME, PLACE), Field("subdistrict_code", PLACE),
            Field("lat", FLOAT), Field("lon", FLOAT),
            Field("category", LEADING_NUMBER, low=1, high=3),
            Field("factory_type", FACTORY_TYPE, low=1, high=107),
            Field("tsic_code"),
            Field("capital_thb", FLOAT, low=0),
            Field("workers", INT, low=0),
            Field(WORKERS_MALE, INT, low=0), Field(WORKERS_FEMALE, INT, low=0),
            Field("horsepower", FLOAT, low=0),
            Field("status", CODE, required=True, default=cfg.STATUS_OPERATING, codes="factory_status",
                  allowed=cfg.FACTORY_STATUSES),
            Field("registered_on", DATE), Field("closed_on", DATE),
            Field("in_estate", PRESENT, default=False),
            *(Field(name, FLAG, default=False) for name in _ATTRIBUTES),
        ),
        needs=(("factory_id", "display_reg"), ("name",), (PROVINCE_CODE, PROVINCE_NAME)),
        province="required", refreshes_risk=True,
    ),
    Kind(
        "inspections", ("inspection_id",),
        (
            _id("inspection_id"), _FACTORY_REF,
            Field("inspected_on", DATE, required=True),
            Field("inspector_kind", CODE, required=True, default="officer", codes="inspector_kind",
                  allowed=cfg.INSPECTOR_KINDS),
            Field("result", CODE, required=True, codes="inspection_result", allowed=cfg.INSPECTION_RESULTS),
            Field("findings"),
            Field("order_issued", FLAG, default=False),
            Field("follow_up_due", DATE), Field("order_closed_on", DATE),
        ),
        needs=(("inspection_id",), ("factory_id",), ("inspected_on",), ("result",)),
        factory="required", refreshes_risk=True,
    ),
    Kind(
        "complaints", ("complaint_id",),
        (
            _id("complaint_id"), _FACTORY_OPTIONAL, *_PROVINCE,
            Field("received_on", DATE, required=True),
            Field("channel", CODE, required=True, codes="complaint_channel", allowed=cfg.COMPLAINT_CHANNELS),
            Field("topic", CODE, required=True, codes="complaint_topic", allowed=cfg.COMPLAINT_TOPICS),
            Field("status", CODE, required=True, codes="complaint_status", allowed=cfg.COMPLAINT_STATUSES),
            Field("resolved_on", DATE),
        ),
        needs=(("complaint_id",), (PROVINCE_CODE, PROVINCE_NAME), ("received_on",), ("topic",), ("status",),
               ("channel",)),
        factory="optional", province="required", refreshes_risk=True,
    ),
    Kind(
        "emergencies", ("emergency_id",),
        (
            _id("emergency_id"), _FACTORY_OPTIONAL, *_PROVINCE,
            Field("type", CODE, required=True, codes="emergency_type", allowed=cfg.EMERGENCY_TYPES),
            Field("severity", LEADING_NUMBER, required=True, low=min(cfg.EMERGENCY_SEVERITIES),
                  high=max(cfg.EMERGENCY_SEVERITIES)),
            Field("status", CODE, required=True, codes="emergency_status", allowed=cfg.EMERGENCY_STATUSES),
            Field("started_at", DATETIME, required=True),
            Field("contained_at", DATETIME), Field("closed_at", DATETIME),
            Field("casualties", INT, low=0, default=0),
            Field("summary"),
        ),
        needs=(("emergency_id",), (PROVINCE_CODE, PROVINCE_NAME), ("type",), ("severity",), ("status",),
               ("started_at",)),
        factory="optional", province="required", refreshes_risk=True,
    ),
    Kind(
        "gi", ("certificate_id",),
        (
            _id("certificate_id"), _FACTORY_REF,
            Field("level", LEADING_NUMBER, required=True, low=min(cfg.GI_LEVELS), high=max(cfg.GI_LEVELS)),
            Field("certified_on", DATE, required=True),
            Field("expires_on", DATE), Field("revoked_on", DATE),
        ),
        needs=(("certificate_id",), ("factory_id",), ("level",), ("certified_on",)),
        factory="required",
    ),
    Kind(
        "i40", ("assessment_id",),
        (
            _id("assessment_id"), _FACTORY_REF,
            Field("assessed_on", DATE, required=True),
            Field("level", FLOAT, required=True, low=min(cfg.I40_LEVELS), high=max(cfg.I40_LEVELS)),
            *(Field(f"score_{d}", FLOAT, low=min(cfg.I40_LEVELS), high=max(cfg.I40_LEVELS))
              for d in cfg.I40_DIMENSIONS),
        ),
        needs=(("assessment_id",), ("factory_id",), ("assessed_on",), ("level",)),
        factory="required",
    ),
    Kind(
        "programs", ("participation_id",),
        (
            _id("participation_id"),
            Field("program", CODE, required=True, codes="program", allowed=cfg.PROGRAMS),
            _FACTORY_OPTIONAL, Field("group_name"), *_PROVINCE,
            Field("fiscal_year", FISCAL_YEAR),
            Field("joined_on", DATE, required=True),
        ),
        needs=(("participation_id",), ("program",), (PROVINCE_CODE, PROVINCE_NAME), ("joined_on",)),
        factory="optional", province="required",
    ),
    Kind(
        "targets", ("fiscal_year", "province_code", "kpi_code"),
        (
            Field("fiscal_year", FISCAL_YEAR, required=True),
            *_PROVINCE,
            Field("kpi_code", CODE, required=True, allowed=TARGET_CODES),
            Field("target_value", FLOAT, required=True),
        ),
        needs=(("fiscal_year",), ("kpi_code",), ("target_value",)),
        province="national",
    ),
)}
