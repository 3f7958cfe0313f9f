"""Interactive views (ipywidgets 8) over the pure scoring core, one module per notebook.

- :mod:`netcoach.widgets.score_view`: "Score my network" (:func:`score_my_network`);
- :mod:`netcoach.widgets.quick_check`: the quick habits check (:class:`QuickCheck`);
- :mod:`netcoach.widgets.log_form`: "Log an interaction" (:class:`LogForm`);
- :mod:`netcoach.widgets.common`: layouts, labelled controls, the message area, chart views.

Each view renders into widget values (HTML, PNG bytes), so tests drive it without a kernel.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "ScoreMyNetwork": "netcoach.widgets.score_view",
    "score_my_network": "netcoach.widgets.score_view",
    "QuickCheck": "netcoach.widgets.quick_check",
    "LogForm": "netcoach.widgets.log_form",
    "practice_copy": "netcoach.widgets.log_form",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'netcoach.widgets' has no attribute {name!r}")
