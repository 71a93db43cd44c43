"""The server's Python heap: what the first page run leaves alive (the libraries, the boundaries,
the labels: some 190,000 objects) is set aside from the garbage collector once, so that its full
collections stop walking it. Each one took 0.1 s in the middle of a click, every few clicks."""
from __future__ import annotations

import atexit
import functools
import gc


@functools.cache
def set_aside_startup_objects() -> None:
    """Collect what is garbage now, then freeze the rest (``gc.freeze``, made for long-lived
    objects of a server's start); later garbage is collected as before. They are handed back at
    exit, so that the interpreter frees them (extension types report objects never freed)."""
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)
