"""Timing: a 10-cycle pulse program against a Home Assistant script, on slow relays.

Every contender drives its own simulated relay; all of them run at once,
their starts staggered by a fraction of a second so that their switching
moments rarely coincide. Each figure is read off the relay's own timeline
(when it actually switched), on the event loop's monotonic clock.

Contenders:

* ``integration``: ``espresso_care.run_backflush`` (program cleaner, 10
  cycles of 1 s on / 1 s off, no rinse, no flush), latency learning on;
* ``no_learning``: the same with the runner's ``RelayLatency.lead`` forced
  to 0 (its latency object replaced by one whose ``lead`` returns 0);
* ``script``: a Home Assistant script, ``repeat`` 10 times
  ``switch.turn_on``, ``delay`` 1 s, ``switch.turn_off``, ``delay`` 1 s;
* any extra runner variants given by ``variants`` (``--legacy``: the pulse
  loop of before 7f71e6e, bench/legacy.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import random
import statistics
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .harness import (
    DOMAIN,
    PLUG,
    GcPauses,
    SimRelaySwitch,
    add_relays,
    machine_entry,
    sleep_until,
    summary,
)

CYCLES = 10
ON_SECONDS = 1.0
OFF_SECONDS = 1.0
NOMINAL = CYCLES * (ON_SECONDS + OFF_SECONDS)
RUN_DATA = {
    "program": "cleaner",
    "cycles": CYCLES,
    "pump_on_seconds": int(ON_SECONDS),
    "pump_off_seconds": int(OFF_SECONDS),
    "rinse_cycles": 0,
    "flushes": 0,
}


@dataclass(frozen=True)
class RelayProfile:
    """How slow a simulated relay is: ``latency`` +/- ``jitter`` seconds per command."""

    key: str
    latency: float
    jitter: float = 0.0

    @property
    def label(self) -> str:
        """How the table names it."""
        ms = f"{self.latency * 1000:.0f} ms"
        return f"{ms} +/- {self.jitter * 1000:.0f} ms" if self.jitter else ms


PROFILES = (
    RelayProfile("l0", 0.0),
    RelayProfile("l50", 0.05),
    RelayProfile("l200", 0.2),
    RelayProfile("l50j25", 0.05, 0.025),
)

# A runner variant: called with the machine's ProgramRunner before each run.
type RunnerVariant = Callable[[Any], None]


def fresh_latency(runner: Any) -> None:
    """Production behaviour, from a cold start (nothing learned yet)."""
    from custom_components.espresso_care.runner import (  # noqa: PLC0415 (cold set-up)
        RelayLatency,
    )

    runner.latency = RelayLatency()


def no_learning(runner: Any) -> None:
    """The runner's latency learning switched off: ``lead`` is always 0."""
    from custom_components.espresso_care.runner import (  # noqa: PLC0415 (cold set-up)
        RelayLatency,
    )

    class NoLead(RelayLatency):
        def lead(self, on: bool) -> float:
            return 0.0

    runner.latency = NoLead()


CONTENDER_LABELS = {
    "integration": "integration",
    "no_learning": "integration without latency learning",
    "script": "HA script",
}


@dataclass
class Contender:
    """One contender on one relay."""

    name: str
    profile: RelayProfile
    relay: SimRelaySwitch
    entry: MockConfigEntry | None = None
    variant: RunnerVariant | None = None

    @property
    def script_id(self) -> str:
        """The object id of the equivalent script."""
        return f"bench_{self.profile.key}"


def make_contenders(
    variants: dict[str, RunnerVariant],
) -> list[Contender]:
    """A relay for every contender and relay profile."""
    contenders = []
    for profile in PROFILES:
        for name in ("integration", "no_learning", "script", *variants):
            relay = SimRelaySwitch(
                f"pump_{name}_{profile.key}", latency=profile.latency
            )
            relay.jitter = profile.jitter
            contenders.append(Contender(name, profile, relay))
    return contenders


