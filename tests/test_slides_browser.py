"""The built workshop slides, in a real browser: no script errors, nothing remote.

Two defects only a browser shows: reveal.js's themes ``@import`` Google Fonts, and the
inherited slide-change script called ``MathJax.Hub`` although the template drops MathJax
("MathJax is not defined" on every slide change). Chromium opens the offline slides from
disk with every request that is not a local file aborted, and walks through them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.slides import build_slides

CHROMIUM = Path("/usr/bin/chromium")  # as in tests/test_site_browser.py


@pytest.mark.slow
def test_the_offline_slides_run_without_errors_or_remote_requests(tmp_path):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `sudo apt-get install -y chromium`")
    built = build_slides(out_dir=tmp_path / "slides", offline=True)
    if not built.offline:
        pytest.skip("npm is needed to copy reveal.js for offline slides")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    remote: list[str] = []

    def local_only(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.route("**/*", local_only)
        page.goto(built.html.as_uri())
        page.wait_for_selector(".reveal.ready")
        total = page.evaluate("document.querySelectorAll('.slides section:not(.stack)').length")
        for _ in range(total):
            page.keyboard.press("Space")  # every slide, the half-day one below Why network too
            page.wait_for_timeout(100)
        last = "document.querySelector('.slides > section:last-of-type.present') !== null"
        at_the_end = page.evaluate(last)
        browser.close()
    assert not errors, f"script errors on the slides: {errors[:3]}"
    assert not remote, f"the offline slides asked for {remote}"
    assert total >= 15 and at_the_end, f"{total} slides, the last not reached"
