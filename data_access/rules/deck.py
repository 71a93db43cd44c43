"""The seminar deck as configured (``assets/deck/seminar.toml``): which views, in which order,
with which titles, for how long. Pure: the file's text in, checked slides out, so that a wrong
entry is named when the deck is read rather than when its slide comes up in front of a room."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass

from data_access.settings import DECK_MAX_SECONDS, DECK_MIN_SECONDS, DECK_VIEWS


class DeckError(ValueError):
    """The deck file names a view that does not exist, lacks a title or a time out of range."""


@dataclass(frozen=True)
class Slide:
    """One slide: its view, the page whose data it shows, its titles (``{province}`` is filled
    in on the province slide) and its seconds on screen."""

    view: str
    page: str
    title_th: str
    title_en: str
    seconds: float

    def title(self, language: str) -> str:
        return self.title_th if language == "th" else self.title_en


def parse_deck(text: str) -> tuple[Slide, ...]:
    """The slides of a deck file, in order; :class:`DeckError` names the first wrong entry."""
    try:
        deck = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeckError(f"the deck is not TOML: {error}") from error
    default = deck.get("seconds", DECK_MIN_SECONDS)
    slides = tuple(_slide(number, entry, default) for number, entry in enumerate(deck.get("slide", []), start=1))
    if not slides:
        raise DeckError("the deck has no [[slide]]")
    return slides


def _slide(number: int, entry: dict, default: float) -> Slide:
    view, title, seconds = entry.get("view"), entry.get("title", {}), entry.get("seconds", default)
    if view not in DECK_VIEWS:
        raise DeckError(f"slide {number}: view {view!r} is not one of {', '.join(DECK_VIEWS)}")
    if not (isinstance(title, dict) and title.get("th") and title.get("en")):
        raise DeckError(f"slide {number}: title needs th and en")
    if not isinstance(seconds, int | float) or not DECK_MIN_SECONDS <= seconds <= DECK_MAX_SECONDS:
        raise DeckError(f"slide {number}: seconds must lie between {DECK_MIN_SECONDS} and {DECK_MAX_SECONDS}")
    if not entry.get("page"):
        raise DeckError(f"slide {number}: page is missing")
    return Slide(view, entry["page"], title["th"], title["en"], float(seconds))


def clamp_seconds(seconds: float) -> float:
    """A link's ``?every=`` held to the range a slide may stay on screen."""
    return min(max(seconds, DECK_MIN_SECONDS), DECK_MAX_SECONDS)
