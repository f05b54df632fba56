"""A guided pulse pressed early, during the pause: timed from the press itself.

The guide times each pulse from the moment the pump was really seen on. A
person who presses brew before "brew on" (during the pause, or already
brewing when a phase begins) starts the pulse then: "brew off" comes
``pump_on_seconds`` after the press, and the pulse is a full one.
(Untested until now: every other test presses on or after "brew on".)
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.espresso_care.const import (
    DOMAIN,
    OPT_CYCLES,
    OPT_PUMP_OFF_SECONDS,
    OPT_PUMP_ON_SECONDS,
)

from .conftest import BREW, Relays, loaded, machine_entry
from .helpers import abort, advance, run, state_of

STATE = "sensor.espresso_machine_backflush_state"


def fired(events: list[Event], action: str) -> list[float]:
    """When each instruction ``action`` was given (seconds since the epoch)."""
    return [e.time_fired.timestamp() for e in events if e.data["action"] == action]


async def brew(hass: HomeAssistant, on: bool) -> float:
    """Press or release the brew switch now; when."""
    hass.states.async_set(BREW, "on" if on else "off")
    return dt_util.utcnow().timestamp()


async def test_a_press_during_the_pause_starts_the_pulse(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set(BREW, "off")
    entry = machine_entry(
        pump=None,
        brew_sensor=BREW,
        options={OPT_CYCLES: 3, OPT_PUMP_ON_SECONDS: 10, OPT_PUMP_OFF_SECONDS: 10},
    )
    events = async_capture_events(hass, f"{DOMAIN}_backflush_action_required")
    async with loaded(hass, entry):
        await run(hass, program="cleaner")
        await advance(hass, freezer, 1)
        await brew(hass, True)
        await advance(hass, freezer, 11)  # "brew off" came at 10 s
        released = await brew(hass, False)
        await advance(hass, freezer, 4)
        # 4 s into the 10 s pause, before "brew on": the pulse starts now.
        pressed = await brew(hass, True)
        await advance(hass, freezer, 12)
        offs = [t for t in fired(events, "brew_off") if t > pressed]
        assert offs[0] - pressed == pytest.approx(10.0, abs=0.05)
        # "Brew on" is still given at its time (the pause's end), counting
        # down what is left of the pulse; the pulse is a full one.
        ons = [t for t in fired(events, "brew_on") if released < t < offs[0]]
        assert [t - released for t in ons] == [pytest.approx(10.0, abs=0.05)]
        attributes = state_of(hass, STATE).attributes
        assert attributes["short_pulses"] == 0
        assert attributes["step"] == "2/3"
        await abort(hass)
