"""What each power reading costs: no timer per reading, a fast path for the steady level.

A plug may report every second; the machine's work per reading must stay
small. The heat-up keeps one timer through a heat-up's readings (it moved it
with every reading), and the pump detector tells when a reading was only one
more of the steady level, so the shot signal can skip its bookkeeping.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care import routine
from custom_components.espresso_care.signals.power_steps import PumpDetector
from simulator.espresso import generate

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance, settle

HEAT_UP = "sensor.espresso_machine_heat_up"

pytestmark = pytest.mark.freeze_time("2025-06-18 07:00:00+00:00")


@pytest.fixture
async def entry(hass: HomeAssistant, relays: Relays) -> AsyncGenerator[MockConfigEntry]:
    """A loaded machine with a power sensor, switched off."""
    relays.plug.set(False)
    hass.states.async_set(POWER, "0.0", WATTS)
    async with loaded(hass, machine_entry(power_sensor=POWER)) as config_entry:
        yield config_entry


async def test_heat_up_keeps_one_timer_through_its_readings(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plug reporting every second during a heat-up sets no timer per reading."""
    trace = generate(
        "thermostat",
        "vibratory",
        "periodic_1",
        seed=3,
        shots=3,
        days=1,
        calibration=False,
    )
    on, _off = trace.power_periods[0]
    ended = dict(trace.heat_up_ends)[on]
    readings = [(r.at - on, r.watts) for r in trace.reports if on <= r.at <= ended + 60]
    checks: list[datetime] = []
    track = routine.async_track_point_in_utc_time

    def counted(hass: HomeAssistant, action: Any, moment: datetime) -> Any:
        if getattr(action, "__name__", "") == "_async_check":
            checks.append(moment)
        return track(hass, action, moment)

    monkeypatch.setattr(routine, "async_track_point_in_utc_time", counted)
    relays.plug.set(True)
    await settle(hass)
    now = 0.0
    for at, watts in readings:
        if at > now:
            await advance(hass, freezer, at - now)
            now = at
        hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
    await advance(hass, freezer, 30)

    assert hass.states.get(HEAT_UP).state == "ready"
    assert len(readings) > 300
    # It set one per reading: now once, and again only when a decision moved.
    assert len(checks) <= len(readings) // 20


def test_steady_readings_are_told_apart() -> None:
    """``steady`` only for one more reading of the level, never when something moved."""
    detector = PumpDetector(60.0)
    steady = 0
    for k in range(1, 31):
        before = detector.next_deadline, detector.pump_on, detector.ambiguous
        detector.feed(float(k), 5.0 + 0.2 * (k % 2))
        if detector.steady:
            steady += 1
            after = detector.next_deadline, detector.pump_on, detector.ambiguous
            assert after == before
    # All but the first readings and the noise check's every five seconds.
    assert steady >= 20
    detector.feed(31.0, 65.0)  # the pump's step: a transient
    assert not detector.steady
    detector.feed(32.0, 65.0)
    assert not detector.steady
    detector.advance(60.0)
    assert not detector.steady
