"""Abort latency: from the abort being called to the relay receiving its off command.

The pump relay takes 50 ms per command. Each abort happens at a random
moment within the first second of a 10 s pump pulse (pump confirmed on). The
script contender runs ``switch.turn_on``, ``delay`` 10 s, ``switch.turn_off``
and is stopped as a user would: ``script.turn_off`` then ``switch.turn_off``.
"""

from __future__ import annotations

from collections.abc import Callable
import random
import statistics
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from .harness import (
    DOMAIN,
    PLUG,
    SimRelaySwitch,
    add_relays,
    machine_entry,
    sleep_until,
)

LATENCY = 0.05
PULSE_SECONDS = 10
SCRIPT = "bench_abort"


def _stats(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {
        "median_ms": statistics.median(ms),
        "mean_ms": statistics.fmean(ms),
        "worst_ms": max(ms),
        "best_ms": min(ms),
        "count": len(ms),
    }


def _off_received_after(relay: SimRelaySwitch, since: float) -> float:
    return next(t for t, on in relay.received if not on and t >= since)


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
    loop = hass.loop

    progress(f"abort: {aborts} aborts of a running program")
    to_off: list[float] = []
    to_return: list[float] = []
    for _ in range(aborts):
        on = loop.create_task(pump.wait_for(True))
        await hass.services.async_call(
            DOMAIN,
            "run_backflush",
            {
                "config_entry_id": entry.entry_id,
                "program": "cleaner",
                "cycles": 1,
                "pump_on_seconds": PULSE_SECONDS,
                "rinse_cycles": 0,
                "flushes": 0,
            },
            blocking=True,
        )
        await sleep_until(await on + rng.uniform(0.0, 1.0))
        called = loop.time()
        await hass.services.async_call(
            DOMAIN,
            "abort_backflush",
            {"config_entry_id": entry.entry_id},
            blocking=True,
        )
        returned = loop.time()
        assert pump.is_on is False
        to_off.append(_off_received_after(pump, called) - called)
        to_return.append(returned - called)
        await hass.async_block_till_done()

    progress(f"abort: {aborts} stops of the equivalent script")
    script_to_off: list[float] = []
    script_to_return: list[float] = []
    for _ in range(aborts):
        on = loop.create_task(scripted.wait_for(True))
        await hass.services.async_call(
            "script", "turn_on", {"entity_id": f"script.{SCRIPT}"}, blocking=True
        )
        await sleep_until(await on + rng.uniform(0.0, 1.0))
        called = loop.time()
        await hass.services.async_call(
            "script", "turn_off", {"entity_id": f"script.{SCRIPT}"}, blocking=True
        )
        await hass.services.async_call("switch", "turn_off", target, blocking=True)
        returned = loop.time()
        assert scripted.is_on is False
        script_to_off.append(_off_received_after(scripted, called) - called)
        script_to_return.append(returned - called)
        await hass.async_block_till_done()

    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    return {
        "relay_latency_ms": LATENCY * 1000,
        "integration": {
            "to_off_command": _stats(to_off),
            "to_action_returned": _stats(to_return),
        },
        "script": {
            "to_off_command": _stats(script_to_off),
            "to_action_returned": _stats(script_to_return),
        },
    }
