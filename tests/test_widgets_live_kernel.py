"""The "Score my network" widget in a real Jupyter kernel, moved the way a browser moves it.

The headless tests run without an event loop, where everything is drawn at once. Here a
kernel runs the widget and the test sends the slider change as the front end does (a
``comm_msg`` update), so the deferred chart redraw is proven on the kernel's own loop.
"""

from __future__ import annotations

import json
import time

import pytest

jupyter_client = pytest.importorskip("jupyter_client")

SETUP = """
from netcoach.widgets.score_view import score_my_network
from netcoach.widgets.common import png_from_html
view = score_my_network("career-changer")
view.tabs.selected_index = 1
before = png_from_html(view.chart_views["channel_mix"].value)
drawn = view.stats["charts_drawn"]
print(view.rich_target.model_id)
"""

CHECK = """
import json
print(json.dumps({
    "target": view.rich_target.value,
    "redrawn": png_from_html(view.chart_views["channel_mix"].value) != before,
    "drawings": view.stats["charts_drawn"] - drawn,
    "status": view.chart_status.value,
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


def test_slider_moved_from_the_front_end_redraws_the_chart_once() -> None:
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        slider_id = run(client, SETUP).splitlines()[-1]
        for value in (60, 70, 80):  # three quick moves, as the browser sends them
            update = {"method": "update", "state": {"value": value}, "buffer_paths": []}
            message = client.session.msg("comm_msg", {"comm_id": slider_id, "data": update})
            client.shell_channel.send(message)
        time.sleep(1.0)  # the kernel handles the three, then draws after CHART_DELAY_S
        state = json.loads(run(client, CHECK).splitlines()[-1])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert state["target"] == 80
    assert state["redrawn"]
    assert 1 <= state["drawings"] <= 3
    assert state["status"] == ""
    assert state["timing"] == ["scores_ms", "view_ms"]
