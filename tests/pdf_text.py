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
