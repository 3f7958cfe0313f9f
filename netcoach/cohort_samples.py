"""Invented cohorts for trying the coach's view: no real learner is ever needed.

:func:`synthetic_summaries` scores a dozen or so invented learners (the three sample
learners, plus learners drawn by :func:`netcoach.samples.generate_log` from the sample
profiles with other seeds and sizes) and returns their anonymous summaries (a summary is
scored with the course's settings, whatever the learner's own:
:func:`netcoach.summary.course_settings`).
:func:`perturbed_summaries` makes thousands of valid summaries quickly by varying the
counts of one, without scoring a log (for tests and benchmarks). :class:`CohortFolder` is
what the coach's notebook reads: a real group's folder, or invented learners in a temporary
one.
"""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from netcoach.samples import PROFILES, SAMPLE_AS_OF, SAMPLE_NAMES, generate_log
from netcoach.schema import RICH_CHANNELS
from netcoach.settings import Settings
from netcoach.summary import (
    SCORE_KEYS,
    STATUSES,
    build_summary,
    default_file_name,
    gaps_present,
    write_summary,
)
from netcoach.words import whole

COHORT_SEED = 20251001


def synthetic_summaries(n: int = 12, seed: int = COHORT_SEED) -> list[dict[str, Any]]:
    """``n`` invented learners' summaries: the three samples first, then generated learners."""
    from netcoach.log import NetworkLog
    from netcoach.samples import load_sample
    from netcoach.scoring import score_log

    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        nickname = f"learner {i + 1:02d}"
        if i < len(SAMPLE_NAMES):
            log = load_sample(SAMPLE_NAMES[i])
            as_of = SAMPLE_AS_OF
        else:
            profile = PROFILES[SAMPLE_NAMES[i % len(SAMPLE_NAMES)]]
            # (some day of the samples' month: a cohort view counts only one month)
            as_of = SAMPLE_AS_OF - dt.timedelta(days=int(rng.integers(0, 60)) % SAMPLE_AS_OF.day)
            contacts, interactions = generate_log(
                profile,
                n_contacts=int(rng.integers(20, 60)),
                n_interactions=int(rng.integers(120, 420)),
                start=as_of - dt.timedelta(days=364),
                as_of=as_of,
                seed=int(rng.integers(1, 2**31)),
            )
            log = NetworkLog.from_frames(contacts, interactions)
        report = score_log(log, as_of=as_of)
        out.append(build_summary(report, log, nickname))
    return out


def write_synthetic_summaries(
    folder: str | Path, n: int = 12, seed: int = COHORT_SEED
) -> list[Path]:
    """Write :func:`synthetic_summaries` into ``folder``, one JSON file per learner."""
    return [
        write_summary(s, Path(folder) / default_file_name(s)) for s in synthetic_summaries(n, seed)
    ]


def perturbed_summaries(base: dict[str, Any], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` valid, distinct summaries made by varying ``base``'s scores and counts."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        s = copy.deepcopy(base)
        s["nickname"] = f"learner-{i:05d}"
        s["scores"] = {k: int(v) for k, v in zip(SCORE_KEYS, rng.integers(0, 101, 4), strict=True)}
        s["scores"]["overall"] = _average(s["scores"])
        c = s["counts"]
        scale = float(rng.uniform(0.3, 2.0))
        for key in ("contacts_by_tier", "interactions_by_channel"):
            c[key] = {k: int(round(v * scale * rng.uniform(0.5, 1.5))) for k, v in c[key].items()}
        c["contacts"] = sum(c["contacts_by_tier"].values())
        c["interactions"] = sum(c["interactions_by_channel"].values())
        for key in ("gives", "asks", "help_received"):
            c[key] = int(rng.poisson(max(1.0, c[key] * scale)))
        for key in ("leads", "thanks"):
            c[key] = {st: int(rng.poisson(2 if st == "overdue" else 4)) for st in STATUSES}
        c["contacts_with_cadence"] = min(int(rng.integers(5, 40)), c["contacts"])
        c["past_cadence"] = int(rng.integers(0, c["contacts_with_cadence"] + 1))
        c["asked_contacts"] = min(int(rng.integers(0, 30)), c["contacts"], c["asks"])
        c["one_way_contacts"] = int(rng.integers(0, c["asked_contacts"] + 1))
        c["over_asked_contacts"] = int(rng.integers(0, 3))
        rich = sum(c["interactions_by_channel"][k] for k in RICH_CHANNELS)
        exact = rich / max(1, c["interactions"])
        s["rich_share"] = round(exact, 2)
        s["gaps"] = gaps_present(c, exact, Settings().rich_channel_target)
        out.append(s)
    return out


def _average(scores: dict[str, int]) -> int:
    """The overall score the course's equal weights give: the habits' average, rounded."""
    parts = [v for k, v in scores.items() if k != "overall"]
    return whole(sum(parts) / len(parts))


class CohortFolder:
    """The folder of summaries the coach's notebook reads.

    ``CohortFolder("summaries")`` is a coach's own folder: it is read, and nothing is
    written into it or removed from it here (the notebook writes only its handout there).
    ``CohortFolder()`` is a temporary folder of ``n`` invented learners
    (:func:`write_synthetic_summaries`), removed with everything in it by :meth:`cleanup`.
    Keeping the two apart means pointing the notebook at a real group can never mix
    invented learners into it.
    """

    def __init__(self, own: str | Path | None = None, n: int = 12) -> None:
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if own is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="cohort-")
            self.path = Path(self._temporary.name)
            write_synthetic_summaries(self.path, n=n)
        else:
            self.path = Path(own)
            if not self.path.is_dir():
                raise FileNotFoundError(f"{own} is not a folder: give the folder of summaries")

    @property
    def invented(self) -> bool:
        """Whether this is the temporary folder of invented learners."""
        return self._temporary is not None

    def cleanup(self) -> None:
        """Remove the temporary folder of invented learners; a coach's own folder stays."""
        if self._temporary is not None:
            self._temporary.cleanup()
