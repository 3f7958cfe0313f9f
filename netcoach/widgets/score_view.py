""" "Score my network": pick a learner, an "as of" date and settings; see scores, charts, actions.

The view is a thin layer over :func:`netcoach.scoring.score_log`. A log is loaded once
(samples, a folder, or uploaded CSVs written to a temporary folder, read by the same
:func:`netcoach.loading.load_log`, so validation is identical, and deleted at once); moving
a slider only re-scores, through a :class:`netcoach.scoring.Scorer` that recomputes just the
parts of the score the moved setting reads. Reports and rendered charts are cached per (log, as of,
settings), so going back to an earlier setting is instant. Only the chart on the visible
tab is redrawn after a change, and only when what it shows has changed; the others are
redrawn when their tab is opened. The charts are SVG from :mod:`netcoach.svg_charts`, written
in a few milliseconds and drawn by the browser, so the whole view follows a slider at once.

The widget reads the clock once, to default the "as of" date to today for a learner's own
folder without an ``as_of`` in its ``settings.toml``; the scoring core never does.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from netcoach.future_dates import future_rows
from netcoach.reminders import ACTION_LABELS, write_reminders
from netcoach.schema import CONTACTS_FILE, INTERACTIONS_FILE, SETTINGS_FILE
from netcoach.widgets.common import (
    STYLE,
    MessageArea,
    cards_grid,
    column,
    download_link,
    esc,
    full_width,
    html_table,
    int_slider,
    label,
    labelled,
    not_a_folder_text,
    rows_table,
    show_error,
    svg_figure_html,
)
from netcoach.words import names_text, plural

if TYPE_CHECKING:
    import pandas as pd

    from netcoach.log import NetworkLog
    from netcoach.scoring import Scorer
    from netcoach.scoring.results import Report, ScoreResult
    from netcoach.settings import Settings

OWN_FILES = "own"
"""The learner dropdown's value for "my own files" (the samples use their names)."""

CACHE_SIZE = 64
"""How many reports (and sets of charts) to keep; about 1 MB each for a large log."""

CHART_TABS: tuple[tuple[str, str], ...] = (
    ("gives_and_asks", "Gives and asks"),
    ("channel_mix", "Channel mix"),
    ("follow_up", "Follow-up"),
    ("cadence", "Keeping in touch"),
)

ACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank", "#"),
    ("name", "Who"),
    ("what", "What to do"),
    ("reason", "Why"),
    ("days_overdue", "Days overdue"),
)

DEFAULT_OUTPUT = "network-coach-output"
"""Exports of a sample or of uploaded files go here, next to the notebook (git ignores it)."""

ACTIONS_SHOWN = 25
"""How many next actions the widget lists; the HTML report and the calendar have them all."""

OVERDUE_SHOWN = 25
"""How many overdue leads and thanks the widget lists, most overdue first; the next actions
in the HTML report cover them all."""

NO_OVERDUE_TEXT = "No lead or thank-you is overdue."

OVERDUE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("what", "What"),
    ("name", "Who"),
    ("date", "Day it happened"),
    ("due", "Due by"),
    ("days_overdue", "Days overdue"),
    ("row", "Row in interactions.csv"),
)

IMPORT_TITLE = "Import contacts (LinkedIn, Google, vCard, calendar)"
NO_IMPORT_TEXT = (
    "Load your own log folder above first: imports are added to that folder, "
    "never to a sample or to uploaded copies."
)

CHOOSE_DATE_TEXT = "Choose an 'as of' date to score the log on."

NO_INTERACTIONS_TEXT = (
    f"There is no {INTERACTIONS_FILE} yet, so these scores count no interactions at all. "
    'Log some with the "Log an interaction" notebook (or import a calendar) to see your '
    "real scores."
)

UPLOAD_NAMES: dict[str, str] = {
    "interaction": INTERACTIONS_FILE,
    "contact": CONTACTS_FILE,
    "settings": SETTINGS_FILE,
}
"""Uploaded files are recognised by a word in their name (``my contacts.csv`` works), tried
in this order: a name with "interaction" in it is the interactions file even when it says
"contacts" too (``interactions_with_contacts.csv``)."""

UPLOAD_PRIVACY_TEXT = (
    "Uploaded files are read by the Python running this notebook and sent nowhere else. "
    "The copy it writes to read them is deleted as soon as it has been read, and the upload "
    "box is emptied; your log is then kept in memory only, until the notebook is closed."
)
"""What happens to uploaded files (see :meth:`ScoreMyNetwork.load_uploads`)."""

NO_CONTACTS_UPLOADED_TEXT = (
    f"Upload your {CONTACTS_FILE} too: Network Coach needs it to score the log (with "
    f"{INTERACTIONS_FILE} if you have one). Choose the files together; if you have no "
    f"{CONTACTS_FILE} yet, start from data/templates/{CONTACTS_FILE}."
)


def upload_target(name: str) -> str | None:
    """The log file an uploaded file of this name stands for (see :data:`UPLOAD_NAMES`)."""
    return next((f for word, f in UPLOAD_NAMES.items() if word in name.lower()), None)


