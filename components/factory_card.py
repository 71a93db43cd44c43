"""The factory card: a factory's risk score explained factor by factor, its latest inspections,
complaints and emergencies, and its Green Industry and Industry 4.0 status.

Which factory is open is the risk page's ``factory`` parameter (``?factory=<registration id>``),
so a card can be shared as a link; a click on the map or on the table opens another.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.i18n import fmt_date, fmt_num, lang, t
from components.plumbing import url_state
from components.plumbing.params import RISK
from components.risk_labels import band_label, factor_label
from components.tables import as_date
from components.theme import BAND_COLOURS, BLANK, chart_layout
from data_access.queries.risk_map import FactoryCard


def select_factory(factory_id: str | None) -> None:
    """Open the card of ``factory_id`` (``None`` closes it); the URL follows."""
    url_state.set_value(RISK, "factory", factory_id)


def factory_card_view(card: FactoryCard | None, factory_id: str) -> None:
    """Draw the card, or say that no scored factory has this id."""
    with st.container(border=True):
        head, close = st.columns([6, 1])
        close.button(t("risk.card.close"), key="risk_card_close", on_click=select_factory, args=(None,))
        if card is None:
            head.warning(t("risk.card.unknown", id=factory_id))
            return
        facts = card.factory
        head.subheader(facts.name)
        head.caption(f"{facts.display_reg or ''} · {facts.factory_id} · " + t(
            "risk.card.where", district=facts.district(lang()) or "", province=facts.province(lang()),
            type=_or_dash(facts.factory_type), category=_or_dash(facts.category)))
        _status_row(card)
        chart, history = st.columns([2, 3])
        with chart:
            st.markdown(f"**{t('risk.card.factors')}**")
            _factor_chart(card.points, facts.band)
            st.caption(t("risk.card.computed", date=fmt_date(as_date(facts.computed_on))))
        with history:
            _history(t("risk.card.inspections"), _inspections(card.inspections))
            _history(t("risk.card.complaints"), _complaints(card.complaints))
            _history(t("risk.card.emergencies"), _emergencies(card.emergencies))


def _status_row(card: FactoryCard) -> None:
    facts, gi, i40 = card.factory, card.gi, card.i40
    cells = st.columns(4, border=True)
    cells[0].metric(t("risk.card.score"), fmt_num(facts.score))
    cells[1].metric(t("risk.card.band"), band_label(facts.band))
    cells[2].metric(t("risk.card.gi"), t("risk.card.gi_level", level=gi["level"]) if gi else t("risk.card.none"))
    if gi:
        cells[2].caption(t("risk.card.gi_since", date=fmt_date(as_date(gi["certified_on"]))))
    cells[3].metric(t("risk.card.i40"), fmt_num(i40["level"]) if i40 else t("risk.card.none"))
    if i40:
        cells[3].caption(t("risk.card.i40_on", date=fmt_date(as_date(i40["assessed_on"]))))


def _factor_chart(points: pd.DataFrame, band: str) -> None:
    """Each factor's points over its full weight, largest first."""
    ordered = points.iloc[::-1]
    labels = [factor_label(f) for f in ordered["factor"]]
    figure = go.Figure([
        go.Bar(y=labels, x=ordered["weight"], orientation="h", marker_color=BLANK, name=t("risk.card.weight"),
               hoverinfo="skip"),
        go.Bar(y=labels, x=ordered["points"], orientation="h", marker_color=BAND_COLOURS[band],
               name=t("risk.card.points"), text=[fmt_num(v) for v in ordered["points"]], textposition="outside",
               hovertemplate="%{y}: %{x:.2f}<extra></extra>"),
    ])
    figure.update_layout(**chart_layout(height=380, barmode="overlay", showlegend=False,
                                        margin={"l": 0, "r": 10, "t": 10, "b": 0},
                                        xaxis={"range": [0, ordered["weight"].max() * 1.2]}))
    st.plotly_chart(figure, key="risk_card_factors", config={"displayModeBar": False})


def _history(title: str, frame: pd.DataFrame) -> None:
    st.markdown(f"**{title}**")
    if frame.empty:
        st.caption(t("risk.card.no_rows"))
    else:
        st.dataframe(frame, hide_index=True)


def _inspections(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("risk.card.col.date"): frame["inspected_on"].map(lambda v: fmt_date(as_date(v))),
        t("risk.card.col.inspector"): frame["inspector_kind"].map(lambda v: t(f"risk.inspector.{v}")),
        t("risk.card.col.result"): frame["result"].map(lambda v: t(f"risk.result.{v}")),
        t("risk.card.col.findings"): frame["findings"].fillna(""),
        t("risk.card.col.order"): frame["order_issued"].map(lambda v: "✓" if v else ""),
        t("risk.card.col.due"): frame["follow_up_due"].map(lambda v: fmt_date(as_date(v))),
        t("risk.card.col.closed"): frame["order_closed_on"].map(lambda v: fmt_date(as_date(v))),
    })


def _complaints(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("risk.card.col.date"): frame["received_on"].map(lambda v: fmt_date(as_date(v))),
        t("risk.card.col.channel"): frame["channel"].map(lambda v: t(f"risk.channel.{v}")),
        t("risk.card.col.topic"): frame["topic"].map(lambda v: t(f"risk.topic.{v}")),
        t("risk.card.col.status"): frame["is_open"].map(lambda v: t("risk.card.open" if v else "risk.card.resolved")),
        t("risk.card.col.resolved"): frame["resolved_on"].map(lambda v: fmt_date(as_date(v))),
    })


def _emergencies(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("risk.card.col.date"): frame["started_at"].map(
            lambda v: fmt_date(pd.Timestamp(v).to_pydatetime(), with_time=True)),
        t("risk.card.col.type"): frame["type"].map(lambda v: t(f"risk.emergency.{v}")),
        t("risk.card.col.severity"): frame["severity"],
        t("risk.card.col.status"): frame["is_active"].map(
            lambda v: t("risk.card.active" if v else "risk.card.contained")),
        t("risk.card.col.casualties"): frame["casualties"],
        t("risk.card.col.summary"): frame["summary"].fillna(""),
    })


def _or_dash(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))
