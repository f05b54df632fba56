"""Shot tracking throughput: the tracker alone, then the machine's whole path.

* tracker: ``shots.PumpRunTracker.update`` fed synthetic on/off transitions
  (random run and pause lengths of 1 to 60 s, so shots, flushes and long
  runs all occur);
* machine: state writes of the wrapped pump entity, each going through
  Home Assistant's state machine and event bus, the entity relay, the
  machine (tracker, counters, a store save per counted run, coalesced by the
  store) and the state writes of the machine's own entities. The runs are
  microseconds long, so every one counts as a flush.

Wall time (perf_counter) and CPU time of the whole process (process_time,
executor threads included) are both given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
import random
import statistics
import time
from typing import Any

from homeassistant.core import HomeAssistant

from .harness import machine_entry

BATCH = 100


def _tracker_once(changes: list[tuple[bool, datetime]]) -> tuple[float, float, int]:
    from custom_components.espresso_care.shots import (  # noqa: PLC0415 (cold set-up)
        PumpRunTracker,
    )

    tracker = PumpRunTracker(False)
    runs = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for is_on, at in changes:
        if (
            tracker.update(is_on, at, program_active=False, shot_min=15, shot_max=120)
            is not None
        ):
            runs += 1
    return time.perf_counter() - wall, time.process_time() - cpu, runs


def tracker(count: int, rng: random.Random, repeats: int = 3) -> dict[str, Any]:
    """The tracker alone on ``count`` transitions, best of ``repeats``."""
    at = datetime(2025, 1, 1, tzinfo=UTC)
    changes: list[tuple[bool, datetime]] = []
    is_on = False
    for _ in range(count):
        is_on = not is_on
        at += timedelta(seconds=rng.uniform(1, 60))
        changes.append((is_on, at))
    results = [_tracker_once(changes) for _ in range(repeats)]
    walls = [r[0] for r in results]
    cpus = [r[1] for r in results]
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return {
        "changes": count,
        "runs_found": results[0][2],
        "changes_per_second": count / wall,
        "cpu_us_per_change": cpu / count * 1e6,
        "wall_seconds": wall,
    }


async def machine(hass: HomeAssistant, count: int) -> dict[str, Any]:
    """``count`` state writes of a machine's pump entity, through the machine."""
    plug, pump = "switch.throughput_plug", "switch.throughput_pump"
    hass.states.async_set(plug, "on")
    hass.states.async_set(pump, "off")
    entry = machine_entry(pump, power=plug)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    data = entry.runtime_data.data
    flushes = data.flushes
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        hass.states.async_set(pump, "on" if index % 2 == 0 else "off")
        if index % BATCH == BATCH - 1:
            await hass.async_block_till_done()
    await hass.async_block_till_done()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    counted = data.flushes - flushes
    assert counted == count // 2, (counted, count)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    return {
        "changes": count,
        "runs_counted": counted,
        "changes_per_second": count / wall,
        "cpu_us_per_change": cpu / count * 1e6,
        "wall_seconds": wall,
    }


async def run(
    hass: HomeAssistant,
    tracker_changes: int,
    machine_changes: int,
    rng: random.Random,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Both measurements."""
    progress(f"throughput: tracker alone, {tracker_changes} changes")
    alone = tracker(tracker_changes, rng)
    progress(f"throughput: through the machine, {machine_changes} state writes")
    return {"tracker": alone, "machine": await machine(hass, machine_changes)}
