"""Invariants of the demo generator at small scale.

The database is generated once per module (plus once more through the command line with the same
seed and as-of date, to prove determinism); every test reads the resulting tables.
"""
from __future__ import annotations

from datetime import date
from itertools import product

import numpy as np
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from data_access import demo, reference
from data_access import settings as S
from data_access.db import connect, schema
from data_access.demo import __main__ as cli
from data_access.demo import params as P
from data_access.demo.params import FACTORY_EMERGENCY_TYPES
from data_access.rules import fiscal
from data_access.rules.kpis import TARGET_CODES

AS_OF = date(2026, 11, 22)
SEED = 2570
SCALE = demo.SCALES["small"]
FISCAL_YEARS = sorted(fiscal.recent_fiscal_years(AS_OF, 5))
WINDOW_START = pd.Timestamp(fiscal.fiscal_year_bounds(FISCAL_YEARS[0])[0])
AS_OF_TS = pd.Timestamp(AS_OF)
CHILD_TABLES = (schema.inspections, schema.complaints, schema.emergencies, schema.gi_certifications,
                schema.i40_assessments, schema.program_participation)


def read_tables(engine: sa.Engine) -> dict[str, pd.DataFrame]:
    """Every table, ordered by primary key, dates as Timestamps, so that engines compare."""
    out = {}
    with engine.connect() as conn:
        for table in schema.TABLE_ORDER:
            frame = pd.read_sql(sa.select(table).order_by(*table.primary_key.columns), conn)
            for column in table.columns:
                if isinstance(column.type, (sa.Date, sa.DateTime)):
                    frame[column.name] = pd.to_datetime(frame[column.name])
            out[table.name] = frame
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[tuple[float, str]], dict]:
    """One small-scale generation: (row counts, progress calls, tables)."""
    engine = connect.make_engine(connect.duckdb_url(tmp_path_factory.mktemp("demo") / "demo.duckdb"))
    calls: list[tuple[float, str]] = []
    try:
        schema.create_all(engine)
        counts = demo.generate(engine, scale=SCALE, seed=SEED, as_of=AS_OF,
                               progress=lambda f, m: calls.append((f, m)))
        return counts, calls, read_tables(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def tables(generated) -> dict[str, pd.DataFrame]:
    return generated[2]


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The same seed and as-of date again, through the command line into another file."""
    url = connect.duckdb_url(tmp_path_factory.mktemp("twin") / "twin.duckdb")
    code = cli.main(["--scale", "small", "--seed", str(SEED), "--as-of", AS_OF.isoformat(), "--database-url", url])
    assert code == 0
    engine = connect.make_engine(url)
    try:
        return read_tables(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def operating(tables) -> pd.DataFrame:
    f = tables["factories"]
    return f[f["status"] == S.STATUS_OPERATING]


def test_counts_and_progress(generated):
    counts, calls, tables = generated
    assert counts == {name: len(frame) for name, frame in tables.items() if name in counts}
    assert all(counts[t.name] > 0 for t in schema.TABLE_ORDER)
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(message, str) and message for _, message in calls)


def test_same_seed_same_tables(tables, twin):
    for name, frame in tables.items():
        other = twin[name]
        if name == schema.load_log.name:  # wall-clock times differ, nothing else
            frame, other = (f.drop(columns=["started_at", "finished_at"]) for f in (frame, other))
        pd.testing.assert_frame_equal(frame, other, obj=name)


def test_reference_tables(tables):
    provinces, districts, igs = tables["provinces"], tables["districts"], tables["inspectors_general"]
    assert len(provinces) == 77 and len(districts) == 928
    assert set(districts["province_code"]) == set(provinces["code"])
    assert sorted(igs["inspection_region"]) == list(range(19))
    assert 5 <= igs["name_th"].nunique() <= 8
    assert set(igs["inspection_region"]) == set(provinces["inspection_region"])


def test_operating_share_per_province_follows_reference(operating):
    ref = reference.province_table().set_index("code")["operating_factories_2026"]
    got = operating.groupby("province_code").size().reindex(ref.index, fill_value=0)
    ref_share, got_share = ref / ref.sum(), got / got.sum()
    assert np.corrcoef(ref_share, got_share)[0, 1] > 0.98
    assert (ref_share - got_share).abs().max() < 0.005
    assert len(operating) == pytest.approx(P.OPERATING_FACTORIES * SCALE, rel=0.01)


def test_factory_mix(tables, operating):
    f = tables["factories"]
    assert set(f["status"]) <= set(S.FACTORY_STATUSES)
    assert 0.08 < (f["status"] != S.STATUS_OPERATING).mean() < 0.16
    assert (operating["category"] == 3).mean() > 0.9
    assert f["factory_type"].between(1, 107).all()
    assert f["factory_type"].isin(list(S.HAZARDOUS_FACTORY_TYPES)).any()
    assert f.groupby("factory_type")["tsic_code"].nunique().max() == 1
    assert f["tsic_code"].str.fullmatch(r"\d{5}").all()
    assert 0.03 < f["in_estate"].mean() < 0.15
    assert (f["workers"] >= 1).all() and f["workers"].max() > 20 * f["workers"].median()
    assert f["in_latest_feed"].all()


def test_factory_identifiers(tables):
    f = tables["factories"]
    assert f["factory_id"].is_unique
    assert f["factory_id"].str.fullmatch(r"1[01]\d{12}").all()
    assert (f["factory_id"].str[1] == np.where(f["in_estate"], "1", "0")).all()
    assert (f["factory_id"].str[2:4] == f["province_code"]).all()
    estate, bangkok = f["in_estate"], f["province_code"] == S.BANGKOK_CODE
    assert f.loc[estate, "display_reg"].str.startswith("น.").all()
    assert f.loc[~estate & ~bangkok, "display_reg"].str.fullmatch(r"จ[123]-\d+(\(\d\))?-\d+/\d{2}\D+").all()
    assert f.loc[bangkok & ~estate, "display_reg"].str.fullmatch(r"[123]-\d+(\(\d\))?-\d+/\d{2}").all()
    assert f["name"].str.contains("บริษัท|ห้างหุ้นส่วนจำกัด|โรงงาน").all()


def test_factory_dates(tables):
    f = tables["factories"]
    closed_kind = f["status"].isin([S.STATUS_STRUCK_OFF, S.STATUS_STOPPED])
    assert f.loc[~closed_kind, "closed_on"].isna().all()
    assert f.loc[closed_kind, "closed_on"].notna().all()
    assert (f.loc[closed_kind, "closed_on"] > f.loc[closed_kind, "registered_on"]).all()
    assert (f.loc[closed_kind, "closed_on"] >= AS_OF_TS - pd.Timedelta(days=3660)).all()
    assert (f["registered_on"] <= AS_OF_TS).all() and (f["closed_on"].dropna() <= AS_OF_TS).all()
    assert f["registered_on"].dt.year.nunique() > 30


def test_coordinates_inside_district_and_province(tables):
    f = tables["factories"]
    located = f[f["lat"].notna()]
    assert 0.94 < len(located) / len(f) < 0.995
    assert (f["coord_precision"].isna() == f["lat"].isna()).all() and (f["lat"].isna() == f["lon"].isna()).all()
    assert set(located["coord_precision"]) == {"exact", "approximate"}
    assert np.allclose(located[["lat", "lon"]], located[["lat", "lon"]].round(6), rtol=0, atol=1e-9)
    boundaries = ((reference.province_shapes(), "province_code"), (reference.district_shapes(), "district_code"))
    for shapes, key in boundaries:
        polygons = dict(zip(shapes["code"], shapes.geometry))
        for code, rows in located.groupby(key):
            inside = shapely.contains_xy(polygons[code], rows["lon"].to_numpy(), rows["lat"].to_numpy())
            assert inside.all(), f"{(~inside).sum()} points outside {key} {code}"


def test_district_codes_belong_to_the_province(tables):
    f, districts = tables["factories"], tables["districts"].set_index("code")
    assert f["district_code"].notna().all()
    assert (districts.loc[f["district_code"], "province_code"].to_numpy() == f["province_code"].to_numpy()).all()
    mueang = f["district_code"].str.endswith("01")
    assert mueang.mean() > 1.5 * (districts.index.str.endswith("01").sum() / len(districts))


def test_referential_integrity(tables):
    factory_ids = set(tables["factories"]["factory_id"])
    province_codes = set(tables["provinces"]["code"])
    for table in CHILD_TABLES:
        ids = tables[table.name]["factory_id"].dropna()
        assert set(ids) <= factory_ids, table.name
    for name in ("factories", "complaints", "emergencies", "program_participation"):
        assert set(tables[name]["province_code"]) <= province_codes, name
    assert set(tables["kpi_targets"]["province_code"]) == province_codes | {S.NATIONAL_CODE}


def _within_operating_window(events: pd.DataFrame, day_column: str, factories: pd.DataFrame) -> pd.Series:
    merged = events.merge(factories[["factory_id", "registered_on", "closed_on"]], on="factory_id", how="left")
    after_start = merged[day_column] >= merged["registered_on"]
    before_end = merged["closed_on"].isna() | (merged[day_column] < merged["closed_on"])
    return after_start & before_end


def test_inspections(tables):
    i, f = tables["inspections"], tables["factories"]
    assert (i["inspection_id"] == np.arange(1, len(i) + 1)).all()
    assert i["inspected_on"].between(WINDOW_START, AS_OF_TS).all()
    assert _within_operating_window(i, "inspected_on", f).all()
    assert set(i["inspector_kind"]) == set(S.INSPECTOR_KINDS)
    assert 0.1 < (i["inspector_kind"] == "third_party").mean() < 0.3
    non_compliant = i["result"] == "non_compliant"
    assert 0.1 < non_compliant.mean() < 0.22
    assert (i["findings"].notna() == non_compliant).all()
    assert (~i["order_issued"] | non_compliant).all() and i.loc[non_compliant, "order_issued"].mean() > 0.7
    orders = i[i["order_issued"]]
    gap = (orders["follow_up_due"] - orders["inspected_on"]).dt.days
    assert gap.between(30, 90).all() and i.loc[~i["order_issued"], "follow_up_due"].isna().all()
    assert (orders["order_closed_on"].dropna() <= AS_OF_TS).all()
    assert orders["order_closed_on"].notna().mean() > 0.6 and orders["order_closed_on"].isna().any()
    # risky factories are inspected more often
    per_factory = i.groupby("factory_id").size().reindex(f["factory_id"], fill_value=0).to_numpy()
    hazardous = f["factory_type"].isin(list(S.HAZARDOUS_FACTORY_TYPES)).to_numpy()
    assert per_factory[hazardous].mean() > 1.5 * per_factory[~hazardous].mean()


def test_complaints(tables):
    c, f = tables["complaints"], tables["factories"]
    assert c["received_on"].between(WINDOW_START, AS_OF_TS).all()
    assert 0.05 < c["factory_id"].isna().mean() < 0.16
    assert _within_operating_window(c[c["factory_id"].notna()], "received_on", f).all()
    assert set(c["topic"]) <= set(S.COMPLAINT_TOPICS) and set(c["channel"]) <= set(S.COMPLAINT_CHANNELS)
    resolved = c["status"] == "resolved"
    assert set(c["status"]) <= set(S.COMPLAINT_STATUSES) and resolved.mean() > 0.8
    assert (c.loc[resolved, "resolved_on"] > c.loc[resolved, "received_on"]).all()
    assert (c.loc[resolved, "resolved_on"] <= AS_OF_TS).all() and c.loc[~resolved, "resolved_on"].isna().all()
    days = (c.loc[resolved, "resolved_on"] - c.loc[resolved, "received_on"]).dt.days
    assert 8 <= days.median() <= 20
    old = c["received_on"] < AS_OF_TS - pd.Timedelta(days=180)
    recent = c["received_on"] > AS_OF_TS - pd.Timedelta(days=60)
    assert resolved[old].mean() > 0.95
    assert recent.any() and (~resolved[recent]).any()
    # concentrated on risky factories
    known = c.dropna(subset=["factory_id"]).merge(f, on="factory_id")
    assert known["factory_type"].isin(list(S.HAZARDOUS_FACTORY_TYPES)).mean() > \
        f["factory_type"].isin(list(S.HAZARDOUS_FACTORY_TYPES)).mean()


def test_rates_a_seminar_would_believe(tables):
    """Totals that are not round, per-factory inspection counts an inspection regime produces,
    and nothing left open for years."""
    assert P.OPERATING_FACTORIES % 1000 and P.INSPECTIONS  # DIW's own figure, not a round number
    i, c = tables["inspections"], tables["complaints"]
    fiscal_year = i["inspected_on"].map(lambda day: fiscal.fiscal_year_of(day.date()))
    per_year = i.groupby([i["factory_id"].astype(str), fiscal_year]).size()
    assert per_year.max() <= 12 and per_year.quantile(0.99) <= 10
    per_factory = i.groupby(i["factory_id"].astype(str)).size()
    assert per_factory.max() <= 12 * len(FISCAL_YEARS)
    open_days = (AS_OF_TS - c.loc[c["status"] != "resolved", "received_on"]).dt.days
    assert open_days.max() < 365  # no complaint left open for a year
    open_orders = i[i["order_issued"] & i["order_closed_on"].isna()]
    assert (open_orders["inspected_on"] > AS_OF_TS - pd.Timedelta(days=365)).all()


def test_emergencies(tables):
    e, f = tables["emergencies"], tables["factories"].set_index("factory_id")
    assert set(e["type"]) == set(S.EMERGENCY_TYPES)
    assert set(e["severity"]) <= set(S.EMERGENCY_SEVERITIES) and (e["severity"] == 1).mean() > 0.3
    assert e["started_at"].between(WINDOW_START, AS_OF_TS).all()
    factory_kind = e["type"].isin(FACTORY_EMERGENCY_TYPES)
    assert e.loc[factory_kind, "factory_id"].notna().all() and e.loc[~factory_kind, "factory_id"].isna().all()
    at_factory = e[factory_kind]
    assert (f.loc[at_factory["factory_id"], "province_code"].to_numpy() == at_factory["province_code"].to_numpy()).all()
    active = e[e["status"] == "active"]
    assert len(active) >= 2 and active["contained_at"].isna().all() and active["closed_at"].isna().all()
    age = AS_OF_TS - active["started_at"]
    assert age.between(pd.Timedelta(days=1), pd.Timedelta(days=10)).all()
    contained = e[e["status"] == "contained"]
    assert len(contained) >= 1 and contained["contained_at"].notna().all() and contained["closed_at"].isna().all()
    closed = e[e["status"] == "closed"]
    assert (closed["started_at"] < closed["contained_at"]).all()
    assert (closed["contained_at"] < closed["closed_at"]).all()
    assert (closed["closed_at"] <= AS_OF_TS).all()
    assert ((closed["contained_at"] - closed["started_at"]) <= pd.Timedelta(days=5)).all()
    assert (e["casualties"] == 0).mean() > 0.7 and e["summary"].str.len().gt(10).all()


def test_green_industry(tables):
    g, f = tables["gi_certifications"], tables["factories"]
    assert set(g["level"]) == set(S.GI_LEVELS)
    stock = g[g["certified_on"] < pd.Timestamp(2019, 9, 30)].groupby("level").size()
    expected = {1: 20_581, 2: 8_737, 3: 7_329, 4: 493, 5: 72}
    for level, count in expected.items():
        assert stock[level] == max(1, round(count * SCALE))
    assert (g["certified_on"] <= AS_OF_TS).all()
    assert _within_operating_window(g, "certified_on", f).all()
    with_expiry = g[g["expires_on"].notna()]
    assert (with_expiry["level"] < 5).all() and g.loc[g["level"] == 5, "expires_on"].isna().all()
    assert ((with_expiry["expires_on"] - with_expiry["certified_on"]).dt.days.between(1094, 1097)).all()
    revoked = g[g["revoked_on"].notna()]
    assert (revoked["revoked_on"] > revoked["certified_on"]).all() and (revoked["revoked_on"] <= AS_OF_TS).all()
    # factories climb: later certificates of the same factory have higher levels
    ordered = g.sort_values(["factory_id", "certified_on"])
    step = ordered.groupby("factory_id")["level"].diff().dropna()
    assert len(step) > 0 and (step > 0).all()


def test_industry_40(tables):
    a, f = tables["i40_assessments"], tables["factories"]
    assert set(a["level"]) <= set(S.I40_LEVELS)
    assert (a["assessed_on"] >= pd.Timestamp(2016, 1, 1)).all() and (a["assessed_on"] <= AS_OF_TS).all()
    assert _within_operating_window(a, "assessed_on", f).all()
    scores = a[[f"score_{d}" for d in S.I40_DIMENSIONS]]
    assert scores.notna().all().all() and scores.stack().between(1.0, 4.0).all()
    assert np.allclose(scores, scores.round(2), rtol=0, atol=1e-9)
    per_year = a.groupby(a["assessed_on"].dt.year).size()
    assert per_year.iloc[-2] > per_year.iloc[0]


def test_programs(tables):
    p = tables["program_participation"]
    assert set(p["program"]) == set(S.PROGRAMS) and set(p["fiscal_year"]) == set(FISCAL_YEARS)
    community = p["program"] == "opoai_c"
    assert p.loc[community, "factory_id"].isna().all() and p.loc[~community, "factory_id"].notna().all()
    assert p.loc[community, "group_name"].str.startswith("วิสาหกิจชุมชน").all()
    bounds = p["fiscal_year"].map(lambda fy: fiscal.fiscal_year_bounds(int(fy)))
    assert (p["joined_on"] >= pd.to_datetime(bounds.str[0])).all()
    assert (p["joined_on"] <= pd.to_datetime(bounds.str[1])).all() and (p["joined_on"] <= AS_OF_TS).all()
    full_years = p[p["fiscal_year"] < FISCAL_YEARS[-1]]
    awards = full_years[full_years["program"] == "award_nomination"].groupby(["fiscal_year", "province_code"]).size()
    groups = full_years[full_years["program"] == "opoai_c"].groupby(["fiscal_year", "province_code"]).size()
    assert awards.max() <= 8 and groups.between(1, 2).all() and len(groups) == 77 * (len(FISCAL_YEARS) - 1)
    enrolments = p[p["program"] == "i_single_form"]
    assert enrolments["factory_id"].is_unique


# Targets whose national figure is the sum of the provinces' (the rest share one value).
SUMMED_TARGETS = {"i_single_form", "gi_new", "gi_upgraded", "opoai_c_groups", "award_nominations", "i40_assessments"}


def test_kpi_targets_cover_every_province_year_and_code(tables):
    k = tables["kpi_targets"]
    codes = [*tables["provinces"]["code"], S.NATIONAL_CODE]
    expected = set(product(FISCAL_YEARS, codes, TARGET_CODES))
    assert set(zip(k["fiscal_year"], k["province_code"], k["kpi_code"])) == expected and len(k) == len(expected)
    assert (k["target_value"] > 0).all()
    national = k[k["province_code"] == S.NATIONAL_CODE].set_index(["fiscal_year", "kpi_code"])["target_value"]
    provincial = k[k["province_code"] != S.NATIONAL_CODE]
    sums = provincial.groupby(["fiscal_year", "kpi_code"])["target_value"].sum()
    firsts = provincial.groupby(["fiscal_year", "kpi_code"])["target_value"].agg(["min", "max"])
    for (fy, code), value in national.items():
        if code in SUMMED_TARGETS:
            assert value == sums[(fy, code)]
        else:
            assert value == firsts.loc[(fy, code), "min"] == firsts.loc[(fy, code), "max"]
    fixed = k[k["province_code"] == "10"].set_index(["fiscal_year", "kpi_code"])["target_value"]
    assert fixed[(FISCAL_YEARS[-1], "risky_inspected_pct")] == 100
    assert fixed[(FISCAL_YEARS[-1], "award_nominations")] == 5


def test_load_log(generated, tables):
    counts, _, _ = generated
    log = tables["load_log"]
    assert len(log) == 1
    row = log.iloc[0]
    assert row["kind"] == "demo" and row["loaded_by"] == "demo" and row["rows_rejected"] == 0
    assert row["as_of"] == AS_OF_TS
    assert row["source"] == f"demo generator seed={SEED} scale={SCALE}"
    assert row["rows_accepted"] == sum(n for name, n in counts.items() if name != "load_log")
    assert row["started_at"] <= row["finished_at"]


def test_cli_refuses_a_database_with_factories(tmp_path, capsys):
    url = connect.duckdb_url(tmp_path / "busy.duckdb")
    engine = connect.make_engine(url)
    schema.create_all(engine)
    with engine.begin() as conn:
        conn.execute(schema.provinces.insert().values(code="10", name_th="ก", name_en="B", region="Central",
                                                      region_nesdb="Central", inspection_region=0))
        conn.execute(schema.factories.insert().values(factory_id="10100100000001", name="x", province_code="10",
                                                      category=3, factory_type=1, status="operating"))
    engine.dispose()
    assert cli.main(["--scale", "small", "--database-url", url]) == 1
    assert "already holds factories" in capsys.readouterr().err
    engine = connect.make_engine(url)
    try:
        with pytest.raises(demo.DatabaseNotEmptyError):
            demo.generate(engine, scale=SCALE)
    finally:
        engine.dispose()


def test_first_start_builds_the_embedded_default_once_and_leaves_a_named_database_alone(tmp_path, monkeypatch,
                                                                                         capsys):
    monkeypatch.setattr(connect, "DEFAULT_DUCKDB_PATH", tmp_path / "mind.duckdb")
    monkeypatch.setattr(cli, "DEFAULT_DUCKDB_PATH", tmp_path / "mind.duckdb")
    monkeypatch.setitem(demo.SCALES, "national", demo.SCALES["small"])
    assert cli.main(["--first-start"]) == 0
    out = capsys.readouterr().out
    assert "First start" in out and "[100%]" in out and "generated" in out  # progress in the terminal
    assert cli.main(["--first-start"]) == 0 and capsys.readouterr().out == ""  # built once, reused after
    named = tmp_path / "someone_elses.duckdb"
    monkeypatch.setenv("DATABASE_URL", connect.duckdb_url(named))
    assert cli.main(["--first-start"]) == 0 and not named.exists()


def test_scale_names():
    assert demo.parse_scale("small") == 0.02 and demo.parse_scale("0.5") == 0.5
    with pytest.raises(ValueError):
        demo.parse_scale("-1")


@pytest.mark.postgres
def test_postgres_gets_the_same_tables(postgres_url, tables):
    engine = connect.make_engine(postgres_url)
    try:
        schema.create_all(engine)
        demo.generate(engine, scale=SCALE, seed=SEED, as_of=AS_OF)
        pg = read_tables(engine)
    finally:
        engine.dispose()
    for name, frame in tables.items():
        other = pg[name]
        if name == schema.load_log.name:
            frame, other = (f.drop(columns=["started_at", "finished_at"]) for f in (frame, other))
        pd.testing.assert_frame_equal(frame, other, check_dtype=False, obj=name)