def _digest(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """A short fingerprint of a table's columns and values (of these ``columns`` only, when
    given), remembered for as long as the table lives (see :class:`_DigestsByTable`)."""
    return _DIGESTS.of(frame, None if columns is None else tuple(columns))


def _fingerprint(frame: pd.DataFrame) -> str:
    """The fingerprint itself: a hash of every cell and the column names."""
    import hashlib

    import pandas as pd

    digest = hashlib.blake2b(repr(list(frame.columns)).encode(), digest_size=16)
    try:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    except TypeError:  # unhashable cells (tuples of rows): fall back to their text
        digest.update(frame.to_csv(index=False).encode())
    return digest.hexdigest()


class _DigestsByTable:
    """Fingerprints remembered per table object. The :class:`~netcoach.scoring.Scorer` hands
    back the very same table while what it depends on is unchanged, and scored tables are
    never changed in place (``tests/test_scoring_memo.py``), so a table seen before need not
    be hashed again: at 10k interactions hashing the lead and thanks tables took about 3 ms
    of every slider step. A weak reference tells a living table from a new one that was
    given a dead table's ``id``."""

    def __init__(self, most: int = 256) -> None:
        self._known: dict[tuple[int, tuple[str, ...] | None], tuple[weakref.ref, str]] = {}
        self._most = most

    def of(self, frame: pd.DataFrame, columns: tuple[str, ...] | None = None) -> str:
        key = (id(frame), columns)
        known = self._known.get(key)
        if known is not None and known[0]() is frame:
            return known[1]
        digest = _fingerprint(frame if columns is None else frame[list(columns)])
        if len(self._known) >= self._most:
            self._known = {k: v for k, v in self._known.items() if v[0]() is not None}
            if len(self._known) >= self._most:
                self._known.clear()
        self._known[key] = (weakref.ref(frame), digest)
        return digest


_DIGESTS = _DigestsByTable()


CHART_INPUTS: dict[str, Callable[[Report], tuple]] = {
    "gives_and_asks": lambda r: (_digest(r.reciprocity.details["per_contact"]),),
    "channel_mix": lambda r: (
        _digest(r.channel_mix.details["by_month"]),
        float(r.settings.rich_channel_target),
    ),
    "follow_up": lambda r: (
        _digest(r.follow_up.details["leads"]),
        _digest(r.follow_up.details["thanks"]),
        _digest(r.channel_mix.details["by_month"], ["month"]),
    ),
    "cadence": lambda r: (_digest(r.follow_up.details["cadence"]),),
}
"""What each chart in :mod:`netcoach.svg_charts` reads from a report. A chart is redrawn
only when these change: moving the lead window leaves the channel-mix chart as it was. Keep
in step with ``netcoach/svg_charts.py`` (``tests/test_widgets_score.py`` checks it)."""


class _LRU(OrderedDict):
    """A small least-recently-used cache."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = make()
        if len(self) > self.size:
            self.popitem(last=False)
        return value


def score_card_html(result: ScoreResult) -> str:
    """One score as a small card: its title and the score out of 100."""
    return (
        f'<section aria-label="{esc(result.title)}: {int(result.score)} out of 100" '
        f'data-score="{int(result.score)}" '
        'style="border:1px solid #999;border-radius:6px;padding:4px 10px">'
        f'<h4 style="margin:0;font-size:1.05em">{esc(result.title)}</h4>'
        f'<p style="margin:0;font-size:1.8em;font-weight:bold">{int(result.score)}'
        '<span style="font-size:0.5em;font-weight:normal"> out of 100</span></p></section>'
    )


def reasons_html(report: Report) -> str:
    """The reasons behind each score, under the score's title (all escaped)."""
    parts = []
    for result in report.scores.values():
        items = "".join(f"<li>{esc(r.text)}</li>" for r in result.reasons)
        parts.append(
            f'<h4 style="margin:0.6em 0 0.2em">{esc(result.title)}: {int(result.score)}</h4>'
            f'<ul style="margin:0;padding-left:1.2em">{items}</ul>'
        )
    return "".join(parts)


def actions_table_html(report: Report, top: int = ACTIONS_SHOWN) -> str:
    """The first ``top`` ranked next actions as an HTML table (the exports have them all)."""
    total = len(report.next_actions)
    actions = report.next_actions.head(top).copy()
    actions["what"] = actions["action"].map(lambda a: ACTION_LABELS.get(a, a))
    caption = f"Your next actions on {report.as_of:%d %B %Y}, most urgent first"
    if total > top:
        caption += f" (the first {top} of {total}; the HTML report and the calendar list them all)"
    return html_table(
        actions,
        ACTION_COLUMNS,
        caption=caption,
        empty=report.no_actions_text,
    )


def overdue_table_html(report: Report, top: int = OVERDUE_SHOWN) -> str:
    """The ``top`` leads and thanks furthest past their window, most overdue first (then by
    row; leads before thanks on a tie)."""
    import numpy as np

    parts = [
        (what, _overdue_columns(report.follow_up.details[key]))
        for key, what in (("leads", "Follow up a lead"), ("thanks", "Say thank you"))
    ]
    sizes = [len(columns["row"]) for _, columns in parts]
    total = sum(sizes)
    if not total:
        return f"<p>{esc(NO_OVERDUE_TEXT)}</p>"
    caption = "Overdue: leads to follow up and help to thank"
    if total > top:
        caption += (
            f" (the {top} most overdue of {total}; the next actions in the HTML report "
            "cover them all)"
        )
    read = {c: np.concatenate([columns[c] for _, columns in parts]) for c in parts[0][1]}
    read["what"] = np.repeat(np.array([what for what, _ in parts], dtype=object), sizes)
    # Most overdue first, then by row; leads before thanks on a tie (the order they came in).
    shown = np.lexsort((np.arange(total), read["row"], -read["days_overdue"]))[:top]
    cells = {c: read[c][shown].tolist() for c, _ in OVERDUE_COLUMNS}
    cells["date"] = [_day_text(day) for day in cells["date"]]
    cells["due"] = [_day_text(day) for day in cells["due"]]
    rows = zip(*(cells[c] for c, _ in OVERDUE_COLUMNS), strict=True)
    return rows_table(rows, [h for _, h in OVERDUE_COLUMNS], caption=caption)


def _overdue_columns(table: pd.DataFrame) -> dict[str, Any]:
    """The overdue rows of a lead or thanks table: its name, date, due, days_overdue and row
    columns as numpy arrays (dates as days), read from the table's arrays."""
    kept = (table["status"] == "overdue").to_numpy(dtype=bool, na_value=False)
    read = {c: table[c].to_numpy()[kept] for c in ("name", "date", "due", "days_overdue", "row")}
    read["date"], read["due"] = read["date"].astype("M8[D]"), read["due"].astype("M8[D]")
    return read


def _day_text(day: dt.date | None) -> str:
    """'03 Sep 2025', as the overdue list writes a date ('' for none)."""
    return "" if day is None else f"{day:%d %b %Y}"


def _import_first(name: str, data: bytes) -> str:
    """Advice for an uploaded file that is an export to import (as the importers tell it),
    else ""; the importers are read only then, not when the widget is made."""
    from netcoach.importers.detect import export_name, import_first_text
    from netcoach.importers.sources import SourceFile

    what = export_name(SourceFile(name, data))
    return "" if what is None else import_first_text(name, what)


def _exports_instead_of_log(folder: Path, uploaded: dict[str, str] | None) -> list[str]:
    """Advice for each log file in ``folder`` that is really an export (a Google Contacts
    export keeps its default name, contacts.csv), named as it was uploaded (``uploaded``:
    log file to uploaded name) or as the file in the learner's folder."""
    from netcoach.importers.detect import exports_in_log, import_first_text, move_out_text

    return [
        import_first_text(uploaded.get(name, name), what)
        if uploaded is not None
        else move_out_text(folder, name, what)
        for name, what in exports_in_log(folder)
    ]


def _default_output(folder: Path | None) -> Path:
    """Where exported files go: next to the learner's folder, else a folder here."""
    if folder is not None:
        return folder.resolve().parent
    return Path(DEFAULT_OUTPUT)


class ScoreMyNetwork(w.VBox):
    """The "Score my network" widget. Build it with :func:`score_my_network`."""

    def __init__(
        self,
        sample: str | None = "graduate",
        folder: str | Path | None = None,
        *,
        output_folder: str | Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        from netcoach.samples import SAMPLE_NAMES

        self._today = today
        self.network_log: NetworkLog | None = None
        self.report: Report | None = None
        self.source_name = ""
        self._token = 0
        self._reports = _LRU(CACHE_SIZE)
        self._charts = _LRU(CACHE_SIZE * len(CHART_TABS))
        self._views = _LRU(CACHE_SIZE)
        self.last_timing: dict[str, float] = {}
        self._shown: dict[str, Hashable] = {}
        self._scoring_problem_shown = False
        """Whether the message says why there are no scores (no date, or scoring failed)."""
        self._quiet = False
        self._output_explicit = output_folder is not None
        self._log_folder: Path | None = None
        self.stats = {"scored": 0, "charts_drawn": 0}
        self._scorer: Scorer | None = None
        """Re-scores the loaded log, reusing the parts a slider move leaves unchanged."""
        self._future_key: tuple | None = None
        """The (log, date) the note on interactions after the 'as of' date was made for."""

        # --- where the data comes from
        options = [(f"Sample learner: {n.replace('-', ' ')}", n) for n in SAMPLE_NAMES]
        self.source = w.Dropdown(
            options=[*options, ("My own files", OWN_FILES)],
            value=sample if sample in SAMPLE_NAMES else OWN_FILES,
            description="Whose network",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.folder_text = w.Text(
            value="" if folder is None else str(folder),
            description="Log folder",
            placeholder="the folder that holds contacts.csv, e.g. my-network",
            tooltip="The folder on this computer that holds contacts.csv and interactions.csv",
            continuous_update=False,
            style=STYLE,
            layout=full_width("520px"),
        )
        self.load_button = w.Button(
            description="Load folder",
            icon="folder-open",
            tooltip="Read the log in this folder",
            layout=w.Layout(width="auto"),
        )
        self.upload = w.FileUpload(
            accept=".csv,.toml,.txt",
            multiple=True,
            description="Upload CSVs",
            tooltip="Choose contacts.csv and interactions.csv (and settings.toml if you have one)",
        )
        self.import_slot = w.VBox([label(NO_IMPORT_TEXT)], layout=full_width())
        self.import_panel: w.Widget | None = None
        self.import_section = w.Accordion(
            children=[self.import_slot], titles=(IMPORT_TITLE,), layout=full_width()
        )
        self.own_box = column(
            [
                label(
                    "Type the path of your log folder and press Enter, or upload your "
                    "contacts.csv and interactions.csv. " + UPLOAD_PRIVACY_TEXT
                ),
                self.folder_text,
                w.HBox([self.load_button, self.upload], layout=w.Layout(flex_flow="row wrap")),
                self.import_section,
            ]
        )
        self.as_of = w.DatePicker(
            description="Score as of",
            tooltip="The day to score the log on: later interactions are left out",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.date_notice = MessageArea()
        """Says when interactions are dated after the 'as of' date (not counted yet)."""

        # --- settings
        # Step 1 everywhere: a browser snaps a slider to min + k * step, so a coarser step
        # could not show the defaults (90 days on a 14, 21, ... scale) or a log's own values.
        self.inner_days = int_slider("Inner circle: in touch every (days)", 14, 3, 60)
        self.close_days = int_slider("Close: in touch every (days)", 30, 7, 120)
        self.active_days = int_slider("Active: in touch every (days)", 90, 14, 365)
        self.lead_days = int_slider("Follow up a job lead within (days)", 7, 1, 30)
        self.thanks_days = int_slider("Say thank you within (days)", 3, 1, 14)
        self.rich_target = int_slider(
            "Target share of rich contact (%)",
            50,
            10,
            90,
            tooltip="The share of contact in person, at events, by video or by phone you aim for",
        )
        self.sliders = (
            self.inner_days,
            self.close_days,
            self.active_days,
            self.lead_days,
            self.thanks_days,
            self.rich_target,
        )
        self._ranges = {slider: (slider.min, slider.max) for slider in self.sliders}
        """Each slider's own range; a log's setting outside it widens it (:meth:`_set_sliders`)."""
        self._log_values: dict[w.IntSlider, tuple[int, float]] = {}
        """Per slider, the position that shows the log's own setting and that exact setting."""
        self.reset_button = w.Button(
            description="Reset settings",
            icon="undo",
            tooltip="Put every slider back to the log's own settings",
            layout=w.Layout(width="auto"),
        )
        settings_box = column(
            [
                label("Move a slider to see how your thresholds change the scores."),
                *(labelled(slider) for slider in self.sliders),
                self.reset_button,
            ]
        )
        self.settings_panel = w.Accordion(
            children=[settings_box], titles=("Settings",), selected_index=0
        )

        # --- results
        self.message = MessageArea()
        self.cards = {
            name: w.HTML(layout=w.Layout(width="auto", min_width="0"))
            for name in ("reciprocity", "channel_mix", "follow_up", "overall")
        }
        self.reasons = w.HTML(layout=full_width())
        self.chart_views = {key: w.HTML(layout=full_width()) for key, _ in CHART_TABS}
        self.overdue = w.HTML(layout=full_width())
        tab_children = [
            column([self.chart_views[key], self.overdue] if key == "follow_up" else [view])
            for key, view in self.chart_views.items()
        ]
        self.tabs = w.Tab(
            children=tab_children, titles=[t for _, t in CHART_TABS], layout=full_width()
        )
        self.actions = w.HTML(layout=full_width())

        # --- exports
        self.output_text = w.Text(
            value="" if output_folder is None else str(output_folder),
            description="Save files in",
            tooltip="The folder for the HTML report and the calendar file",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.report_button = w.Button(
            description="Download HTML report",
            icon="file",
            tooltip="Write a one-page report you can open in any browser",
            layout=w.Layout(width="auto"),
        )
        self.ics_button = w.Button(
            description="Reminders calendar (.ics)",
            icon="calendar",
            tooltip="Write one all-day calendar event per next action",
            layout=w.Layout(width="auto"),
        )
        from netcoach.summary import NICKNAME_HINT  # (no example name: see its docstring)

        self.nickname_text = w.Text(
            description="Nickname for your coach",
            placeholder=NICKNAME_HINT,
            tooltip="A made-up name: letters, digits, spaces, - and _; never your email or a "
            "contact's name",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.summary_button = w.Button(
            description="Share an anonymous summary with your coach",
            icon="user-secret",
            tooltip="Write a small file of scores and counts only: no names, emails or notes",
            layout=w.Layout(width="auto"),
        )
        self.export_message = MessageArea()
        self.last_export: Path | None = None

        # --- wiring
        self.source.observe(self._on_source, names="value")
        self.folder_text.observe(lambda _: self.load_folder(), names="value")
        self.load_button.on_click(lambda _: self.load_folder())
        self.upload.observe(self._on_upload, names="value")
        self.as_of.observe(self._on_input, names="value")
        for slider in self.sliders:
            slider.observe(self._on_input, names="value")
        self.reset_button.on_click(lambda _: self.reset_settings())
        self.tabs.observe(lambda _: self._draw_visible_chart(), names="selected_index")
        self.report_button.on_click(lambda _: self.export_html())
        self.ics_button.on_click(lambda _: self.export_ics())
        self.summary_button.on_click(lambda _: self.export_summary())

        super().__init__(
            [
                column(
                    [
                        self.source,
                        self.own_box,
                        self.as_of,
                        self.date_notice,
                        self.settings_panel,
                        self.message,
                        w.HTML("<h3>Your scores</h3>"),
                    ]
                ),
                cards_grid(list(self.cards.values())),
                column(
                    [
                        w.HTML("<h3>Why these scores</h3>"),
                        self.reasons,
                        w.HTML("<h3>Charts</h3>"),
                        self.tabs,
                        w.HTML("<h3>What to do next</h3>"),
                        self.actions,
                        w.HTML("<h3>Take it with you</h3>"),
                        self.output_text,
                        w.HBox(
                            [self.report_button, self.ics_button],
                            layout=w.Layout(flex_flow="row wrap"),
                        ),
                        self.nickname_text,
                        self.summary_button,
                        self.export_message,
                    ]
                ),
            ],
            layout=full_width(),
        )
        self._on_source({"new": self.source.value})

    # --- loading ----------------------------------------------------------------------

    def _on_source(self, change: dict) -> None:
        own = change["new"] == OWN_FILES
        self.own_box.layout.display = None if own else "none"
        if own:
            if self.folder_text.value.strip():
                self.load_folder()
            else:
                self._clear("Type the path of your log folder, or upload your two CSV files.")
        else:
            from netcoach.samples import sample_path

            self._load(sample_path(change["new"]), f"sample-{change['new']}", sample=True)

    def load_folder(self) -> bool:
        """Load the log in the folder typed in the "Log folder" box."""
        text = self.folder_text.value.strip()
        if self.source.value != OWN_FILES or not text:
            return False
        folder = Path(text).expanduser()
        return self._load(folder, folder.resolve().name or "my-network", sample=False)

    def _on_upload(self, change: dict) -> None:
        """Load the uploaded files, then empty the upload box so that their contents are not
        kept in the widget (a notebook can save widget state into its file)."""
        if change["new"]:
            try:
                self.load_uploads(change["new"])
            finally:
                self.upload.value = ()

    def load_uploads(self, files: Sequence[dict]) -> bool:
        """Load uploaded files like a folder: they are written to a temporary folder that is
        deleted as soon as it has been read (loaded, refused or failed); the log stays in
        memory only."""
        if self.source.value != OWN_FILES:
            self.source.value = OWN_FILES
        with tempfile.TemporaryDirectory(prefix="netcoach-upload-") as name:
            return self._load_upload_copy(Path(name), files)

    def _load_upload_copy(self, folder: Path, files: Sequence[dict]) -> bool:
        """Write ``files`` into the empty temporary ``folder`` and load the log they make."""
        unknown: list[str] = []
        exports: list[str] = []  # advice for each export uploaded (to import, not to score)
        written: dict[str, list[str]] = {}  # log file: the uploaded names that stand for it
        for item in files:
            name = str(item["name"])
            target = upload_target(name)
            content = item["content"]
            data = content.tobytes() if hasattr(content, "tobytes") else bytes(content)
            if target is None:
                advice = _import_first(name, data)
                if advice:
                    exports.append(advice)
                else:
                    unknown.append(name)
                continue
            (folder / target).write_bytes(data)
            written.setdefault(target, []).append(name)
        twice = {target: names for target, names in written.items() if len(names) > 1}
        first_names = {target: names[0] for target, names in written.items()}
        if unknown or exports:  # and any export uploaded as a log file: said all at once
            problem = " ".join([*_exports_instead_of_log(folder, first_names), *exports])
            if unknown:  # renaming an export would not help: said only of the others
                problem += (
                    (" " if problem else "")
                    + "Network Coach did not recognise "
                    + ", ".join(unknown)
                    + ": name the files contacts.csv and interactions.csv (and settings.toml)."
                )
        elif twice:  # not one of them scored in silence
            problem = " ".join(
                f"{names_text(names)} {'both' if len(names) == 2 else 'all'} look like your "
                f"{target}, so Network Coach cannot tell which one to read."
                for target, names in twice.items()
            ) + (
                " Upload one file of each kind together: contacts.csv, interactions.csv and, "
                "if you have one, settings.toml. Nothing was loaded."
            )
        elif CONTACTS_FILE not in written:  # not load_log's "missing from /tmp/netcoach-..."
            problem = NO_CONTACTS_UPLOADED_TEXT
        else:
            return self._load(folder, "uploaded-log", sample=False, uploaded=first_names)
        self.network_log = None  # as when a log fails to load: no earlier log left behind
        self._clear(problem, kind="error")
        return False

    def _load(
        self,
        folder: Path,
        name: str,
        *,
        sample: bool,
        uploaded: dict[str, str] | None = None,
        keep_inputs: bool = False,
    ) -> bool:
        """Load the log in ``folder``; ``uploaded`` maps each log file in it (a temporary
        folder) to the name of the file uploaded for it."""
        from netcoach.loading import load_log
        from netcoach.validation import LogValidationError

        try:
            log = load_log(folder)
        except Exception as err:  # shown in the widget, never a traceback
            self.network_log = None
            self._clear()
            exports = (
                _exports_instead_of_log(folder, uploaded)
                if isinstance(err, LogValidationError) and not sample
                else []
            )
            if exports:  # not "contact_id is missing": an export is imported, not renamed
                self.message.show(" ".join(exports), "error")
            else:
                show_error(self.message, err)
            return False
        if uploaded is not None:
            log.folder = None  # its temporary folder is deleted once read
        self.network_log, self.source_name = log, name
        self._token += 1
        self._log_folder = None if (sample or uploaded is not None) else folder
        if not self._output_explicit:
            self.output_text.value = str(_default_output(self._log_folder))
        self._attach_import_panel()
        as_of = log.folder_settings.as_of or self._today or dt.date.today()
        self._quiet = True
        try:
            if not keep_inputs:
                self.as_of.value = as_of
                self._set_sliders(log.folder_settings.scoring)
        finally:
            self._quiet = False
        where = (
            f"the sample learner {name.removeprefix('sample-')}"
            if sample
            else "your uploaded files"
            if uploaded is not None
            else str(folder)
        )
        loaded = (
            f"Loaded {plural(len(log.contacts), 'contact')} and "
            f"{plural(len(log.interactions), 'interaction')} from {where}."
        )
        if (folder / INTERACTIONS_FILE).is_file():
            self.message.show(loaded, "success")
        else:
            self.message.show(f"{loaded} {NO_INTERACTIONS_TEXT}", "warning")
        self._scoring_problem_shown = False  # the message now says what was loaded
        self.refresh(all_charts=True)
        return True

    def _attach_import_panel(self) -> None:
        """Offer the importers' upload panel for the learner's own folder (not for samples)."""
        folder = self._log_folder
        current = getattr(self.import_panel, "folder", None)
        if folder is None:
            self.import_panel = None
            self.import_slot.children = [label(NO_IMPORT_TEXT)]
            return
        if current is not None and Path(current).resolve() == folder.resolve():
            return
        from netcoach.importers.panel import import_panel

        self.import_panel = import_panel(folder, on_imported=lambda _summary: self.reload())
        self.import_slot.children = [self.import_panel]

    def reload(self) -> bool:
        """Read the learner's folder again (after an import), keeping the date and sliders."""
        if self._log_folder is None:
            return False
        return self._load(self._log_folder, self.source_name, sample=False, keep_inputs=True)

    def _clear(self, text: str = "", kind: str = "info") -> None:
        self.report = None
        for view in (*self.cards.values(), *self.chart_views.values(), self.overdue, self.reasons):
            view.value = ""
        self.actions.value = ""
        self._shown.clear()
        self.date_notice.clear()
        self._future_key = None
        if text:
            self.message.show(text, kind)

    # --- settings ---------------------------------------------------------------------

    def _slider_settings(self, settings: Settings) -> tuple[tuple[w.IntSlider, Any, int], ...]:
        """Each slider with the setting it moves in ``settings`` and the scale it shows it
        on (the rich-channel target, a share, is shown as a percentage)."""
        cadence = settings.cadence_days
        return (
            (self.inner_days, cadence["inner"], 1),
            (self.close_days, cadence["close"], 1),
            (self.active_days, cadence["active"], 1),
            (self.lead_days, settings.lead_follow_up_days, 1),
            (self.thanks_days, settings.thanks_days, 1),
            (self.rich_target, settings.rich_channel_target, 100),
        )

    def _set_sliders(self, settings: Settings) -> None:
        """Show the log's own ``settings`` on the sliders. A setting outside a slider's range
        widens the range to take it in, so the widget scores exactly what ``netcoach score``
        does; a share the percentage cannot show exactly (0.335) is kept as it is for as
        long as the slider stays on the nearest whole percent (:meth:`settings`)."""
        self._log_values = {}
        for slider, value, scale in self._slider_settings(settings):
            if value is None:  # no cadence for the tier: a slider cannot say so
                continue
            shown = round(value * scale)
            low, high = self._ranges[slider]
            low, high = min(low, shown), max(high, shown)
            if low > slider.max:  # never let the minimum pass the maximum on the way
                slider.max, slider.min = high, low
            else:
                slider.min, slider.max = low, high
            slider.value = shown
            self._log_values[slider] = (shown, value)

    def _slider_setting(self, slider: w.IntSlider, scale: int) -> int | float:
        """The setting a slider stands for: the log's own while it shows that, else its
        value (over ``scale``)."""
        shown, exact = self._log_values.get(slider, (None, None))
        if slider.value == shown:
            return exact
        return slider.value if scale == 1 else slider.value / scale

    def settings(self) -> Settings:
        """The log's own settings with the sliders' values applied."""
        from netcoach.settings import Settings

        base = (
            self.network_log.folder_settings.scoring if self.network_log is not None else Settings()
        )
        read = {
            slider: self._slider_setting(slider, scale)
            for slider, _, scale in self._slider_settings(base)
        }
        return base.replace(
            cadence_days={
                "inner": read[self.inner_days],
                "close": read[self.close_days],
                "active": read[self.active_days],
            },
            lead_follow_up_days=read[self.lead_days],
            thanks_days=read[self.thanks_days],
            rich_channel_target=read[self.rich_target],
        )

    def reset_settings(self) -> None:
        """Put the sliders back to the log's own settings and re-score once."""
        if self.network_log is None:
            return
        self._quiet = True
        try:
            self._set_sliders(self.network_log.folder_settings.scoring)
        finally:
            self._quiet = False
        self.refresh()

    # --- scoring and drawing ----------------------------------------------------------

    def _on_input(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def _key(self) -> tuple:
        return (self._token, self.as_of.value, self.settings())

    def refresh(self, *, all_charts: bool = False) -> None:
        """Re-score (from the cache when possible) and redraw cards, actions and charts.

        ``last_timing`` holds the time until the cards and tables were updated and until
        the chart on the visible tab was too (ms).
        """
        if self.network_log is None:
            return
        if self.as_of.value is None:  # no scores: none left over from the last date either
            self._clear(CHOOSE_DATE_TEXT, kind="error")
            self._scoring_problem_shown = True
            return
        far_off = self._as_of_problem()
        if far_off:
            self._clear(far_off, kind="error")
            self._scoring_problem_shown = True
            return
        started = time.perf_counter()
        key = self._key()
        try:
            self.report = self._reports.get_or_make(key, lambda: self._score(key))
            cards, reasons, actions, overdue = self._views.get_or_make(key, self._view_html)
        except Exception as err:
            self._clear()
            show_error(self.message, err)
            self._scoring_problem_shown = True
            return
        if self._scoring_problem_shown:  # scored again: the problem shown is solved
            self.message.clear()
            self._scoring_problem_shown = False
        for name, value in cards.items():
            self.cards[name].value = value
        self.reasons.value = reasons
        self.actions.value = actions
        self.overdue.value = overdue
        self._note_future_rows()
        scores_done = time.perf_counter()
        if all_charts:
            for chart_key, _ in CHART_TABS:
                self._draw_chart(chart_key)
        else:
            self._draw_visible_chart()
        self.last_timing = {
            "scores_ms": 1000 * (scores_done - started),
            "view_ms": 1000 * (time.perf_counter() - started),
        }

    def _note_future_rows(self) -> None:
        """Warn, next to the date, about interactions dated after it (they are not counted
        yet) and about a date so far on that its year is probably a slip. Worked out again
        only when the log, the date or the look-back window changes."""
        key = (self._token, self.as_of.value, self.settings().lookback_days)
        if key == self._future_key:
            return
        self._future_key = key
        later = future_rows(self.network_log, self.as_of.value)
        notes = [later.text()] if later else []
        notes += [far] if (far := self._far_off_note()) else []
        if notes:
            self.date_notice.show(" ".join(notes), "warning")
        else:
            self.date_notice.clear()

    def _far_off_note(self) -> str | None:
        """A warning when the 'as of' date is more than the look-back window after the last
        logged interaction, or more than a year after today: the year may be a slip."""
        from netcoach.settings import far_off_as_of

        day = self.as_of.value
        dates = self.network_log.interactions["date"].dropna()
        last_logged = dates.max().date() if len(dates) else None
        today = self._today or dt.date.today()
        why = far_off_as_of(day, today, last_logged, self.settings().lookback_days)
        return f"{self._as_of_words(day)} {why}." if why else None

    def _as_of_words(self, day: dt.date) -> str:
        """'Your “Score as of” date, 2099-09-30,' (or the as_of of settings.toml)."""
        if self._as_of_from_settings(day):
            return f"The as_of date in {SETTINGS_FILE}, {day.isoformat()},"
        return f"Your “Score as of” date, {day.isoformat()},"

    def _as_of_from_settings(self, day: dt.date) -> bool:
        """Whether the 'as of' date ``day`` is the one in the log's settings.toml."""
        return self.network_log is not None and day == self.network_log.folder_settings.as_of

    def _as_of_problem(self) -> str | None:
        """Why the 'Score as of' date cannot be scored (a year outside 1900 to 2100), naming
        settings.toml when the date came from there; None when it can."""
        from netcoach.settings import as_of_problem

        day = self.as_of.value
        problem = as_of_problem(day)
        if problem is None:
            return None
        if self._as_of_from_settings(day):
            return f"{SETTINGS_FILE}: as_of = {day.isoformat()} {problem}"
        return f"“Score as of”: {day.isoformat()} {problem}"

    def _score(self, key: tuple) -> Report:
        from netcoach.scoring import Scorer

        _, as_of, settings = key
        self.stats["scored"] += 1
        if self._scorer is None or self._scorer.log is not self.network_log:
            self._scorer = Scorer(self.network_log)  # one per loaded log
        return self._scorer.score(as_of=as_of, settings=settings)

    def _view_html(self) -> tuple[dict[str, str], str, str, str]:
        report = self.report
        cards = {name: score_card_html(result) for name, result in report.scores.items()}
        return cards, reasons_html(report), actions_table_html(report), overdue_table_html(report)

    def _visible_chart(self) -> str | None:
        index = self.tabs.selected_index
        return None if self.report is None or index is None else CHART_TABS[index][0]

    def _draw_visible_chart(self) -> None:
        chart_key = self._visible_chart()
        if chart_key is not None:
            self._draw_chart(chart_key)

    def _chart_cache_key(self, chart_key: str) -> tuple:
        report = self.report
        return (self._token, report.as_of, chart_key, CHART_INPUTS[chart_key](report))

    def clear_caches(self) -> None:
        """Forget every cached report, view and chart, so the next change scores afresh."""
        for cache in (self._charts, self._reports, self._views):
            cache.clear()

    def _draw_chart(self, chart_key: str) -> None:
        key = self._chart_cache_key(chart_key)
        if self._shown.get(chart_key) == key:
            return
        self.chart_views[chart_key].value = self._charts.get_or_make(
            key, lambda: self._render(chart_key)
        )
        self._shown[chart_key] = key

    def _render(self, chart_key: str) -> str:
        from netcoach.svg_charts import SVG_CHARTS

        chart = SVG_CHARTS[chart_key](self.report)
        self.stats["charts_drawn"] += 1
        return svg_figure_html(chart.svg, chart.alt_text, chart.caption)

    # --- exports ----------------------------------------------------------------------

    def _ready_to_export(self) -> bool:
        """Whether there are scores to export; if not, say why in the export message."""
        if self.report is not None:
            return True
        if self.network_log is None:
            text = "Load a log first: there is nothing to export yet."
        elif self.as_of.value is None:
            text = "Choose an 'as of' date first: there are no scores to export until then."
        else:
            text = "There are no scores to export: see the message above the scores."
        self.export_message.show(text, "error")
        return False

    def _output_folder(self) -> Path:
        """The folder typed under "Save files in" (see :func:`_default_output`)."""
        return Path(self.output_text.value.strip() or _default_output(None)).expanduser()

    def _export_path(self, suffix: str) -> Path:
        stem = f"{self.source_name}-{self.report.as_of.isoformat()}"
        return self._output_folder() / f"{stem}{suffix}"

    def export_html(self) -> Path | None:
        """Write the HTML report into the output folder and show where it is; a learner's
        own file of that name is refused (:func:`netcoach.report_html.is_other_file`)."""
        from netcoach.report_html import is_other_file, write_html_report

        if not self._ready_to_export():
            return None
        return self._export(
            self._export_path("-report.html"),
            lambda path: write_html_report(self.report, self.network_log, path),
            "the HTML report",
            "text/html",
            own_file=("report", is_other_file),
        )

    def export_ics(self) -> Path | None:
        """Write the reminders calendar (one event per next action) and show where it is."""
        if not self._ready_to_export():
            return None
        return self._export(
            self._export_path("-reminders.ics"),
            lambda path: write_reminders(self.report, path),
            plural(len(self.report.next_actions), "reminder"),
            "text/calendar",
        )

    def export_summary(self) -> Path | None:
        """Write the anonymous summary for a coach (:mod:`netcoach.summary`), named by
        nickname: the file name holds neither the folder's name nor the date. A learner's own
        file of that name is refused, as ``netcoach summary --out`` refuses it
        (:func:`netcoach.commands.summary.is_other_file`)."""
        from netcoach.commands.summary import is_other_file
        from netcoach.summary import (
            OWN_SETTINGS_NOTE,
            build_summary,
            default_file_name,
            learner_id,
            random_nickname,
            uses_own_settings,
        )

        if not self._ready_to_export():
            return None
        nickname = self.nickname_text.value.strip() or None
        id_folder = self.network_log.folder  # (None for uploaded files: see UPLOAD_ID_NOTE)
        if nickname:
            default_id, new_id = None, False
        elif id_folder is None:
            default_id, new_id = random_nickname(), False
        else:
            default_id, new_id = learner_id(id_folder)
        try:
            summary = build_summary(self.report, self.network_log, nickname, default_id=default_id)
        except Exception as err:
            show_error(self.export_message, err)
            return None
        return self._export(
            self._output_folder() / default_file_name(summary),
            lambda path: _write_summary_keeping_id(summary, path, id_folder if new_id else None),
            f"an anonymous summary as '{summary['nickname']}'",
            "application/json",
            (f"{OWN_SETTINGS_NOTE} " if uses_own_settings(self.report.settings) else "")
            + (f"{UPLOAD_ID_NOTE} " if default_id and id_folder is None else "")
            + "Open it to see everything it holds before you share it; sharing is your choice.",
            own_file=("summary", is_other_file),
        )

    def _export(
        self,
        path: Path,
        write: Callable[[Path], Any],
        what: str,
        mime: str,
        note: str = "",
        own_file: tuple[str, Callable[[Path], bool]] | None = None,
    ) -> Path | None:
        """Write ``what`` to ``path`` with ``write``; say where it is (the full path, then
        ``note``) with a link that saves it from the page (for a notebook on Binder).
        ``own_file``: the kind of file written ("report") and the check that ``path`` is a
        learner's own file, which is then left alone and the learner told how to save."""
        folder = path.parent
        not_folder = not_a_folder_text(
            folder,
            self.output_text.description,
            "the folder to save in (it is made if it is not there yet)",
            "Nothing was saved.",
        )
        if not_folder:
            self.export_message.show(not_folder, "error")
            return None
        if own_file is not None and own_file[1](path):
            self.export_message.show(self._own_file_text(path, own_file[0]), "error")
            return None
        from netcoach.report_html import NotAReport

        try:
            folder.mkdir(parents=True, exist_ok=True)
            warning = write(path)  # (a write may return a sentence to add, such as a warning)
        except NotAReport:  # (made there since the check above)
            self.export_message.show(self._own_file_text(path, "report"), "error")
            return None
        except Exception as err:
            show_error(self.export_message, err)
            return None
        self.last_export = path
        note = f"{warning} {note}".strip() if isinstance(warning, str) else note
        self.export_message.show(
            f"Saved {what} to {path.resolve()}" + (f". {note}" if note else ""),
            "warning" if isinstance(warning, str) else "success",
            extra_html=download_link(path, mime, "Download it from this page"),
        )
        return path

    def _own_file_text(self, path: Path, kind: str) -> str:
        """Why a learner's own file at ``path`` was not replaced by a ``kind`` ("report",
        "summary"), with the way out the widget has: its folder box (it has no file name
        box, so the command line's "give it another name" would not do)."""
        return (
            f"{path.resolve()} is already there and is not a Network Coach {kind}; type "
            f"another folder in “{self.output_text.description}”, or move that file "
            "(nothing was saved)"
        )


def score_my_network(
    sample: str | None = "graduate",
    folder: str | Path | None = None,
    *,
    output_folder: str | Path | None = None,
    today: dt.date | None = None,
) -> ScoreMyNetwork:
    """Build the "Score my network" widget on a sample learner, or on ``folder``.

    With ``folder``, the learner's own log is loaded (``sample`` is then ignored).
    ``today`` fixes the default "as of" date for a folder without one (tests use it).
    """
    if folder is not None:
        sample = None
    widget = ScoreMyNetwork(sample, folder, output_folder=output_folder, today=today)
    return widget


UPLOAD_ID_NOTE = (
    "Uploaded files have no folder to keep an id in, so this random id is new each time: to be "
    "counted once, type the same made-up nickname each time you share."
)
"""Said when a summary of uploaded files gets a random id (two uploads never share one)."""

UNKEPT_ID_NOTE = (
    "The random id could not be saved in {folder} ({why}), so your next summary would get "
    "another one and could be counted as a second learner: type the same made-up nickname "
    "each time you share."
)
"""Said when the summary was saved but its log folder could not keep the id."""


def _write_summary_keeping_id(summary: dict, path: Path, id_folder: Path | None) -> str | None:
    """Write ``summary`` to ``path``; then keep its new random id in ``id_folder`` (when
    given) so that the log's next summaries have it too (:func:`netcoach.summary.learner_id`).
    The summary is written either way; a sentence saying so when the id could not be kept."""
    from netcoach.summary import keep_learner_id, write_summary

    write_summary(summary, path)
    if id_folder is None:
        return None
    try:
        keep_learner_id(id_folder, summary["nickname"])
    except OSError as err:
        return UNKEPT_ID_NOTE.format(folder=id_folder, why=err.strerror or err)
    return None
