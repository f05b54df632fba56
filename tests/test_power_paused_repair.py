"""Counting by power paused on noisy live readings: the repair issue comes and goes with it.

Whether ``pump_watts`` was calibrated or typed in, the live noise check
pauses counting when idle steps grow comparable to the pump's step (a fast
PID heater), with a repair issue that suggests a brew sensor, and resumes
when the readings are clean again, the issue gone. Readings are states of a
real ``sensor`` entity at frozen times.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from custom_components.espresso_care.const import DOMAIN, OPT_PUMP_WATTS

from .calibration_flow import Meter, fast_pid, idle, pump_run
from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import state_of

SHOTS = "sensor.espresso_machine_shots"


def counting(hass: HomeAssistant) -> str:
    """The shots sensor's ``counting`` attribute."""
    return str(state_of(hass, SHOTS).attributes["counting"])


def power_issue(hass: HomeAssistant, entry_id: str) -> ir.IssueEntry | None:
    """The machine's repair issue about counting by power, if raised."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"power_{entry_id}")


async def test_noisy_readings_pause_counting_with_a_repair_then_resume(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set(POWER, "1200.0", WATTS)
    entry = machine_entry(pump=None, power_sensor=POWER, options={OPT_PUMP_WATTS: 55})
    meter = Meter(hass, freezer)
    async with loaded(hass, entry):
        await meter.report(idle(60))
        assert counting(hass) == "counting"
        assert power_issue(hass, entry.entry_id) is None

        # A PID pulsing its heater faster than the plug reports: paused, repair.
        await meter.report(fast_pid(300))
        assert counting(hass) == "ambiguous"
        issue = power_issue(hass, entry.entry_id)
        assert issue is not None
        assert issue.translation_key == "power_ambiguous"
        assert issue.translation_placeholders == {"name": "Espresso machine"}
        # A shot pulled while paused is not counted (nor guessed).
        await meter.report(pump_run(25, level=600.0) + fast_pid(60, seed=8))
        assert state_of(hass, SHOTS).state == "0"

        # Clean again for a while (the noise window, then two minutes of
        # hysteresis): counting resumes, the repair is gone.
        await meter.report(idle(300))
        assert counting(hass) == "ambiguous"
        await meter.report(idle(180))
        assert counting(hass) == "counting"
        assert power_issue(hass, entry.entry_id) is None
        await meter.report(pump_run(25) + idle(40))
        assert state_of(hass, SHOTS).state == "1"