async def set_up(
    hass: HomeAssistant, contenders: list[Contender], variants: dict[str, RunnerVariant]
) -> None:
    """Machines for the runner contenders, scripts for the others."""
    scripts: dict[str, Any] = {}
    for contender in contenders:
        if contender.name == "script":
            relay = contender.relay.entity_id
            scripts[contender.script_id] = {
                "sequence": [
                    {
                        "repeat": {
                            "count": CYCLES,
                            "sequence": [
                                {
                                    "action": "switch.turn_on",
                                    "target": {"entity_id": relay},
                                },
                                {"delay": {"seconds": ON_SECONDS}},
                                {
                                    "action": "switch.turn_off",
                                    "target": {"entity_id": relay},
                                },
                                {"delay": {"seconds": OFF_SECONDS}},
                            ],
                        }
                    }
                ]
            }
            continue
        entry = machine_entry(contender.relay.entity_id)
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        contender.entry = entry
        contender.variant = (
            fresh_latency
            if contender.name == "integration"
            else no_learning
            if contender.name == "no_learning"
            else variants[contender.name]
        )
    assert await async_setup_component(hass, "script", {"script": scripts})
    await hass.async_block_till_done()


async def _run_machine(
    hass: HomeAssistant, contender: Contender, start_at: float
) -> float:
    """Run the program; return the loop time at which it reported finished."""
    assert contender.entry is not None
    assert contender.variant is not None
    entry_id = contender.entry.entry_id
    contender.variant(contender.entry.runtime_data.runner)
    loop = hass.loop
    done: asyncio.Future[tuple[float, str]] = loop.create_future()

    @callback
    def finished(event: Event) -> None:
        if event.data["config_entry_id"] == entry_id and not done.done():
            done.set_result((loop.time(), event.data["result"]))

    unsub = hass.bus.async_listen(f"{DOMAIN}_backflush_finished", finished)
    try:
        await sleep_until(start_at)
        await hass.services.async_call(
            DOMAIN,
            "run_backflush",
            {"config_entry_id": entry_id, **RUN_DATA},
            blocking=True,
        )
        end, result = await asyncio.wait_for(done, NOMINAL * 3)
    finally:
        unsub()
    assert result == "completed", result
    return end


async def _run_script(
    hass: HomeAssistant, contender: Contender, start_at: float
) -> float:
    """Run the script to its end; return the loop time at which it returned."""
    await sleep_until(start_at)
    await hass.services.async_call("script", contender.script_id, blocking=True)
    return hass.loop.time()


def analyse(relay: SimRelaySwitch, finished: float) -> dict[str, Any]:
    """Figures of one run from the relay's timelines and the end of the run.

    The final pause ends when the contender acts again after the relay's last
    off: the runner's closing off command (it sends one, the relay being
    already off) reaching the relay, or else the run reporting its end (the
    program's finished event, the script's action returning).

    * pulse error: each on period as seen by the relay minus 1 s;
    * pause error: each off period minus 1 s, the final pause included;
    * overrun: first on (relay) to the end of the final pause, minus the
      nominal 20 s: "first on to last off, plus the final pause";
    * last_off_late: how late the relay's last off came against the nominal
      19 s after its first on (the relay-only part of the overrun);
    * drift per cycle: how much later each cycle starts than the one before
      (the slope of the cycle starts against the nominal 2 s period).
    """
    switched = relay.switched
    ons = [t for t, on in switched if on]
    offs = [t for t, on in switched if not on]
    if len(ons) != CYCLES or len(offs) != CYCLES:
        raise AssertionError(f"expected {CYCLES} pulses, relay saw {switched}")
    end = min([finished, *(t for t, _ in relay.received if t > offs[-1])])
    pulses = [off - on for on, off in zip(ons, offs, strict=True)]
    pauses = [nxt - off for off, nxt in zip(offs, [*ons[1:], end], strict=True)]
    errors = [p - ON_SECONDS for p in pulses]
    pause_errors = [p - OFF_SECONDS for p in pauses]
    return {
        "pulse_errors_ms": [e * 1000 for e in errors],
        "pause_errors_ms": [e * 1000 for e in pause_errors],
        "worst_pulse_error_ms": max(abs(e) for e in errors) * 1000,
        "mean_pulse_error_ms": statistics.fmean(abs(e) for e in errors) * 1000,
        "mean_signed_pulse_error_ms": statistics.fmean(errors) * 1000,
        "worst_pause_error_ms": max(abs(e) for e in pause_errors) * 1000,
        "cycle_start_late_ms": [
            (on - ons[0] - n * (ON_SECONDS + OFF_SECONDS)) * 1000
            for n, on in enumerate(ons)
        ],
        "overrun_ms": (end - ons[0] - NOMINAL) * 1000,
        # How much later each cycle starts than the one before, on average.
        "drift_per_cycle_ms": (
            ons[-1] - ons[0] - (CYCLES - 1) * (ON_SECONDS + OFF_SECONDS)
        )
        * 1000
        / (CYCLES - 1),
        "last_off_late_ms": (offs[-1] - ons[0] - (NOMINAL - OFF_SECONDS)) * 1000,
        # From the end of the final pause to the run reporting its end.
        "finish_after_pause_ms": (finished - end) * 1000,
    }


