"""The unified database, declared once with SQLAlchemy Core and created the same way on DuckDB
and PostgreSQL.

Keys are stable codes (DOPA province and district codes, DIW registration ids), never names.
Dates are Gregorian; Buddhist Era appears only on screen. Indexes cover the columns the pages
filter and group by (province, status, dates). DuckDB has no sequences behind ``autoincrement``
the way PostgreSQL does, so surrogate ids are assigned by the writers (demo, ingest) instead.
"""

from __future__ import annotations

import sqlalchemy as sa

from data_access.settings import GI_EXPIRY_MONTHS, GI_LEVELS, I40_DIMENSIONS, NAME_FROM_FILE, RISK_FACTORS

metadata = sa.MetaData()
# A factory is keyed by its 14-digit id or, failing that, its display number (up to 40 characters),
# so every column that refers to a factory has this type.
FACTORY_KEY = sa.String(40)

provinces = sa.Table(
    "provinces",
    metadata,
    sa.Column("code", sa.String(2), primary_key=True, comment="DOPA province code, 10..96"),
    sa.Column("name_th", sa.String(64), nullable=False, comment="Thai name"),
    sa.Column("name_en", sa.String(64), nullable=False, comment="English name (DOPA spelling)"),
    sa.Column("region", sa.String(16), nullable=False, comment="one of six geographic regions"),
    sa.Column("region_nesdb", sa.String(16), nullable=False, comment="planning agency's seven regions"),
    sa.Column("inspection_region", sa.SmallInteger, nullable=False, comment="0 = Bangkok"),
)

inspectors_general = sa.Table(
    "inspectors_general",
    metadata,
    sa.Column(
        "inspection_region", sa.SmallInteger, primary_key=True, comment="inspection region (เขตตรวจราชการ) covered"
    ),
    sa.Column("effective_from", sa.Date, primary_key=True, comment="first day of the assignment (orders change)"),
    sa.Column("name_th", sa.String(128), nullable=False, comment="inspector-general's name in Thai"),
    sa.Column("name_en", sa.String(128), nullable=False, comment="name in English"),
)

districts = sa.Table(
    "districts",
    metadata,
    sa.Column("code", sa.String(4), primary_key=True, comment="DOPA district code"),
    sa.Column(
        "province_code",
        sa.String(2),
        sa.ForeignKey("provinces.code"),
        nullable=False,
        index=True,
        comment="province the district belongs to",
    ),
    sa.Column("name_th", sa.String(64), nullable=False, comment="Thai name"),
    sa.Column("name_en", sa.String(64), nullable=False, comment="English name"),
)

