"""Synthetic network logs for the benchmarks, cached as CSV folders.

A thin wrapper around :func:`netcoach.samples.generate_log` (the same generator, profile and
file format as the sample learners): it only chooses the sizes, the seed and where the
folders go, and skips a folder that is already there.

    .venv/bin/python -m benchmarks.generate [--sizes 1k 10k] [--cache benchmarks/.data]
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "benchmarks" / ".data"
SEED = 9
PROFILE = "graduate"

SIZES: dict[str, tuple[int, int]] = {
    "1k": (1_000, 500),
    "10k": (10_000, 2_000),
    "100k": (100_000, 10_000),
    "1M": (1_000_000, 50_000),
}
"""Benchmark sizes: label -> (interactions, contacts)."""


def folder_for(size: str, cache_dir: Path = CACHE_DIR) -> Path:
    """Where the log of one size lives (seed and package version in the name)."""
    from netcoach import __version__

    n_interactions, n_contacts = SIZES[size]
    return cache_dir / f"{PROFILE}-{n_interactions}x{n_contacts}-seed{SEED}-v{__version__}"


def write_log(
    folder: Path, n_interactions: int, n_contacts: int, seed: int = SEED, profile: str = PROFILE
) -> None:
    """Write an invented learner of the requested size into ``folder`` (CSV files and a
    ``settings.toml`` with the samples' as-of date), as the sample learners are written."""
    from netcoach.samples import (
        PROFILES,
        SAMPLE_AS_OF,
        SAMPLE_START,
        _settings_toml,
        generate_log,
        write_log_csv,
    )
    from netcoach.schema import SETTINGS_FILE

    contacts, interactions = generate_log(
        PROFILES[profile],
        n_contacts=n_contacts,
        n_interactions=n_interactions,
        start=SAMPLE_START,
        as_of=SAMPLE_AS_OF,
        seed=seed,
    )
    write_log_csv(contacts, interactions, folder)
    # settings.toml last: its presence marks a complete folder
    (folder / SETTINGS_FILE).write_text(_settings_toml(SAMPLE_AS_OF), encoding="utf-8")


def ensure_log(size: str, cache_dir: Path = CACHE_DIR) -> Path:
    """The folder of a benchmark log, written first if it is not in the cache yet."""
    from netcoach.schema import INTERACTIONS_FILE, SETTINGS_FILE

    folder = folder_for(size, cache_dir)
    if (folder / SETTINGS_FILE).is_file() and (folder / INTERACTIONS_FILE).is_file():
        return folder
    partial = folder.with_name(folder.name + ".partial")
    write_log(partial, *SIZES[size])
    if folder.exists():
        shutil.rmtree(folder)
    partial.replace(folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    args = parser.parse_args(argv)
    for size in args.sizes:
        start = time.perf_counter()
        folder = ensure_log(size, args.cache)
        print(f"{size:>5}: {folder} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
