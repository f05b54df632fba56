"""A power sensor whose unit changes after set-up: nothing counted from it, logged once.

The set-up refuses a sensor not in W or kW; should it later report in
another unit (its integration changed it, or lost the device class), its
readings are unavailable: the run in progress is dropped, one warning says
why, and counting goes on once it reports in W or kW again.
"""

from __future__ import annotations

import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest

from custom_components.espresso_care.const import OPT_PUMP_WATTS

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance, state_of

SHOTS = "sensor.espresso_machine_shots"
IDLE = 3.0
PUMP_W = 52.0
MILLIWATTS = {"unit_of_measurement": "mW", "device_class": "power"}


async def report(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    watts: float,
    seconds: int,
    attributes: dict[str, str] = WATTS,
) -> None:
    """One reading a second for ``seconds``, in W (or as ``attributes`` say)."""
    scale = 1000.0 if attributes is MILLIWATTS else 1.0
    for _ in range(seconds):
        hass.states.async_set(POWER, f"{watts * scale:.1f}", attributes)
        await advance(hass, freezer, 1)


async def test_readings_in_another_unit_count_nothing(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    hass.states.async_set(POWER, str(IDLE), WATTS)
    entry = machine_entry(pump=None, power_sensor=POWER, options={OPT_PUMP_WATTS: 52})
    async with loaded(hass, entry):
        await report(hass, freezer, IDLE, 20)
        await report(hass, freezer, IDLE + PUMP_W, 10)
        # Mid-run, the sensor reports in mW: the run is dropped.
        for _ in range(3):
            await report(hass, freezer, IDLE + PUMP_W, 5, MILLIWATTS)
            await report(hass, freezer, IDLE + PUMP_W, 1)
        await report(hass, freezer, IDLE + PUMP_W, 10)
        await report(hass, freezer, IDLE, 40)
        assert state_of(hass, SHOTS).state == "0"
        warnings = [r for r in caplog.records if "is not in W or kW" in r.message]
        assert len(warnings) == 1
        assert "mW" in warnings[0].message
        # Back in W: the next shot counts.
        await report(hass, freezer, IDLE + PUMP_W, 25)
        await report(hass, freezer, IDLE, 40)
        assert state_of(hass, SHOTS).state == "1"