factories = sa.Table(
    "factories",
    metadata,
    sa.Column("factory_id", FACTORY_KEY, primary_key=True,
              comment="the factory's key: its DIW 14-digit id, or its display number when first loaded without one"),
    sa.Column("registration_id", sa.String(14), comment="DIW 14-digit registration id; null while unknown"),
    sa.Column("display_reg", sa.String(40), comment="display registration number, normalised, e.g. จ3-9(6)-100/51ปจ"),
    sa.Column("name", sa.String(255), nullable=False, comment="factory name (ชื่อโรงงาน)"),
    sa.Column("name_source", sa.String(12), nullable=False, server_default=NAME_FROM_FILE,
              comment="file: the export's factory name; operator: blank there, the operator's name instead"),
    sa.Column(
        "province_code",
        sa.String(2),
        sa.ForeignKey("provinces.code"),
        nullable=False,
        index=True,
        comment="province of the site",
    ),
    sa.Column(
        "district_code", sa.String(4), sa.ForeignKey("districts.code"), index=True, comment="district of the site"
    ),
    sa.Column("subdistrict_code", sa.String(6), comment="DOPA subdistrict (ตำบล) code, e.g. 250101; null when unknown"),
    sa.Column("lat", sa.Double, comment="latitude, WGS84; null when unknown"),
    sa.Column("lon", sa.Double, comment="longitude, WGS84; null when unknown"),
    sa.Column("coord_precision", sa.String(12),
              comment="exact (4 decimals or more, or surveyed) / approximate; null when no coordinate"),
    sa.Column("coord_source", sa.String(16),
              comment="where the point came from: diw_gis / diw_open_data / file / demo; null when no coordinate"),
    sa.Column("coord_outside_province", sa.Boolean, nullable=False, server_default=sa.false(),
              comment="the point lies outside the factory's province (kept, flagged by the importer)"),
    sa.Column("category", sa.SmallInteger, comment="จำพวก 1, 2 or 3; null when the source does not say"),
    sa.Column("factory_type", sa.SmallInteger, index=True, comment="ลำดับที่ 1-107; null when the source does not say"),
    sa.Column("tsic_code", sa.String(5), comment="Thai Standard Industrial Classification code"),
    sa.Column("capital_thb", sa.Double, comment="registered capital, THB"),
    sa.Column("workers", sa.Integer, comment="total workers"),
    sa.Column("horsepower", sa.Double, comment="installed machinery, hp"),
    sa.Column(
        "status",
        sa.String(12),
        nullable=False,
        index=True,
        comment="operating / stopped / struck_off / not_started (DIW FFLAG 1/3/2/0)",
    ),
    sa.Column("registered_on", sa.Date, comment="licence issue date"),
    sa.Column("closed_on", sa.Date, comment="struck off or stopped; null while operating"),
    sa.Column("in_estate", sa.Boolean, nullable=False, default=False, comment="inside an industrial estate"),
    sa.Column("has_wastewater", sa.Boolean, nullable=False, default=False, comment="discharges wastewater"),
    sa.Column("has_air_emission", sa.Boolean, nullable=False, default=False, comment="emits air pollutants"),
    sa.Column(
        "has_hazardous_substance",
        sa.Boolean,
        nullable=False,
        default=False,
        comment="stores or uses hazardous substances",
    ),
    sa.Column("has_hazardous_waste", sa.Boolean, nullable=False, default=False, comment="generates hazardous waste"),
    sa.Column("has_boiler", sa.Boolean, nullable=False, default=False, comment="operates boilers or pressure vessels"),
    sa.Column(
        "in_latest_feed", sa.Boolean, nullable=False, default=True, comment="present in the latest full registry export"
    ),
)

inspections = sa.Table(
    "inspections",
    metadata,
    sa.Column("inspection_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="i-Auditor record id"),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        nullable=False,
        index=True,
        comment="inspected factory",
    ),
    sa.Column("inspected_on", sa.Date, nullable=False, index=True, comment="date of the visit"),
    sa.Column("inspector_kind", sa.String(12), nullable=False, comment="officer / third_party"),
    sa.Column("result", sa.String(16), nullable=False, comment="compliant / non_compliant"),
    sa.Column("findings", sa.String(255), comment="summary of non-compliance findings"),
    sa.Column("order_issued", sa.Boolean, nullable=False, default=False, comment="an order to correct was issued"),
    sa.Column("follow_up_due", sa.Date, comment="deadline of the order"),
    sa.Column("order_closed_on", sa.Date, comment="null while an issued order is still open"),
)

complaints = sa.Table(
    "complaints",
    metadata,
    sa.Column("complaint_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="complaint record id"),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        index=True,
        comment="factory complained about; null when unknown",
    ),
    sa.Column(
        "province_code",
        sa.String(2),
        sa.ForeignKey("provinces.code"),
        nullable=False,
        index=True,
        comment="province where the complaint arose",
    ),
    sa.Column("received_on", sa.Date, nullable=False, index=True, comment="date received"),
    sa.Column("channel", sa.String(16), nullable=False, comment="hotline_1569 / web / walk_in / letter / social_media"),
    sa.Column("topic", sa.String(16), nullable=False, comment="odour / noise / wastewater / dust_smoke / other"),
    sa.Column("status", sa.String(12), nullable=False, index=True, comment="open / in_progress / resolved"),
    sa.Column("resolved_on", sa.Date, comment="date resolved; null while open"),
)

