"""Page state in the URL, one mechanism for every page: a page's parameters are declared once
(:mod:`components.plumbing.params`: name, type, allowed values, default), read as typed values,
drawn by widgets bound to them, and written back to the URL as codes, never as labels.

Why not Streamlit's own ``bind="query-params"``: it writes a selectbox's or a multiselect's
*formatted* option to the URL, so links would carry labels that change with the language
(``?region=ภาคเหนือ`` in Thai, ``?region=North`` in English) and a language switch would feed a
Thai label to the English widget; and it drops an invalid value without a word. Here the URL
holds the option itself, a bad value is named in one message and replaced by the default, and a
widget is given its value on every run, so its labels may change language freely.

A group of parameters (the shell's filters, one page's view) is read as a whole:

* a link that names none of the group's parameters (the sidebar's navigation) restores the
  values this session last had, and the URL shows them again;
* a link whose values differ from those this session last wrote (a followed link, a map click
  that switches page) sets the whole group: the parameters it leaves out take their defaults;
* otherwise the session's values stand (a widget may have changed them) and the URL follows.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from components.i18n import t

# A parameter's text longer than this is not parsed at all (a link is not a data channel).
MAX_RAW_LENGTH = 2_000
# Characters of a rejected value repeated in the message.
MAX_SHOWN_LENGTH = 40
_STATE, _SEEN, _PROBLEMS, _SLOT = "_url_state", "_url_seen", "_url_problems", "_url_slot"
_TRUE, _FALSE = ("1", "true"), ("0", "false")
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")

Options = Sequence[Any] | Callable[[], Sequence[Any]]


@dataclass(frozen=True)
class Param:
    """One URL parameter: its name, default and (in subclasses) how its text is read and written.

    ``default`` may be a function of no arguments when it depends on the data (the latest fiscal
    year). ``message`` is the label key of the sentence that explains a rejected value
    (``{value}`` is filled in); without one the generic ``url.ignored`` names the parameter.
    """

    name: str
    default: Any = None
    message: str | None = None

    def initial(self) -> Any:
        """The value of a link that does not name this parameter."""
        return self.default() if callable(self.default) else self.default

    def parse(self, raw: str) -> tuple[Any, list[str]]:
        """The value ``raw`` stands for and the parts of it that stand for nothing."""
        raise NotImplementedError

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def to_widget(self, value: Any) -> Any:
        return value

    def from_widget(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Choice(Param):
    """One of ``options`` (a sequence, or a function giving it when the link is read), written
    as ``str(option)`` and read back with ``cast``.

    ``none_option`` is what a widget shows for the value ``None`` ("all"): a selectbox takes
    ``None`` for "nothing chosen yet", so "all" needs an option of its own. Links never carry it.
    """

    options: Options = ()
    cast: Callable[[str], Any] = str
    none_option: str | None = None

    def allowed(self) -> list[Any]:
        return list(self.options() if callable(self.options) else self.options)

    def widget_options(self) -> list[Any]:
        """The options a widget offers: ``none_option`` first when there is one."""
        return [self.none_option, *self.allowed()] if self.none_option else self.allowed()

    def to_widget(self, value: Any) -> Any:
        return self.none_option if value is None and self.none_option else value

    def from_widget(self, value: Any) -> Any:
        return None if self.none_option and value == self.none_option else value

    def parse(self, raw: str) -> tuple[Any, list[str]]:
        value = _cast(self.cast, raw.strip())
        if value is not None and value in self.allowed():
            return value, []
        return self.initial(), [raw]


@dataclass(frozen=True)
class Choices(Choice):
    """Any number of ``options``, comma-separated in the link (``band=high,critical``; an empty
    ``band=`` is the empty choice), always in the order of ``options``."""

    default: tuple = ()

    def parse(self, raw: str) -> tuple[tuple, list[str]]:
        allowed, chosen, rejected = self.allowed(), set(), []
        for item in filter(None, (part.strip() for part in raw.split(","))):
            value = _cast(self.cast, item)
            if value is not None and value in allowed:
                chosen.add(value)
            else:
                rejected.append(item)
        return tuple(option for option in allowed if option in chosen), rejected

    def format(self, value: tuple) -> str:
        return ",".join(str(item) for item in value)

    def widget_options(self) -> list[Any]:
        return self.allowed()

    def to_widget(self, value: tuple) -> list:
        return list(value)

    def from_widget(self, value: list | None) -> tuple:
        chosen = set(value or ())
        return tuple(option for option in self.allowed() if option in chosen)


@dataclass(frozen=True)
class Flag(Param):
    """On or off: ``1`` (or ``true``) in the link, absent when off."""

    default: bool = False

    def parse(self, raw: str) -> tuple[bool, list[str]]:
        word = raw.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE, []
        return self.initial(), [raw]

    def format(self, value: bool) -> str:
        return "1" if value else "0"

    def from_widget(self, value: Any) -> bool:
        return bool(value)


@dataclass(frozen=True)
class Text(Param):
    """Free text that must match ``pattern`` whole (a registration number, say)."""

    pattern: str = r".{1,100}"

    def parse(self, raw: str) -> tuple[str | None, list[str]]:
        text = raw.strip()
        if re.fullmatch(self.pattern, text):
            return text, []
        return self.initial(), [raw]


@dataclass(frozen=True)
class DateRange(Param):
    """A span of days, both ends included: ``2025-10-01..2026-09-30`` in the link (ISO dates, the
    first not after the last, both within ``earliest`` .. ``latest``, which a date widget is also
    given as its bounds). A date widget in range mode gives a pair, or a single day while the
    second is being picked: a single day is that day alone."""

    earliest: date = date(2000, 1, 1)
    latest: date = date(2100, 12, 31)

    def parse(self, raw: str) -> tuple[tuple[date, date] | None, list[str]]:
        parts = [_cast(date.fromisoformat, part.strip()) for part in raw.split("..")]
        if len(parts) == 2 and None not in parts and self.earliest <= parts[0] <= parts[1] <= self.latest:
            return (parts[0], parts[1]), []
        return self.initial(), [raw]

    def format(self, value: tuple[date, date] | None) -> str:
        return "" if value is None else f"{value[0].isoformat()}..{value[1].isoformat()}"

    def to_widget(self, value: tuple[date, date] | None) -> tuple[date, ...]:
        return () if value is None else tuple(value)

    def from_widget(self, value: Sequence[date] | None) -> tuple[date, date] | None:
        days = tuple(value or ())
        return (days[0], days[-1]) if days else None


@dataclass(frozen=True)
class Group:
    """The parameters a view reads together; ``name`` keeps its state apart from other views'."""

    name: str
    params: tuple[Param, ...]

    def __getitem__(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.initial() for p in self.params}


