"""A plug-only machine withholds a run its plug cannot place on one side of shot_min.

Through Home Assistant: a power sensor entity polled every 2 s, each reading
the average of the last second. The machine's own shot_min (an option,
changed live) is the bound the detector withholds around.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest

from custom_components.espresso_care.const import OPT_SHOT_MIN_SECONDS
from simulator.espresso import Report

from .conftest import Relays
from .helpers import advance
from .plug_replay import feed, plug_only_machine
from .power_traces import PUMP, half_window_readings

SHOTS = "sensor.espresso_machine_shots"
FLUSHES = "sensor.espresso_machine_flushes"


def counts(hass: HomeAssistant) -> tuple[int, int]:
    """(shots, flushes) as the machine's sensors show them."""
    return (
        int(hass.states.get(SHOTS).state),
        int(hass.states.get(FLUSHES).state),
    )


async def test_shot_min_is_the_bound_a_run_is_withheld_around(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two runs of 21.1 s, each read 21.2 s with its start unseen (half a
    second either way). With shot_min 21 the first is neither a shot nor a
    flush; with shot_min set to 20 (live, no restart) the second is a shot."""
    rows = half_window_readings([(4000.6, 4021.7), (4200.6, 4221.7)])
    reports = [Report(at, watts, None) for at, watts in rows]
    sensor, entry = await plug_only_machine(
        hass, monkeypatch, PUMP, {OPT_SHOT_MIN_SECONDS: 21}
    )
    first = [r for r in reports if r.at < 4150.0]
    await feed(hass, freezer, sensor, first)
    assert counts(hass) == (0, 0)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, OPT_SHOT_MIN_SECONDS: 20}
    )
    await hass.async_block_till_done()
    # (``feed`` counts its readings' moments from where the last one left.)
    since = first[-1].at
    later = [Report(r.at - since, r.watts, None) for r in reports if r.at > since]
    await feed(hass, freezer, sensor, later)
    await advance(hass, freezer, 30)
    assert counts(hass) == (1, 0)
    await hass.config_entries.async_unload(entry.entry_id)
