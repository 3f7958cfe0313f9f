"""The sample generator: deterministic, in sync with the committed files, true to each persona."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netcoach import samples
from netcoach.schema import (
    ASK_KINDS,
    CHANNELS,
    CONTACT_COLUMNS,
    FOLLOW_UP_KINDS,
    GIVE_KINDS,
    INTERACTION_COLUMNS,
    LEAD_KIND,
    RECEIVED_KINDS,
    RICH_CHANNELS,
    THANKS_KIND,
    TIERS,
    TOUCH_KINDS,
)
from netcoach.settings import Settings, read_folder_settings

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "data" / "samples"
AS_OF = pd.Timestamp("2025-09-30")


def _read(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = COMMITTED / name
    opts = {"dtype": str, "keep_default_na": False}
    return (
        pd.read_csv(folder / "contacts.csv", **opts),
        pd.read_csv(folder / "interactions.csv", **opts),
    )


def _first_response(
    interactions: pd.DataFrame, sources: tuple[str, ...], responses: tuple[str, ...]
) -> pd.DataFrame:
    """Each source row with the days until the first response to the same person (NaN: none)."""
    i = interactions.assign(date=pd.to_datetime(interactions["date"]))
    src = i[i["kind"].isin(sources)].sort_values("date", kind="stable")
    resp = i.loc[i["kind"].isin(responses), ["date", "contact_id"]]
    resp = resp.rename(columns={"date": "answered"}).sort_values("answered", kind="stable")
    merged = pd.merge_asof(
        src, resp, left_on="date", right_on="answered", by="contact_id", direction="forward"
    )
    return merged.assign(delay=(merged["answered"] - merged["date"]).dt.days)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    samples.write_samples(out)
    return out


def test_committed_samples_are_exactly_what_the_generator_writes(regenerated: Path) -> None:
    committed = sorted(p.relative_to(COMMITTED) for p in COMMITTED.rglob("*") if p.is_file())
    fresh = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert committed == fresh
    for rel in committed:
        assert (COMMITTED / rel).read_bytes() == (regenerated / rel).read_bytes(), rel


def test_csv_files_have_fixed_columns_unix_newlines_and_iso_dates() -> None:
    for name in samples.SAMPLE_NAMES:
        raw = (COMMITTED / name / "interactions.csv").read_bytes()
        assert b"\r" not in raw
        contacts, interactions = _read(name)
        assert tuple(contacts.columns) == CONTACT_COLUMNS
        assert tuple(interactions.columns) == INTERACTION_COLUMNS
        assert interactions["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
        assert interactions["date"].is_monotonic_increasing


def test_a_different_seed_gives_different_data() -> None:
    a = samples.generate_sample("graduate", seed=1)
    b = samples.generate_sample("graduate", seed=2)
    again = samples.generate_sample("graduate", seed=1)
    assert not a[1].equals(b[1])
    assert a[1].equals(again[1]) and a[0].equals(again[0])


@pytest.mark.parametrize("name", samples.SAMPLE_NAMES)
def test_sizes_dates_and_settings(name: str) -> None:
    contacts, interactions = _read(name)
    assert 30 <= len(contacts) <= 60
    assert 200 <= len(interactions) <= 500
    dates = pd.to_datetime(interactions["date"])
    assert dates.max() <= AS_OF
    assert dates.min() >= AS_OF - pd.Timedelta(days=366)
    fs = read_folder_settings(COMMITTED / name)
    assert fs.as_of == dt.date(2025, 9, 30)
    assert fs.day_first is True
    assert contacts["contact_id"].is_unique
    assert set(interactions["contact_id"]) <= set(contacts["contact_id"])


@pytest.mark.parametrize("name", samples.SAMPLE_NAMES)
def test_invented_people_on_example_com(name: str) -> None:
    contacts, _ = _read(name)
    assert contacts["email"].str.fullmatch(r"[a-z\-]+\.[a-z\-]+\d*@example\.com").all()
    urls = contacts["profile_url"]
    assert (urls.eq("") | urls.str.startswith("https://www.linkedin.com/in/example-")).all()
    assert urls.ne("").any()
    assert contacts["name"].is_unique


@pytest.mark.parametrize("name", samples.SAMPLE_NAMES)
def test_every_channel_kind_group_and_tier_appears(name: str) -> None:
    contacts, interactions = _read(name)
    assert set(interactions["channel"]) == set(CHANNELS)
    kinds = set(interactions["kind"])
    for group in (GIVE_KINDS, ASK_KINDS, RECEIVED_KINDS, FOLLOW_UP_KINDS, TOUCH_KINDS):
        assert kinds & set(group), group
    assert {LEAD_KIND, THANKS_KIND, "declined_lead", "followed_up_lead", "check_in"} <= kinds
    assert set(contacts["tier"]) == set(TIERS)
    assert contacts["cadence_days"].ne("").sum() >= 2  # some contacts have their own cadence
    declined = interactions[interactions["kind"] == "declined_lead"]
    assert declined["note"].str.len().gt(5).all()  # the reason is in the note


@pytest.mark.parametrize("name", samples.SAMPLE_NAMES)
def test_every_part_of_the_scores_is_exercised(name: str) -> None:
    contacts, interactions = _read(name)
    settings = Settings()
    leads = _first_response(interactions, (LEAD_KIND,), FOLLOW_UP_KINDS)
    assert (leads["delay"] <= settings.lead_follow_up_days).any()  # on time
    assert (leads["delay"] > settings.lead_follow_up_days).any()  # late
    assert leads["delay"].isna().any()  # never
    thanks = _first_response(interactions, RECEIVED_KINDS, (THANKS_KIND,))
    assert (thanks["delay"] <= settings.thanks_days).any()
    assert (thanks["delay"] > settings.thanks_days).any()
    assert thanks["delay"].isna().any()

    # Cadence: some kept, some silent past it, and some contacts never contacted at all.
    c = contacts.set_index("contact_id")
    own = pd.to_numeric(c["cadence_days"].replace("", np.nan))
    cadence = own.fillna(c["tier"].map(dict(settings.cadence_days)))
    last = pd.to_datetime(interactions.groupby("contact_id")["date"].max()).reindex(c.index)
    since = (AS_OF - last).dt.days
    assert (since <= cadence).any()
    assert (since > cadence).any()
    assert last.isna().sum() >= 2  # a few contacts with no interactions

    # One-way contacts, and help that was never given back.
    gave_to = set(interactions.loc[interactions["kind"].isin(GIVE_KINDS), "contact_id"])
    asked = set(interactions.loc[interactions["kind"].isin(ASK_KINDS), "contact_id"])
    helped_me = set(interactions.loc[interactions["kind"].isin(RECEIVED_KINDS), "contact_id"])
    assert asked - gave_to
    assert helped_me - gave_to


def test_career_changer_does_nearly_everything_by_email_and_linkedin() -> None:
    _, interactions = _read("career-changer")
    assert interactions["channel"].isin(RICH_CHANNELS).mean() < 0.25
    assert interactions["channel"].isin(("email", "social")).mean() > 0.65
    gives = interactions["kind"].isin(GIVE_KINDS).sum()
    asks = interactions["kind"].isin(ASK_KINDS).sum()
    assert gives > asks  # a decent giver


def test_graduate_mostly_asks_and_over_asks_one_person() -> None:
    _, interactions = _read("graduate")
    gives = interactions["kind"].isin(GIVE_KINDS).sum()
    asks = interactions["kind"].isin(ASK_KINDS).sum()
    assert asks > 2 * gives
    asks_only = interactions[interactions["kind"].isin(ASK_KINDS)].assign(
        date=lambda d: pd.to_datetime(d["date"])
    )
    in_window = (
        asks_only.set_index("date").groupby("contact_id")["kind"].rolling("30D").count().max()
    )
    assert in_window > Settings().max_asks_in_window + 1


def test_experienced_has_rich_channels_and_overdue_leads() -> None:
    _, interactions = _read("experienced")
    assert interactions["channel"].isin(RICH_CHANNELS).mean() > 0.5
    leads = _first_response(interactions, (LEAD_KIND,), FOLLOW_UP_KINDS)
    overdue = leads["delay"].isna() & (
        leads["date"] + pd.Timedelta(days=Settings().lead_follow_up_days) < AS_OF
    )
    assert overdue.sum() >= 3
    thanks = _first_response(interactions, RECEIVED_KINDS, (THANKS_KIND,))
    assert (thanks["delay"] <= Settings().thanks_days).mean() > 0.75
    _, graduate = _read("graduate")
    assert (
        interactions["kind"].isin(GIVE_KINDS).mean() > 3 * graduate["kind"].isin(GIVE_KINDS).mean()
    )


def test_generator_scales_with_arrays_and_hits_the_requested_size() -> None:
    profile = samples.PROFILES["experienced"]
    contacts, interactions = samples.generate_log(
        profile,
        n_contacts=5000,
        n_interactions=100_000,
        start=dt.date(2024, 1, 1),
        as_of=dt.date(2024, 12, 31),
        seed=7,
    )
    assert len(contacts) == 5000
    assert len(interactions) == 100_000
    assert contacts["email"].is_unique
    assert interactions["date"].between("2024-01-01", "2024-12-31").all()


def test_unknown_sample_name_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="career-changer"):
        samples.sample_path("nobody")


def test_sample_path_regenerates_into_a_cache_when_the_repo_copy_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(samples, "REPO_SAMPLES", tmp_path / "missing")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = samples.sample_path("graduate")
    assert folder.is_relative_to(tmp_path / "cache")
    for file in ("contacts.csv", "interactions.csv", "settings.toml"):
        assert (folder / file).read_bytes() == (COMMITTED / "graduate" / file).read_bytes()


def test_sample_cache_left_by_an_older_version_is_refreshed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(samples, "REPO_SAMPLES", tmp_path / "missing")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    stale = samples.sample_path("career-changer").parent
    (stale / "graduate" / "interactions.csv").unlink()
    (stale / "career-changer" / "contacts.csv").write_text("an older version's file\n")
    folder = samples.sample_path("graduate")
    assert (folder / "interactions.csv").read_bytes() == (
        COMMITTED / "graduate" / "interactions.csv"
    ).read_bytes()
    assert (stale / "career-changer" / "contacts.csv").read_bytes() == (
        COMMITTED / "career-changer" / "contacts.csv"
    ).read_bytes()


@pytest.mark.parametrize("name", samples.SAMPLE_NAMES)
def test_samples_load_without_problems(name: str) -> None:
    pytest.importorskip("netcoach.loading", reason="the loader has not landed yet")
    log = samples.load_sample(name)
    contacts, interactions = _read(name)
    assert len(log.contacts) == len(contacts)
    assert len(log.interactions) == len(interactions)
    assert log.folder_settings.as_of == dt.date(2025, 9, 30)
