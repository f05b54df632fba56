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

CPU is process time of the whole process, all threads (the store's writer
thread included, and the recorder's thread when it runs).

Two denominators, measured on two cores of their own (``run`` and
``run(recorded=True)``): the bare state write above, and what a default
install spends on it, where the recorder (in ``default_config``) records a
power sensor's every state: the same rounds with a real recorder on SQLite in
a temporary file, counted until it has committed them. Its own commit timer
runs on the wall clock, which the bench outruns by far; it commits here every
``COMMIT_SECONDS`` of the readings' clock instead (its default), as it would
live: one commit for a whole round would be a chain of thousands of states
in one flush, which SQLAlchemy orders in time quadratic in their number.
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

from homeassistant.components.recorder import get_instance
from homeassistant.components.recorder.core import Recorder
from homeassistant.components.recorder.tasks import CommitTask
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.const import UnitOfPower
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import event as ha_event, recorder as recorder_helper
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

# The recorder's default commit interval (``commit_interval``), in seconds.
COMMIT_SECONDS = 5.0

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


@dataclass
class Commits:
    """The recorder's commits at its default interval of the readings' clock."""

    recorder: Recorder | None
    next_at: float = float("-inf")

    def due(self, at: float) -> None:
        """Commit what is pending once ``COMMIT_SECONDS`` have passed."""
        if self.recorder is not None and at >= self.next_at:
            self.recorder.queue_task(CommitTask())
            self.next_at = at + COMMIT_SECONDS

    async def settled(self, hass: HomeAssistant) -> None:
        """Wait until every write is handled and, with a recorder, committed."""
        await hass.async_block_till_done()
        if self.recorder is not None:
            self.recorder.queue_task(CommitTask())
            await self.recorder.async_block_till_done()
            await hass.async_block_till_done()
        # The next round's clock starts again: so does the interval.
        self.next_at = float("-inf")


async def _start_recorder(hass: HomeAssistant) -> Recorder:
    """A recorder as a default install has, on SQLite in the config directory."""
    recorder_helper.async_initialize_recorder(hass)
    database = f"sqlite:///{hass.config.path('home-assistant_v2.db')}"
    assert await async_setup_component(
        hass, "recorder", {"recorder": {"db_url": database}}
    )
    recorder = get_instance(hass)
    assert await recorder.async_db_ready
    await hass.async_block_till_done()
    return recorder


def _day(trace: Trace) -> list[Write]:
    """The plug's readings and its switching, in the order they happened."""
    writes: list[Write] = [(r.at, True, f"{r.watts:.1f}") for r in trace.reports]
    for on, off in trace.power_periods:
        writes += [(on, False, "on"), (off, False, "off")]
    writes.sort(key=lambda write: write[0])
    return writes


async def _entity_writes(
    sensor: PlugPowerSensor, readings: list[tuple[float, float]], commits: Commits
) -> float:
    """CPU seconds a plug's sensor entity spends writing every (moment, reading)."""
    hass = sensor.hass
    gc.collect()
    cpu = time.process_time()
    for at, watts in readings:
        commits.due(at)
        sensor.report(watts)
        await asyncio.sleep(0)
    await commits.settled(hass)
    return time.process_time() - cpu


async def _write_day(
    hass: HomeAssistant,
    day: list[Write],
    ids: tuple[str, str],
    base: float,
    *,
    clock: VirtualClock,
    commits: Commits,
) -> float:
    """Write the day at its own moments to (power, plug); return the CPU seconds."""
    power, plug = ids
    gc.collect()
    cpu = time.process_time()
    for at, is_power, value in day:
        clock.advance(base + at)
        commits.due(at)
        if is_power:
            hass.states.async_set(power, value, ATTRIBUTES, timestamp=base + at)
        else:
            hass.states.async_set(plug, value, timestamp=base + at)
        # One write per turn of the loop, as a plug integration writes them:
        # listeners run before the next write (a reported state is one object).
        await asyncio.sleep(0)
    # The silence after the day: what its timers decide is the day's cost too.
    clock.advance(base + day[-1][0] + GAP_SECONDS)
    await commits.settled(hass)
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
    hass: HomeAssistant,
    seed: int,
    progress: Callable[[str], None] = print,
    *,
    recorded: bool = False,
) -> dict[str, Any]:
    """Measure each kind of round, best of ``ROUNDS``, the kinds taking turns.

    ``recorded``: with a recorder recording every state, as in a default install.
    """
    trace = generate("thermostat", "vibratory", "periodic_1", seed=seed, shots=20)
    day = _day(trace)
    count = len(trace.reports)
    with_recorder = " (recorder on)" if recorded else ""
    progress(f"power cost{with_recorder}: {count} readings, without and with a machine")
    commits = Commits(await _start_recorder(hass) if recorded else None)
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
                await _entity_writes(
                    sensor, [(r.at, r.watts) for r in trace.reports], commits
                )
            )
            for kind, ids in (
                ("bare", (BARE_POWER, BARE_PLUG)),
                ("floor", (FLOOR_POWER, FLOOR_PLUG)),
            ):
                figures[kind].append(
                    await _write_day(
                        hass, day, ids, next(bases), clock=clock, commits=commits
                    )
                )
            before, fired = machine.data.shots, clock.fired
            figures["machine"].append(
                await _write_day(
                    hass, day, (POWER, PLUG), next(bases), clock=clock, commits=commits
                )
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
        "recorder": recorded,
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
