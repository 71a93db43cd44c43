"""The seminar deck to take home: the slides of presentation mode as a PowerPoint file
(python-pptx, one slide per view) and as a 16:9 PDF handout (the brief's WeasyPrint pipeline).

Both are laid out from the same sheets: each slide's title, its figures as written on screen,
its charts drawn by matplotlib (no browser: :mod:`components.brief.charts`), and the note of
where the figures come from and the day they were read, which PowerPoint also keeps in the
slide's notes. Text is set in Sarabun: PowerPoint's runs name it for Latin, Asian and complex
(Thai) scripts alike, so that Thai does not fall back to another font.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

import geopandas as gpd
import weasyprint
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from components.brief.charts import bars_png, data_uri, province_map_png
from components.emergency_board import status_figures
from components.i18n import fmt_date, fmt_int, lang, t
from components.kpi_cards import change_text, format_metric
from components.metric_map import label as metric_label
from components.plumbing.reference import handout_stylesheet, handout_template
from components.slide_data import Bars, SlideData
from components.theme import FONT_FAMILY, FONT_WEIGHTS, INK, MUTED, PRIMARY, SEQUENTIAL_BAD, SEQUENTIAL_GOOD, font_file
from data_access.rules.metrics import METRICS
from data_access.settings import DECK_IMAGE_DPI, DECK_SLIDE_INCHES

WIDTH_IN, HEIGHT_IN = DECK_SLIDE_INCHES
MARGIN_IN = 0.5
_BLANK_LAYOUT = 6


@dataclass(frozen=True)
class Figure:
    """A headline figure as the screen writes it."""

    label: str
    value: str
    change: str | None = None


@dataclass(frozen=True)
class Sheet:
    """One slide of the take-home deck: what it says and shows."""

    title: str
    note: str
    figures: tuple[Figure, ...] = ()
    pictures: tuple[bytes, ...] = field(default=(), repr=False)


def sheets(slides: list[SlideData], shapes: gpd.GeoDataFrame) -> list[Sheet]:
    """The take-home sheets of the deck's slides, in order (``shapes``: the province boundaries)."""
    return [_sheet(data, shapes) for data in slides]


def _sheet(data: SlideData, shapes: gpd.GeoDataFrame) -> Sheet:
    figures = _card_figures(data) + _board_figures(data)
    beside = bool(figures) or data.provinces is not None  # charts share the width with figures or the map
    width = (WIDTH_IN - 2 * MARGIN_IN) / (2 if beside or len(data.bars) > 1 else 1) - 0.2
    height = HEIGHT_IN - 2.6
    pictures = []
    if data.provinces is not None:
        spec = METRICS[data.metric]
        colours = SEQUENTIAL_GOOD if spec.higher_is_better else SEQUENTIAL_BAD
        pictures.append(province_map_png(data.provinces, shapes, data.metric, colours, metric_label(spec),
                                         width_in=width, height_in=height, dpi=DECK_IMAGE_DPI))
    drawn = [bars for bars in data.bars if not bars.frame.empty]
    longest = max((bars.frame["value"].max() for bars in drawn), default=0)
    pictures += [_bars_picture(bars, longest, width, height) for bars in drawn]
    return Sheet(data.title, data.note, figures, tuple(pictures))


def _card_figures(data: SlideData) -> tuple[Figure, ...]:
    if data.cards is None:
        return ()
    figures = []
    for row in data.cards.to_dict("records"):
        spec = METRICS[row["kpi"]]
        change = change_text(spec, row["value"], row["previous"])
        figures.append(Figure(t(f"kpi.{spec.code}"), format_metric(spec, row["value"]),
                              t("present.change", delta=change) if change else None))
    return tuple(figures)


def _board_figures(data: SlideData) -> tuple[Figure, ...]:
    if data.board is None:
        return ()
    return tuple(Figure(t(f"emergency.count.{name}"), fmt_int(value))
                 for name, value in status_figures(data.board).items())


def _bars_picture(bars: Bars, longest: float, width: float, height: float) -> bytes:
    spec = METRICS[bars.metric]
    values = [float(value) for value in bars.frame["value"]]
    rows = max(len(values), 5)
    return bars_png(list(bars.frame["label"]), values, [format_metric(spec, value) for value in values],
                    longest=longest, width_in=width, height_in=min(height, 0.45 * rows + 0.4), dpi=DECK_IMAGE_DPI)


# --- PowerPoint ----------------------------------------------------------------------------------

