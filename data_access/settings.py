"""Domain constants and thresholds, kept in one place so a policy change is a one-line edit.

Nothing here is computed; modules import the names they need. Figures that describe the real
world (national totals, level shares) belong to the demo generator's parameters, not here.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DUCKDB_PATH = DATA_DIR / "mind.duckdb"
# DuckDB's allocator gives back the memory a query freed only after a task whose peak passed
# allocator_flush_threshold (128 MB by default), and keeps the rest for reuse. A dashboard's
# queries are short and its server lives long: it flushes above 16 MB and purges in background
# threads, some 20-60 MB less resident once every page was drawn (bench/browser.py's memory).
DUCKDB_CONFIG = {"allocator_flush_threshold": "16MB", "allocator_background_threads": True}
# The PostgreSQL statistics that a load's closing ANALYZE gathers (data_access/db/bulk.py): a
# sample of 300 x this many rows and as many histogram buckets per column. 30 rather than the
# server's default of 100 gathers them in a third of the time (0.14 s instead of 0.47 s after a
# 64,000-row extract into the national data), and 9,000 sampled factories still tell the planner
# how the pages' filters select; the server's own autovacuum refreshes them later at its own target.
LOAD_STATISTICS_TARGET = 30

PROVINCES_CSV = ASSETS_DIR / "provinces.csv"
PROVINCE_GEOJSON = ASSETS_DIR / "th_adm1.geojson"
DISTRICT_GEOJSON = ASSETS_DIR / "th_adm2.geojson"
BOUNDARIES_NOTE = ASSETS_DIR / "BOUNDARIES.md"
LABELS_DIR = ASSETS_DIR / "i18n"

# Bangkok's factories are supervised by DIW directly, not by a Provincial Industry Office.
BANGKOK_CODE = "10"
# kpi_targets rows that apply to the whole country use this pseudo province code.
NATIONAL_CODE = "TH"

BUDDHIST_ERA_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10  # 1 October

# Factory status values stored in factories.status (DIW FFLAG 0/1/2/3).
STATUS_NOT_STARTED = "not_started"
STATUS_OPERATING = "operating"
STATUS_STRUCK_OFF = "struck_off"
STATUS_STOPPED = "stopped"
FACTORY_STATUSES = (STATUS_NOT_STARTED, STATUS_OPERATING, STATUS_STRUCK_OFF, STATUS_STOPPED)
# factories.coord_precision: a surveyed point, or one known only to its district (null: no point).
COORD_EXACT = "exact"
COORD_APPROXIMATE = "approximate"

INSPECTION_RESULTS = ("compliant", "non_compliant")
INSPECTOR_KINDS = ("officer", "third_party")

COMPLAINT_TOPICS = ("odour", "noise", "wastewater", "dust_smoke", "other")
COMPLAINT_CHANNELS = ("hotline_1569", "web", "walk_in", "letter", "social_media")
COMPLAINT_OPEN_STATUSES = ("open", "in_progress")
COMPLAINT_STATUSES = (*COMPLAINT_OPEN_STATUSES, "resolved")

EMERGENCY_TYPES = (
    "fire", "explosion", "chemical_leak", "wastewater_discharge",
    "flood", "drought", "cold_spell", "pm25_open_burning", "other",
)
EMERGENCY_STATUSES = ("active", "contained", "closed")
EMERGENCY_SEVERITIES = (1, 2, 3, 4)

GI_LEVELS = (1, 2, 3, 4, 5)
I40_LEVELS = (1.0, 2.0, 3.0, 4.0)
I40_DIMENSIONS = (
    "smart_operation", "strategy_organisation", "workforce",
    "technology_innovation", "market_customer_standards", "it_data",
)
# "Factories at i4.0 level 3.0 or above" on the overview.
I40_ADVANCED_LEVEL = 3.0

PROGRAMS = ("i_single_form", "opoai_c", "award_nomination")

# Factory types under the Factory Act schedule that carry the highest inherent hazard
# (chemicals, petroleum, waste processing and recycling, smelting, pulp, tanning, dyeing).
HAZARDOUS_FACTORY_TYPES = frozenset({22, 23, 42, 44, 45, 46, 49, 59, 60, 88, 89, 101, 105, 106})

# The load log's kind for a demo generation (imports are logged under their kind's name).
DEMO_LOAD_KIND = "demo"

# The width (px) of the column a map framed on the server is drawn in on a 1280-px screen, the
# narrowest the app is laid out for: it frames what it draws in that width, so no wider screen cuts
# it off. (The province choropleths fit themselves in the browser.)
MAP_WIDTH_FACTORIES = 480     # three fifths: the factory map of the risk page
MAP_WIDTH_DISTRICTS = 360     # half: the district map of the province page

# Factories a search lists (a name shared by more asks for a longer text).
SEARCH_MAX_RESULTS = 8

# Rows a table shows before it scrolls (a table is never taller than its rows).
TABLE_MAX_ROWS = 15
# Rows of a table sent to the browser (the first ones, in the table's order): more than anyone
# scrolls through, a fifth of the bytes of a thousand; the downloads hold every row.
TABLE_SCREEN_ROWS = 200

# Cache lifetime of small query results in the app (seconds).
QUERY_CACHE_TTL_S = 600
# Query results kept at most (the least recently used go first): every filter a user tries adds
# one, a national list of every factory weighs some 30 MB, and the server's memory must not
# grow with the clicks of a busy day.
QUERY_CACHE_MAX_ENTRIES = 256
# Chart figures kept for reuse, shared by the sessions (one per chart, data and language shown
# lately; a national choropleth weighs some 80 kB, an emergency playback of five years more).
FIGURE_CACHE_MAX_ENTRIES = 64

# --- Risk model (docs/risk-model.md). Each factor earns up to its weight in points; the
# weights add up to 100, so a score reads as "points out of 100". ---
RISK_WEIGHTS: dict[str, float] = {
    "type_hazard": 15,          # factory type among HAZARDOUS_FACTORY_TYPES
    "wastewater": 8,
    "air_emission": 8,
    "hazardous_substance": 8,
    "hazardous_waste": 6,
    "boiler": 5,                # boilers / pressure vessels
    "size": 10,                 # horsepower and workers, log scale
    "non_compliance": 10,       # non-compliant inspections in the window below
    "open_orders": 5,           # orders issued and not yet closed
    "complaints": 10,           # complaints in the last 12 months
    "emergencies": 10,          # emergencies in the last 3 years
    "inspection_gap": 5,        # time since the last inspection
}
RISK_FACTORS = tuple(RISK_WEIGHTS)
RISK_SIZE_FLOOR_HP = 50          # the legal threshold of a factory: no size points below it
RISK_SIZE_FULL_HP = 5_000
RISK_SIZE_FLOOR_WORKERS = 50
RISK_SIZE_FULL_WORKERS = 1_000
RISK_NONCOMPLIANCE_YEARS = 3
RISK_NONCOMPLIANCE_FULL = 3      # this many non-compliant inspections earn the full weight
RISK_OPEN_ORDERS_FULL = 1
RISK_COMPLAINT_DAYS = 365
RISK_COMPLAINTS_FULL = 3
RISK_EMERGENCY_YEARS = 3
RISK_EMERGENCIES_FULL = 2
RISK_GAP_START_DAYS = 365        # inspected within a year: no gap points
RISK_GAP_FULL_DAYS = 730         # two years or never inspected: the full weight
# Lower bound of each band, highest first.
RISK_BANDS: tuple[tuple[float, str], ...] = ((65, "critical"), (45, "high"), (25, "medium"), (0, "low"))
RISK_BAND_NAMES = tuple(name for _, name in reversed(RISK_BANDS))
# "Risky factory" in every KPI: a factory in one of these bands.
RISKY_BANDS = ("high", "critical")
# "Not inspected for 12 months" on the risk map.
INSPECTION_OVERDUE_DAYS = 365

# --- Province drill-down and the visit brief (data_access/kpis.py, kpi_values.py, province.py,
# visits.py). ---
# A KPI that accumulates over the fiscal year is judged against the share of the year elapsed:
# green from this share of its pro-rata target (work is never spread evenly: 40% of a target
# five months in is on track), amber from the next, red below.
KPI_PACE_GREEN = 0.9
KPI_PACE_AMBER = 0.7
# A KPI read as a level (a percentage resolved, a median) is green when it meets its target and
# amber within this share of it.
KPI_LEVEL_AMBER = 0.9
# Achievement of a lower-is-better KPI is target / value: capped, since a value near 0 makes it
# unbounded.
KPI_ACHIEVEMENT_CAP_PCT = 200.0
# Monthly trends on the province page cover this many fiscal years, the chosen one included.
TREND_FISCAL_YEARS = 5
# Visit list: how many factories, and what counts as repeated non-compliance (within
# RISK_NONCOMPLIANCE_YEARS).
VISIT_LIST_SIZE = 30
VISIT_REPEAT_NONCOMPLIANT = 2
# A factory inspected this recently is not listed for repeated non-compliance: it was just seen.
VISIT_RECENT_DAYS = 30
# Emergencies shown beside the active ones: those that started within this many days.
RECENT_EMERGENCY_DAYS = 90

# --- Risk map (data_access/risk_map.py, pages/risk.py). ---
# Factory types under the Factory Act schedule (ลำดับที่), offered by the type filter.
FACTORY_TYPE_NUMBERS = tuple(range(1, 108))
# With no province chosen, more matching factories than this are drawn as hexagons, not points.
RISK_MAP_MAX_POINTS = 5_000
# The province page's district map draws this many factories at most, the highest scores (a
# province of the 3x data sent 1.8 MB of points, all of them).
DISTRICT_MAP_MAX_POINTS = 5_000
# H3 resolution of the hexagons (5: cells of about 250 km², some 1,500 over the country).
RISK_HEX_RESOLUTION = 5
# Colour classes of the hexagons: lower bounds of risky factories in a cell (0 is its own class).
RISK_HEX_BREAKS = (1, 3, 10, 30)
# Decimals of the coordinates sent to the browser (4: about 11 m).
RISK_MAP_DECIMALS = 4
# Factors named in a factory's table row, largest first, and in its map tooltip (fewer there: the
# tooltip text travels with every point, and the busiest province has some 7,000 of them).
RISK_TOP_FACTORS = 3
RISK_TOOLTIP_FACTORS = 2
# The factory card: latest inspections, and latest complaints / emergencies, shown.
RISK_CARD_INSPECTIONS = 5
RISK_CARD_EVENTS = 10

# --- Import of exports (data_access/ingest) ---
INGEST_DIR = ASSETS_DIR / "ingest"
INGEST_HEADERS_CSV = INGEST_DIR / "headers.csv"          # source header -> our column, per kind
INGEST_VALUES_CSV = INGEST_DIR / "values.csv"            # source value -> our code, per code list
INGEST_PROVINCE_ALIASES_CSV = INGEST_DIR / "province_aliases.csv"  # old spellings geothai lacks
INGEST_HEADER_SCAN_ROWS = 10       # title lines above the header row that an export may carry
INGEST_BE_YEAR_FROM = 2400         # a year above this is Buddhist Era
INGEST_EXCEL_EPOCH = "1899-12-30"  # day 0 of Excel serial dates
# A bare number in a date column is an Excel serial date when in this range (1927-2119); outside
# it (a year such as 2566, say) it is not a date.
INGEST_EXCEL_SERIAL_RANGE = (10_000, 80_000)
# The boundary files are simplified: a point this close to its province (degrees, about 2 km)
# counts as inside it, and the same margin around the country.
INGEST_BOUNDARY_TOLERANCE_DEG = 0.02
INGEST_REJECTS_SUFFIX = ".rejects.csv"
INGEST_FLAG_OUTSIDE_PROVINCE = "outside_province"

# --- Adoption: Green Industry and Industry 4.0 (data_access/queries/adoption.py,
# rules/adoption.py, pages/adoption.py; docs/adoption.md). ---
LADDERS = ("gi", "i40")
# "Certified at level 3 (Green System) or higher".
GI_ADVANCED_LEVEL = 3
# Certificates in force that expire within this many months of the day shown (the metrics
# gi_expiring_6m and gi_expiring_12m of rules/metrics.py are named after them).
GI_EXPIRY_MONTHS = (6, 12)
# The targets of kpi_targets each ladder is judged against (codes of rules/kpis.py).
ADOPTION_TARGETS = {"gi": ("gi_new", "gi_upgraded"), "i40": ("i40_assessments",)}
# A month when the pace still needed is worked out (days / this).
DAYS_PER_MONTH = 365.25 / 12
# Candidates to move up a GI level: the level held at least this many years, with at least one
# inspection and none non-compliant in the RISK_NONCOMPLIANCE_YEARS up to the day, no order open.
GI_CANDIDATE_HELD_YEARS = 2
# Candidates to move up an i4.0 level: one dimension at least this far (on the 1.0-4.0 scale)
# below the mean of the other five.
I40_LAGGING_GAP = 0.75
# The slope chart: this many top and bottom provinces; a ratio is ranked only where its
# denominator (operating or assessed factories, a target) is at least this.
ADOPTION_SLOPE_PROVINCES = 5
ADOPTION_MIN_BASE = 10
# What the i4.0 profile table can be grouped by.
I40_GROUPINGS = ("province", "region", "inspection_region", "category", "factory_type", "tsic_section")
# TSIC 2552 sections by the division (first two digits of the code) they cover.
TSIC_SECTIONS: tuple[tuple[int, int, str], ...] = (
    (1, 3, "A"), (5, 9, "B"), (10, 33, "C"), (35, 35, "D"), (36, 39, "E"), (41, 43, "F"), (45, 47, "G"),
    (49, 53, "H"), (55, 56, "I"), (58, 63, "J"), (64, 66, "K"), (68, 68, "L"), (69, 75, "M"), (77, 82, "N"),
    (84, 84, "O"), (85, 85, "P"), (86, 88, "Q"), (90, 93, "R"), (94, 96, "S"), (97, 98, "T"), (99, 99, "U"),
)

# --- Real DIW exports (data_access/ingest): registration numbers, names, points, full loads ---
# factories.name_source: the export's own factory name, or the operator's where that was blank
# (GIS extracts leave ชื่อโรงงาน blank for many sole proprietors).
NAME_FROM_FILE = "file"
NAME_FROM_OPERATOR = "operator"
# factories.coord_source: the export a point came from (by the header of its latitude column),
# any other file, or the demo generator.
COORD_FROM_GIS = "diw_gis"
COORD_FROM_OPEN_DATA = "diw_open_data"
COORD_FROM_FILE = "file"
COORD_FROM_DEMO = "demo"
INGEST_COORD_SOURCE_BY_HEADER = {"ละติจูด": COORD_FROM_GIS, "lat": COORD_FROM_OPEN_DATA}
# A point written with fewer decimals than this (4: about 11 m) is approximate.
INGEST_EXACT_DECIMALS = 4
# A full registry export may mark at most this share of a province's operating factories as not
# in the latest feed; more is refused unless confirmed (a truncated file, changed status codes).
INGEST_MISSING_MAX_SHARE = 0.10
# Flags of a load: rows kept but worth a look.
INGEST_FLAG_PROVINCE_MISMATCH = "province_mismatch"   # code and name name different provinces
INGEST_FLAG_DISTRICT_MISMATCH = "district_mismatch"   # likewise for districts
INGEST_FLAG_NAME_FROM_OPERATOR = "name_from_operator"
INGEST_FLAG_DISPLAY_REG_UNREADABLE = "display_reg_unreadable"  # kept as written beside a 14-digit id
# Exit codes of `python -m data_access.ingest` (and the outcome the Data page words).
INGEST_EXIT_ALL_LOADED = 0
INGEST_EXIT_SOME_REJECTED = 1
INGEST_EXIT_NOTHING_LOADED = 2

# --- Emergency board (pages/emergencies.py, data_access/queries/emergencies.py,
# data_access/rules/emergencies.py). ---
# The board's live part reads the log again this often (seconds) without rerunning the page; a
# wall screen may want it sooner: the environment variable MIND_EMERGENCY_REFRESH_S overrides it.
EMERGENCY_REFRESH_S = float(os.environ.get("MIND_EMERGENCY_REFRESH_S", "60"))
# The log's timestamps are Thai local time without a zone; "now" is read in this zone.
LOCAL_TIMEZONE = "Asia/Bangkok"
# An incident of this severity or more is severe: the banner on every page, the highlight when new.
EMERGENCY_SEVERE_FROM = 3
# Province status on the board: "active" while an incident there is active; "watch" when none is
# but one is contained and not yet closed, or was closed within this many days; "calm" otherwise.
EMERGENCY_WATCH_DAYS = 7
PROVINCE_EMERGENCY_STATUSES = ("calm", "watch", "active")
# History: fiscal years shown, up to the one chosen in the sidebar.
EMERGENCY_HISTORY_FISCAL_YEARS = 5
# A province or factory with at least this many incidents in the history's window repeats.
EMERGENCY_REPEAT_MIN = 2
# Incidents without a factory point sit at their province's centre; several there are spread on a
# spiral this far apart (degrees, about 9 km) so that each can be seen and hovered.
EMERGENCY_SPREAD_DEG = 0.08

# --- Presentation mode and the seminar deck (pages/present.py, components/slides.py,
# components/plumbing/deck.py, components/brief/deck.py). ---
DECK_FILE = ASSETS_DIR / "deck" / "seminar.toml"
# The views a slide may show, and the pages they draw on (a slide is left out when its page is not
# in the app).
DECK_VIEWS = ("risk_map", "kpis", "adoption", "emergencies", "ranking", "province")
# Seconds a slide may stay on screen: the deck's own values and a link's ?every= must lie between.
DECK_MIN_SECONDS, DECK_MAX_SECONDS = 2, 600
# The risk map's slide ranks this many provinces beside the map; the ranking slide shows this
# many at each end, by this metric.
DECK_MAP_TOP = 10
DECK_RANK_N = 5
DECK_RANK_METRIC = "risky_inspected_pct"
# The adoption slide's figures (national): certified, against this year's target, advanced.
DECK_ADOPTION_CARDS = ("gi_certified", "gi_target_pct", "i40_advanced_pct", "i40_target_pct")
# The province slide's figures.
DECK_PROVINCE_CARDS = ("operating", "risky", "risky_inspected_pct", "open_complaints", "gi_certified",
                       "i40_advanced")
# Type on the projected screen (CSS px at 1920x1080): body text, figures, chart text.
PRESENT_BODY_PX = 30
PRESENT_FIGURE_PX = 96
PRESENT_CHART_PX = 26
MAP_HEIGHT_PRESENT = 680  # the presentation map's height (px)
# The take-home deck: 16:9 slides (PowerPoint's widescreen, 13 1/3 x 7.5 in), pictures at this DPI.
DECK_SLIDE_INCHES = (40 / 3, 7.5)
DECK_IMAGE_DPI = 150
