"""The palette is defined once (components/theme.py) and its text colours pass WCAG 2 AA: the
theme of .streamlit/config.toml repeats it, no renderer, page or PDF stylesheet writes a colour of
its own, and every text colour has at least 4.5:1 against the backgrounds it is set on."""
from __future__ import annotations

import re
import tomllib

import pytest

from components import theme
from data_access.settings import PROJECT_ROOT

HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_of_a_known_pair():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("text", [theme.INK, theme.MUTED, theme.PRIMARY, theme.PRESENT_INK, theme.PRESENT_MUTED])
@pytest.mark.parametrize("background", [theme.PAPER, theme.SURFACE])
def test_text_colours_pass_wcag_aa(text: str, background: str):
    assert contrast(text, background) >= 4.5


def test_streamlit_theme_repeats_the_palette():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert (config["primaryColor"], config["textColor"], config["backgroundColor"],
            config["secondaryBackgroundColor"]) == (theme.PRIMARY, theme.INK, theme.PAPER, theme.SURFACE)


def test_no_colour_is_written_outside_the_theme():
    files = [*(PROJECT_ROOT / "components").rglob("*.py"), *(PROJECT_ROOT / "pages").glob("*.py"),
             *(PROJECT_ROOT / "assets" / "brief").glob("*.*")]
    found = {str(path.relative_to(PROJECT_ROOT)): HEX.findall(path.read_text(encoding="utf-8"))
             for path in files if path.name != "theme.py"}
    assert {path: colours for path, colours in found.items() if colours} == {}


@pytest.mark.parametrize("scale", [theme.SEQUENTIAL_BAD, theme.SEQUENTIAL_GOOD])
def test_sequential_scales_run_light_to_dark(scale: tuple[str, ...]):
    # Lightness alone carries the order, so that it survives a washed-out projector and any
    # colour vision.
    luminances = [_luminance(colour) for colour in scale]
    assert luminances == sorted(luminances, reverse=True)
