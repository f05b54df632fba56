"""Set-up time of config entries, and the memory machines add to the process.

The relays are plain states written before any measurement (an entity relay
only needs its entity's state), so neither figure includes them.

* cold: the first entry of the process, which also loads the integration
  and the platforms it forwards to (switch, sensor, button, ...);
* warm: one more entry once everything is loaded (median of several);
* 20 at once: twenty entries set up concurrently, as at Home Assistant's
  start (all ``async_setup`` calls gathered), until the loop is idle;
* memory: what twenty more machines add, by tracemalloc (Python
  allocations still alive after a garbage collection), per machine. Modules
  are already imported by then, so code is not counted; the entity and
  device registry entries, states, entities, stores and timers are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import gc
import statistics
import sys
import time
import tracemalloc
from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .harness import machine_entry

WARM_SAMPLES = 5


def _entries(hass: HomeAssistant, prefix: str, count: int) -> list[MockConfigEntry]:
    entries = []
    for index in range(count):
        plug, pump = f"switch.{prefix}_plug_{index}", f"switch.{prefix}_pump_{index}"
        hass.states.async_set(plug, "on")
        hass.states.async_set(pump, "off")
        entry = machine_entry(pump, power=plug, title=f"{prefix} {index}")
        entry.add_to_hass(hass)
        entries.append(entry)
    return entries


async def _set_up(hass: HomeAssistant, entries: list[MockConfigEntry]) -> float:
    start = time.perf_counter()
    results = await asyncio.gather(
        *(hass.config_entries.async_setup(e.entry_id) for e in entries)
    )
    await hass.async_block_till_done()
    assert all(results)
    return time.perf_counter() - start


async def _remove(hass: HomeAssistant, entries: list[MockConfigEntry]) -> None:
    for entry in entries:
        await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()


async def run(
    hass: HomeAssistant, machines: int, progress: Callable[[str], None] = print
) -> dict[str, Any]:
    """Set-up times, then memory."""
    progress("setup: first entry (cold), then one at a time, then all at once")
    cold_loaded = "custom_components.espresso_care" in sys.modules
    cold = await _set_up(hass, _entries(hass, "cold", 1))
    warm = [
        await _set_up(hass, _entries(hass, f"warm{n}", 1)) for n in range(WARM_SAMPLES)
    ]
    many = _entries(hass, "many", machines)
    at_once = await _set_up(hass, many)
    await _remove(hass, list(hass.config_entries.async_entries("espresso_care")))

    progress(f"memory: {machines} machines under tracemalloc")
    entries = _entries(hass, "mem", machines)
    await hass.async_block_till_done()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    await _set_up(hass, entries)
    await asyncio.sleep(0.5)  # let delayed store writes and the like happen
    await hass.async_block_till_done()
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    stats = after.compare_to(before, "filename")
    total = sum(stat.size_diff for stat in stats)
    top = [
        {
            "file": _short(stat.traceback[0].filename),
            "kib": stat.size_diff / 1024,
        }
        for stat in sorted(stats, key=lambda s: s.size_diff, reverse=True)[:8]
    ]
    await _remove(hass, entries)
    return {
        "setup": {
            "cold_ms": cold * 1000,
            "cold_integration_already_imported": cold_loaded,
            "warm_ms": statistics.median(warm) * 1000,
            "warm_samples_ms": [w * 1000 for w in warm],
            "machines": machines,
            "at_once_ms": at_once * 1000,
            "at_once_per_machine_ms": at_once * 1000 / machines,
        },
        "memory": {
            "machines": machines,
            "tracemalloc_kib": total / 1024,
            "per_machine_kib": total / 1024 / machines,
            "top_files": top,
        },
    }


def _short(filename: str) -> str:
    for marker in ("site-packages/", "custom_components/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename
