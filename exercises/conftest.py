"""pytest settings for checking exercise notebooks from the repository root:

    pytest --nbval-lax exercises/04-channel-mix/starter.ipynb

Uses ``exercises/nbval-sanitize.cfg`` unless ``--nbval-sanitize-with`` is given, and draws
charts without a screen.
"""

from __future__ import annotations

import os
from pathlib import Path

SANITIZE = Path(__file__).resolve().parent / "nbval-sanitize.cfg"


def pytest_configure(config) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    option = config.option
    if hasattr(option, "nbval_sanitize_with") and not option.nbval_sanitize_with:
        option.nbval_sanitize_with = str(SANITIZE)
