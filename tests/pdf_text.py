"""Reading PDFs back in tests with poppler's command-line tools, as a person opening the file would."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

# pdftotext writes SARA AM apart (NIKHAHIT + SARA AA) and breaks lines anywhere: compare with these removed.
_FOLDED = re.compile("[\u0e32\u0e33\u0e4d\\s]")


def normalise(text: str) -> str:
    return _FOLDED.sub("", text)


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout


def page_text(path: Path, page: int) -> str:
    """The normalised text of one page."""
    return normalise(run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-"))


# Above and below marks (tone marks, upper and lower vowels) may come out of pdftotext after the
# next consonant when a large bold font positions them: compare the letters alone.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def letters(text: str) -> str:
    """``text`` normalised and without Thai marks: the base letters in reading order."""
    return _MARKS.sub("", normalise(text))
