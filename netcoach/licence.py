"""The course's licence line, for everything it prints outside the book's own pages."""

CONTENT_LICENCE = (
    "Course text © Network Coach contributors, licensed under CC BY 4.0 "
    "(creativecommons.org/licenses/by/4.0). Code under the MIT licence. "
    "See the LICENSE files to reuse it."
)
"""The book footer's words (``_config.yml``, ``extra_footer``), with the Creative Commons
link written out as text: the slides and paper handouts carry it, and link nothing remote
(``tests/test_slides.py`` checks that the footer says the same)."""