# --- pure: a link's text <-> typed values ------------------------------------------------------

def parse(group: Group, raw: Mapping[str, str | None]) -> tuple[dict[str, Any], list[tuple[Param, str]]]:
    """The values a link (``raw``: name -> text or ``None``) sets for ``group``, and the
    ``(parameter, text)`` pairs it had to ignore. Absent parameters take their defaults; nothing
    a link holds can raise here."""
    values, rejected = group.defaults, []
    for param in group.params:
        text = raw.get(param.name)
        if text is None:
            continue
        if len(text) > MAX_RAW_LENGTH:
            rejected.append((param, text))
            continue
        values[param.name], bad = param.parse(text)
        rejected += [(param, part) for part in bad]
    return values, rejected


def to_params(group: Group, values: Mapping[str, Any]) -> dict[str, str]:
    """The link text of ``values``; parameters at their default are left out (short links)."""
    return {p.name: p.format(values[p.name]) for p in group.params
            if p.name in values and values[p.name] != p.initial()}


# --- the session -------------------------------------------------------------------------------

def begin_run() -> None:
    """Start a script run: no rejected link values yet, and no place to explain them yet."""
    st.session_state[_PROBLEMS] = []
    st.session_state[_SLOT] = None


def message_slot(slot: Any) -> None:
    """Where rejected link values are explained (an ``st.empty()`` at the top of the page): what
    was rejected before the slot existed is explained there now."""
    st.session_state[_SLOT] = slot
    _show_problems()


def read(group: Group) -> dict[str, Any]:
    """The values of ``group`` in this run (see the module docstring); the URL is rewritten to
    show them, and values a link had to drop are explained at the top of the page."""
    state, seen = _state(group), st.session_state.setdefault(_SEEN, {}).get(group.name)
    url = {p.name: st.query_params.get(p.name) for p in group.params}
    if any(text is not None for text in url.values()) and url != seen:
        values, rejected = parse(group, url)
        state.update(values)
        _explain(rejected)
    _write_url(group, state)
    return dict(state)


def current(group: Group) -> dict[str, Any]:
    """The values of ``group`` as they stand (read earlier in this run, or the defaults)."""
    return dict(_state(group))