emergencies = sa.Table(
    "emergencies",
    metadata,
    sa.Column("emergency_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="ศบฉ.อก. record id"),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        index=True,
        comment="factory involved; null for area events",
    ),
    sa.Column(
        "province_code",
        sa.String(2),
        sa.ForeignKey("provinces.code"),
        nullable=False,
        index=True,
        comment="province affected",
    ),
    sa.Column(
        "type",
        sa.String(24),
        nullable=False,
        comment="fire, explosion, chemical_leak, wastewater_discharge, flood, drought, cold_spell, "
        "pm25_open_burning, other",
    ),
    sa.Column("severity", sa.SmallInteger, nullable=False, comment="1 (minor) .. 4 (disaster)"),
    sa.Column("status", sa.String(12), nullable=False, index=True, comment="active / contained / closed"),
    sa.Column("started_at", sa.DateTime, nullable=False, index=True, comment="when it started"),
    sa.Column("contained_at", sa.DateTime, comment="when it was brought under control"),
    sa.Column("closed_at", sa.DateTime, comment="when the case was closed"),
    sa.Column("casualties", sa.Integer, nullable=False, default=0, comment="people injured or killed"),
    sa.Column("summary", sa.String(500), comment="short description"),
)

gi_certifications = sa.Table(
    "gi_certifications",
    metadata,
    sa.Column("certificate_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="certificate record id"),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        nullable=False,
        index=True,
        comment="certified factory",
    ),
    sa.Column("level", sa.SmallInteger, nullable=False, comment="GI level 1-5"),
    sa.Column("certified_on", sa.Date, nullable=False, index=True, comment="issue date"),
    sa.Column("expires_on", sa.Date, comment="expiry date; null when none"),
    sa.Column("revoked_on", sa.Date, comment="revocation date; null unless revoked"),
)

i40_assessments = sa.Table(
    "i40_assessments",
    metadata,
    sa.Column("assessment_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="assessment record id"),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        nullable=False,
        index=True,
        comment="assessed factory",
    ),
    sa.Column("assessed_on", sa.Date, nullable=False, index=True, comment="date of the self-assessment"),
    sa.Column("level", sa.Double, nullable=False, comment="1.0, 2.0, 3.0 or 4.0"),
    *(
        sa.Column(f"score_{d}", sa.Double, comment=f"dimension score 1.0-4.0: {d.replace('_', ' ')}")
        for d in I40_DIMENSIONS
    ),
)

