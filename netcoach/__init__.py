"""Network Coach: measure and improve how you network.

Importing ``netcoach`` is cheap: pandas, matplotlib and ipywidgets load only when a
function that needs them is first used.

>>> import netcoach
>>> log = netcoach.load_log("data/samples/graduate")          # doctest: +SKIP
>>> report = netcoach.score_log(log)                           # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_log": "netcoach.loading",
    "save_log": "netcoach.saving",
    "LogValidationError": "netcoach.validation",
    "NetworkLog": "netcoach.log",
    "Settings": "netcoach.settings",
    "score_log": "netcoach.scoring",
    "sample_path": "netcoach.samples",
    "load_sample": "netcoach.samples",
    "SAMPLE_NAMES": "netcoach.samples",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'netcoach' has no attribute {name!r}")
