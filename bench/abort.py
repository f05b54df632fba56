"""Abort latency: from the abort being called to the relay receiving its off command.

The pump relay takes 50 ms per command. Each abort happens at a random
moment within the first second of a 10 s pump pulse (pump confirmed on). The
script contender runs ``switch.turn_on``, ``delay`` 10 s, ``switch.turn_off``
and is stopped as a user would: ``script.turn_off`` then ``switch.turn_off``.
A garbage collection that stopped the process during an abort is counted.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import random
import statistics
import time
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from .harness import (
    DOMAIN,
    PLUG,
    GcPauses,
    SimRelaySwitch,
    add_relays,
    machine_entry,
    sleep_until,
)

LATENCY = 0.05
PULSE_SECONDS = 10
SCRIPT = "bench_abort"


def _stats(values: list[float]) -> dict[str, Any]:
    ms = [v * 1000 for v in values]
    return {
        "median_ms": statistics.median(ms),
        "mean_ms": statistics.fmean(ms),
        "worst_ms": max(ms),
        "best_ms": min(ms),
        "count": len(ms),
        "samples_ms": [round(v, 3) for v in ms],
    }


async def _aborts(
    hass: HomeAssistant,
    relay: SimRelaySwitch,
    count: int,
    rng: random.Random,
    *,
    start: Callable[[], Awaitable[Any]],
    stop: Callable[[], Awaitable[Any]],
) -> dict[str, Any]:
    """Start, wait for the pump, stop at a random moment; ``count`` times."""
    loop = hass.loop
    to_off: list[float] = []
    to_return: list[float] = []
    hit_by_gc = 0
    with GcPauses() as pauses:
        for _ in range(count):
            on = loop.create_task(relay.wait_for(True))
            await start()
            await sleep_until(await on + rng.uniform(0.0, 1.0))
            seen = len(pauses.pauses)
            called, wall = loop.time(), time.perf_counter()
            await stop()
            returned = loop.time()
            assert relay.is_on is False
            off = next(t for t, on in relay.received if not on and t >= called)
            to_off.append(off - called)
            to_return.append(returned - called)
            hit_by_gc += any(at >= wall for at, _ in pauses.pauses[seen:])
            await hass.async_block_till_done()
    return {
        "to_off_command": _stats(to_off),
        "to_action_returned": _stats(to_return),
        "aborts_with_a_gc_pause": hit_by_gc,
        "gc_pauses_ms": pauses.durations_ms(),
    }


async def run(
    hass: HomeAssistant,
    aborts: int,
    rng: random.Random,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """``aborts`` aborts of each contender; the statistics of each."""
    pump = SimRelaySwitch("abort_pump", latency=LATENCY)
    scripted = SimRelaySwitch("abort_script_pump", latency=LATENCY)
    plug = SimRelaySwitch(PLUG.split(".", 1)[1], on=True)
    await add_relays(hass, [plug, pump, scripted])
    entry = machine_entry(pump.entity_id)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    target = {"entity_id": scripted.entity_id}
    assert await async_setup_component(
        hass,
        "script",
        {
            "script": {
                SCRIPT: {
                    "sequence": [
                        {"action": "switch.turn_on", "target": target},
                        {"delay": {"seconds": PULSE_SECONDS}},
                        {"action": "switch.turn_off", "target": target},
                    ]
                }
            }
        },
    )
    await hass.async_block_till_done()
    machine = {"config_entry_id": entry.entry_id}
    script = {"entity_id": f"script.{SCRIPT}"}

    async def start_program() -> None:
        await hass.services.async_call(
            DOMAIN,
            "run_backflush",
            {
                **machine,
                "program": "cleaner",
                "cycles": 1,
                "pump_on_seconds": PULSE_SECONDS,
                "rinse_cycles": 0,
                "flushes": 0,
            },
            blocking=True,
        )

    async def abort_program() -> None:
        await hass.services.async_call(
            DOMAIN, "abort_backflush", machine, blocking=True
        )

    async def start_script() -> None:
        await hass.services.async_call("script", "turn_on", script, blocking=True)

    async def stop_script() -> None:
        await hass.services.async_call("script", "turn_off", script, blocking=True)
        await hass.services.async_call("switch", "turn_off", target, blocking=True)

    progress(f"abort: {aborts} aborts of a running program")
    integration = await _aborts(
        hass, pump, aborts, rng, start=start_program, stop=abort_program
    )
    progress(f"abort: {aborts} stops of the equivalent script")
    script_figures = await _aborts(
        hass, scripted, aborts, rng, start=start_script, stop=stop_script
    )
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    return {
        "relay_latency_ms": LATENCY * 1000,
        "integration": integration,
        "script": script_figures,
    }
