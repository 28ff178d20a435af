"""The touchscreen timing run: every tap of a meal is timed through the real main window,
and the store is left with every table free."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bench import build_history
from app.services import queries
from app.services.context import Context
from db.engine import Store, sqlite_url
from ui.tap_timing import TAPS, format_taps, measure_taps, summarise_taps

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_every_tap_of_a_meal_is_timed_on_a_store_with_history(qapp, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    build_history(path, days=2, out=lambda _text: None)
    samples = measure_taps(path, repeat=3, warmup=1)
    assert {key for key, _label in TAPS} == set(samples)
    assert all(len(values) == 3 and min(values) > 0 for values in samples.values())
    table = format_taps(summarise_taps(samples))
    assert "Seat → order screen with the bill" in table and "p95" in table
    store = Store.open(sqlite_url(path))
    try:
        tiles = queries.floor_snapshot(Context(store))
    finally:
        store.close()
    assert len(tiles) == 120 and {tile.state.value for tile in tiles} == {"free"}
