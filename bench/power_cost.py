"""What counting by power costs Home Assistant, per reading of a plug.

A metering plug that reports every second writes its sensor's state every
second. Home Assistant's own cost of that is what a plug integration's power
``sensor`` entity spends in ``async_write_ha_state`` (a real SensorEntity with
device class power, unit and state class, as a Shelly or Zigbee plug has). The
integration's cost is the extra CPU time per write once a plug-only machine
counts from that sensor (its meter, the detector, its timers, its counters),
measured on the same simulated readings (a thermostat machine with a
vibratory pump, a plug reporting every second, shots and flushes) written with
their own timestamps, against the same writes with nothing listening. The goal
is at most a fifth of Home Assistant's own cost. CPU is process time, best of
three rounds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import time
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.const import UnitOfPower
from homeassistant.core import Event, HomeAssistant, callback
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

from simulator.espresso import generate

POWER = "sensor.bench_power"
PLUG = "switch.bench_cost_plug"
ATTRIBUTES = {"unit_of_measurement": "W", "device_class": "power"}
ROUNDS = 3


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


async def _entity_writes(hass: HomeAssistant, readings: list[float]) -> float:
    """CPU seconds a plug's sensor entity spends writing every reading."""
    sensor = PlugPowerSensor()
    setup_test_component_platform(hass, "sensor", [sensor])
    assert await async_setup_component(
        hass, "sensor", {"sensor": [{"platform": "test"}]}
    )
    await hass.async_block_till_done()
    best = float("inf")
    for _ in range(ROUNDS):
        cpu = time.process_time()
        for watts in readings:
            sensor.report(watts)
            await asyncio.sleep(0)
        await hass.async_block_till_done()
        best = min(best, time.process_time() - cpu)
    return best


async def _write_all(
    hass: HomeAssistant, readings: list[tuple[float, str]], base: float
) -> float:
    """Write every reading at its own moment; return the CPU seconds it took."""
    cpu = time.process_time()
    for at, value in readings:
        hass.states.async_set(POWER, value, ATTRIBUTES, timestamp=base + at)
        # One reading per turn of the loop, as a plug integration writes them:
        # listeners run before the next write (a reported state is one object).
        await asyncio.sleep(0)
    await hass.async_block_till_done()
    return time.process_time() - cpu


async def run(
    hass: HomeAssistant, seed: int, progress: Callable[[str], None] = print
) -> dict[str, Any]:
    """Measure both, best of ``ROUNDS`` each."""
    trace = generate("thermostat", "vibratory", "periodic_1", seed=seed, shots=20)
    readings = [(r.at, f"{r.watts:.1f}") for r in trace.reports]
    progress(f"power cost: {len(readings)} readings, without and with a machine")
    # Each round is a later stretch of time: the detector never sees time go back.
    span = trace.reports[-1].at + 600
    bases = iter(dt_util.utcnow().timestamp() + k * span for k in range(3 * ROUNDS))
    hass.states.async_set(PLUG, "on")
    hass.states.async_set(POWER, readings[0][1], ATTRIBUTES)
    entity = await _entity_writes(hass, [r.watts for r in trace.reports])
    alone = min([await _write_all(hass, readings, next(bases)) for _ in range(ROUNDS)])

    # The floor: Home Assistant calling a listener that does nothing, on changes
    # and on reports, as the machine's meter listens.
    @callback
    def nothing(_event: Event[Any]) -> None:
        """Listen, and do nothing."""

    unsubs = [
        async_track_state_change_event(hass, [POWER], nothing),
        async_track_state_report_event(hass, [POWER], nothing),
    ]
    floor = min([await _write_all(hass, readings, next(bases)) for _ in range(ROUNDS)])
    for unsub in unsubs:
        unsub()
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
    machine = entry.runtime_data
    cpus, shots = [], []
    for _ in range(ROUNDS):
        before = machine.data.shots
        cpus.append(await _write_all(hass, readings, next(bases)))
        shots.append(machine.data.shots - before)
    with_machine = min(cpus)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    count = len(readings)
    extra = max(0.0, with_machine - alone)
    return {
        "readings": count,
        "entity_write_us_per_reading": entity / count * 1e6,
        "bare_set_us_per_reading": alone / count * 1e6,
        "with_machine_us_per_reading": with_machine / count * 1e6,
        "listener_floor_us_per_reading": max(0.0, floor - alone) / count * 1e6,
        "integration_us_per_reading": extra / count * 1e6,
        "integration_share": extra / entity if entity else None,
        "goal_share": 0.2,
        "met": entity > 0 and extra / entity <= 0.2,
        "shots_counted_per_round": shots,
        "true_shots": sum(1 for run in trace.runs if run.kind == "shot"),
    }