program_participation = sa.Table(
    "program_participation",
    metadata,
    sa.Column("participation_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="record id"),
    sa.Column(
        "program", sa.String(24), nullable=False, index=True, comment="i_single_form / opoai_c / award_nomination"
    ),
    sa.Column(
        "factory_id",
        FACTORY_KEY,
        sa.ForeignKey("factories.factory_id"),
        comment="participating factory; null for a community group",
    ),
    sa.Column("group_name", sa.String(255), comment="community group (OPOAI-C) when not a factory"),
    sa.Column(
        "province_code",
        sa.String(2),
        sa.ForeignKey("provinces.code"),
        nullable=False,
        index=True,
        comment="province credited",
    ),
    sa.Column("fiscal_year", sa.SmallInteger, nullable=False, index=True, comment="Buddhist Era"),
    sa.Column("joined_on", sa.Date, nullable=False, comment="date of enrolment or nomination"),
)

kpi_targets = sa.Table(
    "kpi_targets",
    metadata,
    sa.Column("fiscal_year", sa.SmallInteger, primary_key=True, comment="Buddhist Era"),
    sa.Column("province_code", sa.String(2), primary_key=True, comment="'TH' = national"),
    sa.Column("kpi_code", sa.String(32), primary_key=True, comment="KPI code, defined in data_access/rules/kpis.py"),
    sa.Column("target_value", sa.Double, nullable=False, comment="target for the fiscal year"),
)

load_log = sa.Table(
    "load_log",
    metadata,
    sa.Column("load_id", sa.BigInteger, primary_key=True, autoincrement=False, comment="load number"),
    sa.Column("kind", sa.String(24), nullable=False, comment="demo, factories, inspections, ..."),
    sa.Column("source", sa.String(255), nullable=False, comment="file name or generator description"),
    sa.Column("file_hash", sa.String(64), comment="SHA-256 of the loaded file"),
    sa.Column("rows_accepted", sa.Integer, nullable=False, default=0, comment="rows loaded"),
    sa.Column(
        "rows_rejected", sa.Integer, nullable=False, default=0, comment="rows refused, with reasons in the rejects file"
    ),
    sa.Column("started_at", sa.DateTime, nullable=False, comment="start of the load"),
    sa.Column("finished_at", sa.DateTime, comment="end of the load"),
    sa.Column("loaded_by", sa.String(64), comment="user or process that loaded"),
    sa.Column("as_of", sa.Date, comment="the data's as-of date"),
)

factory_risk = sa.Table(
    "factory_risk",
    metadata,
    sa.Column(
        "factory_id", FACTORY_KEY, sa.ForeignKey("factories.factory_id"), primary_key=True, comment="scored factory"
    ),
    sa.Column("score", sa.Double, nullable=False, comment="0-100, see docs/risk-model.md"),
    sa.Column("band", sa.String(8), nullable=False, index=True, comment="low / medium / high / critical"),
    sa.Column("is_risky", sa.Boolean, nullable=False, index=True, comment="band high or critical"),
    *(
        sa.Column(f"pts_{name}", sa.Double, nullable=False, comment=f"points from the factor {name}")
        for name in RISK_FACTORS
    ),
    sa.Column("last_inspected_on", sa.Date, comment="latest inspection at the time of scoring"),
    sa.Column("computed_on", sa.Date, nullable=False, comment="as-of date the score refers to"),
)

# The counts of adoption_figures, with their meaning (data_access/queries/adoption.py defines them).
ADOPTION_COUNTS = {
    "operating": "factories operating on the day",
    "gi_certified": "factories holding a GI certificate in force",
    "gi_level3": "of them, at GI level 3 or above",
    "gi_certificates": "GI certificates in force",
    **{f"gi_expiring_{months}m": f"of them, expiring within {months} months" for months in GI_EXPIRY_MONTHS},
    "gi_new": "first GI certificates issued in the year up to the day",
    "gi_upgraded": "GI certificates issued in the year at a higher level than the factory held",
    "gi_expired": "GI certificates that expired in the year up to the day",
    "gi_revoked": "GI certificates revoked in the year up to the day",
    "i40_assessed": "operating factories with an i4.0 assessment up to the day",
    "i40_level_sum": "sum of their latest levels (the mean level is this over i40_assessed)",
    "i40_advanced": "of them, at level 3.0 or above",
    "i40_movers": "of them, higher than on the eve of the year",
    "i40_assessments": "i4.0 assessments made in the year up to the day",
}
# GI certificates per level (the stock the adoption page charts), for each level of GI_LEVELS.
GI_STOCK_COUNTS = {
    **{f"gi_issued_l{level}": f"GI certificates at level {level} issued up to the day, since the programme began"
       for level in GI_LEVELS},
    **{f"gi_in_force_l{level}": f"level {level} certificates in force on the day (their factory operating)"
       for level in GI_LEVELS},
}

adoption_figures = sa.Table(
    "adoption_figures",
    metadata,
    sa.Column("fiscal_year", sa.SmallInteger, primary_key=True, comment="Buddhist Era fiscal year"),
    sa.Column("day", sa.Date, primary_key=True,
              comment="the day the figures are read on: the year's last day, or the data's as-of date in its year"),
    sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code"), primary_key=True,
              comment="province counted"),
    *(sa.Column(name, sa.Integer, nullable=False, comment=meaning)
      for name, meaning in {**ADOPTION_COUNTS, **GI_STOCK_COUNTS}.items()),
    sa.Column("gi_target", sa.Double, comment="the province's targets gi_new + gi_upgraded; null without any"),
    sa.Column("i40_target", sa.Double, comment="the province's target i40_assessments; null without one"),
)

# The headline counts of headline_figures, with their meaning (data_access/queries/overview.py).
HEADLINE_COUNTS = {
    "operating": "factories operating on the day",
    "risky": "of them, scored high or critical",
    "risky_inspected": "of those, inspected in the fiscal year up to the day",
    "open_complaints": "complaints open on the day",
    "active_emergencies": "emergencies active on the day",
    "gi_certified": "operating factories holding a GI certificate in force",
    "i40_advanced": "operating factories whose latest i4.0 assessment is at level 3.0 or above",
}

headline_figures = sa.Table(
    "headline_figures",
    metadata,
    sa.Column("fiscal_year", sa.SmallInteger, primary_key=True, comment="Buddhist Era fiscal year"),
    sa.Column("day", sa.Date, primary_key=True, comment="the day the counts are read on (as in adoption_figures)"),
    sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code"), primary_key=True,
              comment="province counted"),
    *(sa.Column(name, sa.Integer, nullable=False, comment=meaning) for name, meaning in HEADLINE_COUNTS.items()),
)

