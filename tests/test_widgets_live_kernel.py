"""The "Score my network" widget in a real Jupyter kernel, moved the way a browser moves it.

The headless tests set values directly. Here a kernel runs the widget and the test sends
the slider changes as the front end does (``comm_msg`` updates), so the chart is proven to
follow them on the kernel's own event loop.
"""

from __future__ import annotations

import json
import time

import pytest

jupyter_client = pytest.importorskip("jupyter_client")

SETUP = """
from netcoach.widgets.score_view import score_my_network
view = score_my_network("career-changer")
view.tabs.selected_index = 1
before = view.chart_views["channel_mix"].value
drawn = view.stats["charts_drawn"]
print(view.rich_target.model_id)
"""

CHECK = """
import json
print(json.dumps({
    "target": view.rich_target.value,
    "redrawn": view.chart_views["channel_mix"].value != before,
    "target_shown": "the 80% target" in view.chart_views["channel_mix"].value,
    "drawings": view.stats["charts_drawn"] - drawn,
    "timing": sorted(view.last_timing),
}))
"""


def run(client, code: str) -> str:
    """Execute ``code`` in the kernel; return what it printed (fail on an error)."""
    printed: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            pytest.fail("\n".join(msg["content"]["traceback"]))

    reply = client.execute_interactive(code, timeout=120, output_hook=hook)
    assert reply["content"]["status"] == "ok"
    return "".join(printed).strip()


def test_slider_moved_from_the_front_end_redraws_the_chart() -> None:
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        slider_id = run(client, SETUP).splitlines()[-1]
        for value in (60, 70, 80):  # three quick moves, as the browser sends them
            update = {"method": "update", "state": {"value": value}, "buffer_paths": []}
            message = client.session.msg("comm_msg", {"comm_id": slider_id, "data": update})
            client.shell_channel.send(message)
        time.sleep(1.0)  # the kernel handles the three in turn
        state = json.loads(run(client, CHECK).splitlines()[-1])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert state["target"] == 80
    assert state["redrawn"]
    assert state["target_shown"]
    assert state["drawings"] == 3
    assert state["timing"] == ["scores_ms", "view_ms"]
