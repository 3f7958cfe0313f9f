"""The numbers the book's prose and alt text quote about the sample learners.

Chapters say things like "Alex scores 12" or "Only 16% of Sam's 340 interactions were rich".
Those sentences are written by hand, so this test pins the numbers they rely on. If it
fails after a deliberate change to scoring or to the samples, re-read and update the
pages listed in PAGES, then update the expected values here.
"""

from __future__ import annotations

import pytest

from netcoach.samples import load_sample
from netcoach.scoring import score_log

PAGES = (
    "book/01-why-network.md, 04-give-first.md, 05-channel-mix.md, 06-follow-up.md, "
    "07-social-media.md, 08-events.md, 09-measuring.md, 10-thirty-day-plan.md"
)

EXPECTED = {
    # sample: (reciprocity, channel mix, follow-up, overall)
    "career-changer": (88, 32, 80, 67),  # Sam
    "graduate": (12, 59, 64, 45),  # Alex
    "experienced": (91, 100, 89, 93),  # Jo
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_scores_match_what_the_book_says(name):
    report = score_log(load_sample(name))
    got = tuple(
        report.scores[k].score for k in ("reciprocity", "channel_mix", "follow_up", "overall")
    )
    assert got == EXPECTED[name], f"{name} scores changed: re-read {PAGES}"


def test_quoted_details_still_hold():
    sam = score_log(load_sample("career-changer")).channel_mix.components
    assert (sam["interactions"], round(100 * sam["rich_share"])) == (340, 16), PAGES
    alex = score_log(load_sample("graduate"))
    assert (alex.reciprocity.components["gives"], alex.reciprocity.components["asks"]) == (4, 79)
    assert alex.follow_up.components["duties"] == 121, PAGES
    jo = score_log(load_sample("experienced")).follow_up.details["leads"]
    assert (jo["status"] == "overdue").sum() == 6, PAGES
