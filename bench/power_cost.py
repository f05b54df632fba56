"""What counting by power costs Home Assistant, per reading of a plug.

A metering plug that reports every second writes its sensor's state every
second. Home Assistant's own cost of that is what a plug integration's power
``sensor`` entity spends in ``async_write_ha_state`` (a real SensorEntity with
device class power, unit and state class, as a Shelly or Zigbee plug has). The
integration's cost is the extra CPU time per write once a plug-only machine
counts from that sensor (its meter, the detector, its timers, its counters),
measured on the same simulated day (a thermostat machine with a vibratory
pump, a plug reporting every second, switched on and off as the user did,
shots and flushes) written with the readings' own timestamps, against the same
writes to a sensor nothing listens to. The goal is at most a fifth of Home
Assistant's own cost.

Fair to both sides:

- the readings' clock drives the timers too (``VirtualClock``): a timer set for
  a moment of the day fires before the first write after that moment, as it
  would live (otherwise no timer of the machine would ever fire: the day's
  moments lie hours ahead of the wall clock);
- the plug is switched on and off at the day's own moments, so the heat-up's
  detector and its timers run as they would;
- the kinds of rounds take turns (entity, bare writes, a do-nothing listener,
  the machine) with the garbage collected before each, and each figure is the
  best of ``ROUNDS``: this machine's CPU time moves by a factor of two from
  minute to minute, and turns keep that from falling on one kind alone.

CPU is process time (the store's writer thread included).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
import contextlib
from dataclasses import dataclass, field
import gc
import heapq
import itertools
import time
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.const import UnitOfPower
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import event as ha_event
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    setup_test_component_platform,
)

from simulator.espresso import Trace, generate

POWER = "sensor.bench_power"
PLUG = "switch.bench_cost_plug"
# The same writes with nothing listening, and with a listener that does nothing.
BARE_POWER, BARE_PLUG = "sensor.bench_power_bare", "switch.bench_plug_bare"
FLOOR_POWER, FLOOR_PLUG = "sensor.bench_power_floor", "switch.bench_plug_floor"
ATTRIBUTES = {"unit_of_measurement": "W", "device_class": "power"}
ROUNDS = 5
# Silence between two rounds on the readings' clock (the day ends and restarts).
GAP_SECONDS = 600.0

# One write of the day: when, to which entity (power or plug), what.
type Write = tuple[float, bool, str]


class PlugPowerSensor(SensorEntity):
    """A plug integration's power sensor, as Home Assistant's plugs have one."""

    _attr_should_poll = False
    _attr_has_entity_name = True
    _attr_name = "Bench plug power"
    _attr_unique_id = "bench_plug_power"
    _attr_device_class = SensorDeviceClass.POWER
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_native_unit_of_measurement = UnitOfPower.WATT
    _attr_suggested_display_precision = 1

    def report(self, watts: float) -> None:
        """A new reading from the plug."""
        self._attr_native_value = watts
        self.async_write_ha_state()


@dataclass
class VirtualClock:
    """Fires point-in-time timers set for the readings' clock at its moments.

    Only timers set for ``epoch`` or later are the day's (the wall clock is
    far behind): each fires, through Home Assistant's own timer object, before
    the first write at or after its moment. The rest run on the wall clock.
    """

    epoch: float
    now: float = 0.0
    fired: int = 0
    _due: list[tuple[float, int, Any]] = field(default_factory=list)
    _order: Iterator[int] = field(default_factory=itertools.count)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Catch the day's timers as they are set, and tell them the day's time."""
        tracker = ha_event._TrackPointUTCTime
        attach = tracker.async_attach
        clock = self

        def async_attach(timer: Any) -> None:
            attach(timer)
            if timer.expected_fire_timestamp >= clock.epoch:
                heapq.heappush(
                    clock._due,
                    (timer.expected_fire_timestamp, next(clock._order), timer),
                )

        timestamp = ha_event.time_tracker_timestamp
        tracker.async_attach = async_attach  # type: ignore[method-assign,assignment]
        ha_event.time_tracker_timestamp = lambda: max(clock.now, time.time())
        try:
            yield
        finally:
            tracker.async_attach = attach  # type: ignore[method-assign]
            ha_event.time_tracker_timestamp = timestamp

    def advance(self, to: float) -> None:
        """Fire every timer due by ``to``, in order, then stand at ``to``."""
        due = self._due
        while due and due[0][0] <= to:
            at, _, timer = heapq.heappop(due)
            handle = timer._cancel_callback
            if handle is None or handle.cancelled():
                continue
            handle.cancel()
            self.now = at
            self.fired += 1
            timer()
        self.now = to


def _day(trace: Trace) -> list[Write]:
    """The plug's readings and its switching, in the order they happened."""
    writes: list[Write] = [(r.at, True, f"{r.watts:.1f}") for r in trace.reports]
    for on, off in trace.power_periods:
        writes += [(on, False, "on"), (off, False, "off")]
    writes.sort(key=lambda write: write[0])
    return writes


async def _entity_writes(sensor: PlugPowerSensor, readings: list[float]) -> float:
    """CPU seconds a plug's sensor entity spends writing every reading."""
    hass = sensor.hass
    gc.collect()
    cpu = time.process_time()
    for watts in readings:
        sensor.report(watts)
        await asyncio.sleep(0)
    await hass.async_block_till_done()
    return time.process_time() - cpu