kpi_figures = sa.Table(
    "kpi_figures",
    metadata,
    sa.Column("fiscal_year", sa.SmallInteger, primary_key=True, comment="Buddhist Era fiscal year"),
    sa.Column("day", sa.Date, primary_key=True,
              comment="the day the values are read on: the year's last day, or the as-of date in its year, or "
                      "the same day a year before"),
    sa.Column("province_code", sa.String(2), primary_key=True, comment="province, or 'TH' for the nation"),
    sa.Column("kpi_code", sa.String(32), primary_key=True, comment="KPI code, defined in data_access/rules/kpis.py"),
    sa.Column("value", sa.Double, comment="its value (data_access/queries/kpi_values.py); null when not measured"),
)

# DuckDB turns an UPDATE of an indexed column into delete + insert, which it refuses for a factory
# that other tables reference: a newer registry export could then not change a status or a type.
# Its ART indexes do not speed up these low-cardinality filters anyway, so only PostgreSQL gets them.
for _index in factories.indexes:
    _index.ddl_if(dialect="postgresql")

# Write order that respects foreign keys (reverse it to delete).
TABLE_ORDER = [
    provinces,
    inspectors_general,
    districts,
    factories,
    inspections,
    complaints,
    emergencies,
    gi_certifications,
    i40_assessments,
    program_participation,
    kpi_targets,
    load_log,
    factory_risk,
    adoption_figures,
    headline_figures,
    kpi_figures,
]


# The table each kind of import writes (the kinds are defined in data_access/ingest/kinds.py; the
# load log records a load under its kind's name, a demo generation under DEMO_LOAD_KIND).
IMPORT_TABLES: dict[str, sa.Table] = {
    "factories": factories,
    "inspections": inspections,
    "complaints": complaints,
    "emergencies": emergencies,
    "gi": gi_certifications,
    "i40": i40_assessments,
    "programs": program_participation,
    "targets": kpi_targets,
}


def create_all(engine: sa.Engine) -> None:
    """Create every table and index that does not exist yet, and bring a database an earlier
    version made up to this schema (safe to call on each start)."""
    metadata.create_all(engine)
    _upgrade(engine)


def _upgrade(engine: sa.Engine) -> None:
    """Columns added since a database was made are added (their server default fills the rows
    already there); a text column narrower than declared (a factory key still 14 characters
    wide) is widened where the engine keeps widths (PostgreSQL; DuckDB ignores them); the
    14-digit id of factories stored before it had a column of its own is copied from their key."""
    columns = sa.table("columns", sa.column("table_name"), sa.column("column_name"),
                       sa.column("character_maximum_length"), sa.column("table_schema"), schema="information_schema")
    with engine.begin() as conn:
        widths = {(table, name): width for table, name, width in conn.execute(
            sa.select(columns.c.table_name, columns.c.column_name, columns.c.character_maximum_length)
            .where(columns.c.table_schema == sa.func.current_schema()))}
        for table in TABLE_ORDER:
            for column in table.columns:
                where = (table.name, column.name)
                if where not in widths:
                    conn.execute(sa.text(f'ALTER TABLE "{table.name}" ADD COLUMN {_column_sql(column, engine)}'))
                elif isinstance(column.type, sa.String) and (widths[where] or column.type.length) < column.type.length:
                    conn.execute(sa.text(f'ALTER TABLE "{table.name}" ALTER COLUMN "{column.name}" '
                                         f"TYPE {column.type.compile(dialect=engine.dialect)}"))
        if ("factories", "registration_id") not in widths:
            f = factories.c
            conn.execute(factories.update().where(f.factory_id.regexp_match("^[0-9]{14}$"))
                         .values(registration_id=f.factory_id))


def _column_sql(column: sa.Column, engine: sa.Engine) -> str:
    default = column.server_default
    text_default = isinstance(default, sa.DefaultClause) and isinstance(default.arg, str)
    return f'"{column.name}" {column.type.compile(dialect=engine.dialect)}' + (
        f" DEFAULT '{default.arg}'" if text_default else "")
