"""A brew sensor beside a meter teaches the meter the pump's step, as a pump relay does.

The brew sensor counts the shots; each of its runs is measured on the meter
and kept, so ``pump_watts`` is known without calibrating, and power counts at
once if the brew sensor is later removed by reconfiguring.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest

from custom_components.espresso_care.const import CONF_BREW_SENSOR, CONF_POWER_SENSOR
from custom_components.espresso_care.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .calibration_flow import Meter, idle, pump_run
from .conftest import BREW, POWER, WATTS, Relays, loaded, machine_entry
from .helpers import settle, state_of

SHOTS = "sensor.espresso_machine_shots"
LEVEL = 3.0  # idle: heaters off (a heater's share moves with the mains)
STEP = 55.0


async def test_brew_sensor_runs_teach_pump_watts(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set(POWER, f"{LEVEL:.1f}", WATTS)
    hass.states.async_set(BREW, "off")
    entry = machine_entry(pump=None, power_sensor=POWER, brew_sensor=BREW)
    meter = Meter(hass, freezer)
    async with loaded(hass, entry):
        signal = (await async_get_config_entry_diagnostics(hass, entry))["shot_signal"]
        assert (signal["kind"], signal["pump_watts"]) == ("brew_sensor", 0.0)
        for _ in range(2):
            await meter.report(idle(20, LEVEL))
            hass.states.async_set(BREW, "on")
            await meter.report(pump_run(25, LEVEL, STEP))
            hass.states.async_set(BREW, "off")
            await meter.report(idle(30, LEVEL))
        # The brew sensor counted both shots; the meter learned the step.
        assert state_of(hass, SHOTS).state == "2"
        assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
        signal = (await async_get_config_entry_diagnostics(hass, entry))["shot_signal"]
        assert signal["pump_watts"] == pytest.approx(STEP, abs=3)
        assert len(entry.runtime_data.data.pump_watts_samples) == 2

        # The brew sensor removed: power counts at once, no calibration asked.
        hass.config_entries.async_update_entry(
            entry,
            data={k: v for k, v in entry.data.items() if k != CONF_BREW_SENSOR},
        )
        assert CONF_POWER_SENSOR in entry.data
        assert await hass.config_entries.async_reload(entry.entry_id)
        await settle(hass)
        attributes = state_of(hass, SHOTS).attributes
        assert (attributes["signal"], attributes["counting"]) == ("power", "counting")
        await meter.report(
            idle(30, LEVEL) + pump_run(25, LEVEL, STEP) + idle(40, LEVEL)
        )
        assert state_of(hass, SHOTS).state == "3"