async def _write_day(
    hass: HomeAssistant,
    day: list[Write],
    ids: tuple[str, str],
    base: float,
    clock: VirtualClock,
) -> float:
    """Write the day at its own moments to (power, plug); return the CPU seconds."""
    power, plug = ids
    gc.collect()
    cpu = time.process_time()
    for at, is_power, value in day:
        clock.advance(base + at)
        if is_power:
            hass.states.async_set(power, value, ATTRIBUTES, timestamp=base + at)
        else:
            hass.states.async_set(plug, value, timestamp=base + at)
        # One write per turn of the loop, as a plug integration writes them:
        # listeners run before the next write (a reported state is one object).
        await asyncio.sleep(0)
    # The silence after the day: what its timers decide is the day's cost too.
    clock.advance(base + day[-1][0] + GAP_SECONDS)
    await hass.async_block_till_done()
    return time.process_time() - cpu


async def _plug_sensor(hass: HomeAssistant) -> PlugPowerSensor:
    sensor = PlugPowerSensor()
    setup_test_component_platform(hass, "sensor", [sensor])
    assert await async_setup_component(
        hass, "sensor", {"sensor": [{"platform": "test"}]}
    )
    await hass.async_block_till_done()
    return sensor


def _listen_doing_nothing(hass: HomeAssistant, entity_id: str) -> None:
    """A listener that does nothing, on changes and reports (as the meter listens).

    Home Assistant's dispatch to it is the floor of any listener.
    """

    @callback
    def nothing(_event: Event[Any]) -> None:
        """Listen, and do nothing."""

    async_track_state_change_event(hass, [entity_id], nothing)
    async_track_state_report_event(hass, [entity_id], nothing)


async def _machine(hass: HomeAssistant, trace: Trace) -> Any:
    entry = MockConfigEntry(
        domain="espresso_care",
        title="Bench power",
        unique_id=PLUG,
        data={
            "backend": "entity",
            "power_entity": PLUG,
            "power_sensor": POWER,
            "three_way_valve": True,
        },
        options={"pump_watts": round(trace.pump_watts)},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def run(
    hass: HomeAssistant, seed: int, progress: Callable[[str], None] = print
) -> dict[str, Any]:
    """Measure each kind of round, best of ``ROUNDS``, the kinds taking turns."""
    trace = generate("thermostat", "vibratory", "periodic_1", seed=seed, shots=20)
    day = _day(trace)
    count = len(trace.reports)
    progress(f"power cost: {count} readings, without and with a machine")
    for power, plug in (
        (POWER, PLUG),
        (BARE_POWER, BARE_PLUG),
        (FLOOR_POWER, FLOOR_PLUG),
    ):
        hass.states.async_set(plug, "off")
        hass.states.async_set(power, day[0][2], ATTRIBUTES)
    sensor = await _plug_sensor(hass)
    _listen_doing_nothing(hass, FLOOR_POWER)
    # Each round is a later stretch of the day's clock, far ahead of the wall
    # clock: the detector never sees time go back, the timers are the day's.
    span = day[-1][0] + GAP_SECONDS
    clock = VirtualClock(epoch=dt_util.utcnow().timestamp() + 86400.0)
    bases = (clock.epoch + k * span for k in itertools.count())
    figures: dict[str, list[float]] = {
        "entity": [],
        "bare": [],
        "floor": [],
        "machine": [],
    }
    shots: list[int] = []
    with clock.installed():
        entry = await _machine(hass, trace)
        machine = entry.runtime_data
        for _ in range(ROUNDS):
            figures["entity"].append(
                await _entity_writes(sensor, [r.watts for r in trace.reports])
            )
            for kind, ids in (
                ("bare", (BARE_POWER, BARE_PLUG)),
                ("floor", (FLOOR_POWER, FLOOR_PLUG)),
            ):
                figures[kind].append(
                    await _write_day(hass, day, ids, next(bases), clock)
                )
            before, fired = machine.data.shots, clock.fired
            figures["machine"].append(
                await _write_day(hass, day, (POWER, PLUG), next(bases), clock)
            )
            shots.append(machine.data.shots - before)
            timers = clock.fired - fired
        await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    entity, bare, floor, with_machine = (
        min(figures[k]) for k in ("entity", "bare", "floor", "machine")
    )
    extra = max(0.0, with_machine - bare)
    return {
        "readings": count,
        "plug_switches": len(day) - count,
        "timers_fired_per_round": timers,
        "entity_write_us_per_reading": entity / count * 1e6,
        "bare_set_us_per_reading": bare / count * 1e6,
        "with_machine_us_per_reading": with_machine / count * 1e6,
        "listener_floor_us_per_reading": max(0.0, floor - bare) / count * 1e6,
        "integration_us_per_reading": extra / count * 1e6,
        "integration_share": extra / entity if entity else None,
        "goal_share": 0.2,
        "met": entity > 0 and extra / entity <= 0.2,
        "shots_counted_per_round": shots,
        "true_shots": sum(1 for run in trace.runs if run.kind == "shot"),
    }