def set_value(group: Group, name: str, value: Any) -> None:
    """Change one value (from a click on a map, say); the URL shows it at once, as a click in a
    fragment reruns the fragment only, not the page's :func:`read`."""
    _state(group)[name] = value
    _write_url(group, _state(group))


def refuse(group: Group, name: str, text: str) -> None:
    """A value the link gave that the page cannot use although the parameter allows it (a
    province outside the region chosen, say): the default instead, explained with the others."""
    set_value(group, name, group[name].initial())
    _explain([(group[name], text)])


def link(group: Group) -> dict[str, str]:
    """The URL parameters of ``group`` as they stand, for a link to another page (Streamlit's
    page switch drops the URL's parameters, streamlit/streamlit#9050)."""
    return to_params(group, current(group))


def bound(widget: Callable[..., Any], group: Group, name: str, *, key: str, **options: Any) -> Any:
    """Draw ``widget`` (``st.selectbox``, ``st.sidebar.multiselect``, ...) showing the value of
    ``name``; a change by the user sets the value. Returns the value."""
    param = group[name]
    st.session_state[key] = param.to_widget(_state(group)[name])
    widget(key=key, on_change=_changed, args=(group, name, key), **options)
    return _state(group)[name]


def bound_tabs(group: Group, name: str, labels: Mapping[Any, str], *, key: str) -> dict[Any, Any]:
    """Streamlit's lazy tabs showing the value of ``name``, one tab per option (``labels``: each
    option's label in the session's language), by option. Only the open tab's ``.open`` is true,
    so a page runs and sends that one alone. The widget holds a label, the URL the option: a
    link opens a tab, and a language switch keeps the tab open although every label changed."""
    st.session_state[key] = labels[_state(group)[name]]
    tabs = st.tabs(list(labels.values()), key=key, on_change=_changed, args=(group, name, key, labels))
    return dict(zip(labels, tabs))


def _changed(group: Group, name: str, key: str, labels: Mapping[Any, str] | None = None) -> None:
    """A widget's callback: its new value becomes the parameter's, and the URL shows it at once
    (a widget in a fragment reruns the fragment only, not the page's :func:`read`). A widget
    that can be emptied by a click although its parameter cannot (clicking the chosen pill)
    keeps the value. A widget showing ``labels`` (tabs) gives the option of its label (none for
    a label it no longer shows: the value is kept)."""
    value = st.session_state[key]
    if labels is not None:
        value = next((option for option, label in labels.items() if label == value), None)
    param = group[name]
    if value is None and param.initial() is not None and not isinstance(param, Choices):
        return
    _state(group)[name] = param.from_widget(value)
    _write_url(group, _state(group))


def _state(group: Group) -> dict[str, Any]:
    store = st.session_state.setdefault(_STATE, {})
    if group.name not in store:
        store[group.name] = group.defaults
    return store[group.name]


def _write_url(group: Group, values: Mapping[str, Any]) -> None:
    wanted = to_params(group, values)
    for param in group.params:
        text = wanted.get(param.name)
        if text is None:
            st.query_params.pop(param.name, None)
        elif st.query_params.get(param.name) != text:
            st.query_params[param.name] = text
    st.session_state.setdefault(_SEEN, {})[group.name] = {p.name: wanted.get(p.name) for p in group.params}


def _explain(rejected: list[tuple[Param, str]]) -> None:
    if rejected:
        st.session_state.setdefault(_PROBLEMS, []).extend(_sentence(param, text) for param, text in rejected)
        _show_problems()


def _show_problems() -> None:
    """One warning at the top of the page naming every value the links of this run dropped."""
    problems, slot = st.session_state.get(_PROBLEMS), st.session_state.get(_SLOT)
    if problems and slot is not None:
        slot.warning("\n\n".join(problems))


def _sentence(param: Param, text: str) -> str:
    value = _shown(text)
    if param.message:
        return t(param.message, value=value)
    return t("url.ignored", param=param.name, value=value)


def _shown(text: str) -> str:
    """A rejected value as it may be repeated on screen: on one line, cut short, and with every
    ASCII punctuation mark escaped, so that it reads as typed (no Markdown, link, icon, colour
    or formula of Streamlit's Markdown comes out of a link)."""
    line = " ".join(text.split())
    cut = line if len(line) <= MAX_SHOWN_LENGTH else line[:MAX_SHOWN_LENGTH] + "…"
    return _PUNCTUATION.sub(r"\\\g<0>", cut)


def _cast(cast: Callable[[str], Any], text: str) -> Any:
    try:
        return cast(text)
    except (TypeError, ValueError):
        return None