def deck_pptx(deck: list[Sheet], *, title: str, as_of: date) -> bytes:
    """The sheets as a widescreen PowerPoint file, one slide each, the note in the slide's notes."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    presentation.core_properties.title = title
    presentation.core_properties.language = "th-TH" if lang() == "th" else "en-GB"
    for sheet in deck:
        _pptx_slide(presentation, sheet, as_of)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _pptx_slide(presentation: Presentation, sheet: Sheet, as_of: date) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[_BLANK_LAYOUT])
    _text(slide, sheet.title, (MARGIN_IN, 0.3, WIDTH_IN - 2 * MARGIN_IN, 0.9), size=30, bold=True, colour=PRIMARY)
    top, bottom = 1.35, HEIGHT_IN - 0.75
    pictures_left = MARGIN_IN
    if sheet.figures:
        share = 0.5 if sheet.pictures else 1.0
        _figure_grid(slide, sheet.figures, (MARGIN_IN, top, (WIDTH_IN - 2 * MARGIN_IN) * share, bottom - top))
        pictures_left = MARGIN_IN + (WIDTH_IN - 2 * MARGIN_IN) * share
    if sheet.pictures:
        width = (WIDTH_IN - MARGIN_IN - pictures_left) / len(sheet.pictures)
        for number, picture in enumerate(sheet.pictures):
            shape = slide.shapes.add_picture(io.BytesIO(picture), Inches(pictures_left + number * width), Inches(top))
            _fit(shape, width - 0.15, bottom - top)
    _text(slide, sheet.note, (MARGIN_IN, HEIGHT_IN - 0.65, WIDTH_IN - 2 * MARGIN_IN, 0.45), size=12, colour=MUTED)
    slide.notes_slide.notes_text_frame.text = f"{sheet.note}\n{t('present.made', day=fmt_date(as_of), made=_made())}"


def _figure_grid(slide, figures: tuple[Figure, ...], box: tuple[float, float, float, float]) -> None:
    left, top, width, height = box
    per_row = 2 if width < 7 else min(4, len(figures))
    rows = -(-len(figures) // per_row)
    cell_w, cell_h = width / per_row, min(height / rows, 2.2)
    for number, figure in enumerate(figures):
        x, y = left + (number % per_row) * cell_w, top + (number // per_row) * cell_h
        _text(slide, figure.label, (x, y, cell_w - 0.2, 0.7), size=14, colour=INK)
        _text(slide, figure.value, (x, y + 0.6, cell_w - 0.2, 0.9), size=40, bold=True, colour=INK)
        if figure.change:
            _text(slide, figure.change, (x, y + 1.45, cell_w - 0.2, 0.45), size=13, colour=MUTED)


def _fit(shape, width_in: float, height_in: float) -> None:
    """Scale a picture down to fit ``width_in`` x ``height_in``, keeping its proportions."""
    ratio = min(Inches(width_in) / shape.width, Inches(height_in) / shape.height, 1.0)
    shape.width, shape.height = Emu(int(shape.width * ratio)), Emu(int(shape.height * ratio))


def _text(slide, text: str, box: tuple[float, float, float, float], *, size: int, colour: str,
          bold: bool = False) -> None:
    frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    _sarabun(run)


def _sarabun(run) -> None:
    """Sarabun for every script of the run: Latin, East Asian and complex (Thai)."""
    run.font.name = FONT_FAMILY
    properties = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        element = properties.find(qn(tag))
        if element is None:
            element = properties.makeelement(qn(tag), {})
            properties.append(element)
        element.set("typeface", FONT_FAMILY)


# --- PDF handout ---------------------------------------------------------------------------------

def deck_pdf(deck: list[Sheet], *, title: str, as_of: date) -> bytes:
    """The sheets as a 16:9 PDF handout, one page each."""
    html = handout_template().render(
        lang=lang(), title=title, t=t,
        fonts={weight: font_file(name).as_uri() for name, weight in FONT_WEIGHTS.items()},
        sheets=[{"sheet": sheet, "pictures": [data_uri(picture) for picture in sheet.pictures]} for sheet in deck],
        footer=t("present.made", day=fmt_date(as_of), made=_made()), width_in=WIDTH_IN, height_in=HEIGHT_IN,
        palette={"ink": INK, "muted": MUTED, "primary": PRIMARY},
    )
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[handout_stylesheet()])


def _made() -> str:
    return fmt_date(datetime.now(), with_time=True)