async def run_once(
    hass: HomeAssistant, contenders: list[Contender], lags: list[float]
) -> list[dict[str, Any]]:
    """All contenders at once, starts staggered; the figures of each."""
    await hass.async_block_till_done()
    for contender in contenders:
        contender.relay.clear()
    spacing = (ON_SECONDS + OFF_SECONDS) / 2 / len(contenders)
    start = hass.loop.time() + 0.2
    coros = [
        (_run_script if c.name == "script" else _run_machine)(
            hass, c, start + index * spacing
        )
        for index, c in enumerate(contenders)
    ]
    probe = hass.loop.create_task(_loop_lag(lags))
    try:
        ends = await asyncio.gather(*coros)
    finally:
        probe.cancel()
    return [
        {"contender": c.name, "relay": c.profile.key, **analyse(c.relay, end)}
        for c, end in zip(contenders, ends, strict=True)
    ]


async def _loop_lag(lags: list[float]) -> None:
    """How late ``asyncio.sleep`` wakes up on this loop, while the contenders run."""
    loop = asyncio.get_running_loop()
    rng = random.Random(0)
    while True:
        delay = rng.uniform(0.05, 0.25)
        due = loop.time() + delay
        await asyncio.sleep(delay)
        lags.append(loop.time() - due)


async def run(
    hass: HomeAssistant,
    repeats: int,
    variants: dict[str, RunnerVariant] | None = None,
    labels: dict[str, str] | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Every contender ``repeats`` times; raw runs and their summaries."""
    variants = variants or {}
    labels = {**CONTENDER_LABELS, **(labels or {})}
    contenders = make_contenders(variants)
    plug = SimRelaySwitch(PLUG.split(".", 1)[1], on=True)
    await add_relays(hass, [plug, *(c.relay for c in contenders)])
    await set_up(hass, contenders, variants)
    runs: list[dict[str, Any]] = []
    lags: list[float] = []
    with GcPauses() as pauses:
        for repeat in range(repeats):
            progress(
                f"timing: run {repeat + 1}/{repeats} "
                f"({len(contenders)} sequences at once)"
            )
            results = await run_once(hass, contenders, lags)
            runs += [{"repeat": repeat, **result} for result in results]
    table: list[dict[str, Any]] = []
    for profile in PROFILES:
        for name in ("integration", "no_learning", "script", *variants):
            mine = [
                r for r in runs if r["relay"] == profile.key and r["contender"] == name
            ]
            table.append(
                {
                    "relay": profile.key,
                    "relay_label": profile.label,
                    "contender": name,
                    "label": labels.get(name, name),
                    **{
                        key: summary([r[key] for r in mine])
                        for key in (
                            "worst_pulse_error_ms",
                            "mean_pulse_error_ms",
                            "mean_signed_pulse_error_ms",
                            "worst_pause_error_ms",
                            "overrun_ms",
                            "drift_per_cycle_ms",
                            "last_off_late_ms",
                        )
                    },
                }
            )
    for row in table:
        if row["contender"] == "script":
            continue
        script = next(
            r
            for r in table
            if r["relay"] == row["relay"] and r["contender"] == "script"
        )
        row["script_ratio"] = {
            key: _ratio(script[key]["median"], row[key]["median"])
            for key in ("worst_pulse_error_ms", "overrun_ms")
        }
    for contender in contenders:
        if contender.entry is not None:
            await hass.config_entries.async_unload(contender.entry.entry_id)
    await hass.async_block_till_done()
    return {
        "program": RUN_DATA,
        "nominal_seconds": NOMINAL,
        "concurrent_sequences": len(contenders),
        "profiles": [p.__dict__ for p in PROFILES],
        "summary": table,
        "loop_lag_ms": _lag_figures(lags),
        # Garbage collections that stopped the process for more than 5 ms.
        "gc_pauses_ms": pauses.durations_ms(),
        "runs": runs,
    }


def _lag_figures(lags: list[float]) -> dict[str, float]:
    ms = sorted(lag * 1000 for lag in lags)
    return {
        "samples": len(ms),
        "median": statistics.median(ms),
        "p95": ms[int(0.95 * (len(ms) - 1))],
        "max": ms[-1],
    }


def _ratio(script: float, integration: float) -> float | None:
    """How many times larger the script's figure is (None when not meaningful)."""
    if abs(integration) < 1e-3:
        return None
    return script / integration
