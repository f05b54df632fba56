"""The options flow's calibration as a test drives it: the plug's meter, the menu, the wait.

A pytest plugin (``conftest.pytest_plugins``): its fixtures (``meter``,
``plug_only``) serve any test by name; the helpers are imported.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
import random

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance, choose, settle

KW = {"unit_of_measurement": "kW", "device_class": "power"}


class Meter:
    """The plug's power sensor, reported at frozen times."""

    def __init__(
        self, hass: HomeAssistant, freezer: FrozenDateTimeFactory, *, kw: bool = False
    ) -> None:
        self.hass = hass
        self.freezer = freezer
        self.kw = kw

    def set(self, watts: float) -> None:
        if self.kw:
            self.hass.states.async_set(POWER, f"{watts / 1000:.5f}", KW)
        else:
            self.hass.states.async_set(POWER, f"{watts:.1f}", WATTS)

    async def report(self, values: Iterable[float], every: float = 1.0) -> None:
        """One reading every ``every`` seconds."""
        for watts in values:
            self.set(watts)
            await self.wait(every)

    async def wait(self, seconds: float) -> None:
        """Let ``seconds`` of frozen time pass, reporting nothing."""
        await advance(self.hass, self.freezer, seconds)


@pytest.fixture
def meter(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> Meter:
    """The plug's power sensor in W (``meter.kw = True``: in kW)."""
    return Meter(hass, freezer)


def idle(seconds: int, level: float = 1200.0) -> list[float]:
    """A heater held on, a few W of noise."""
    wobble = (0.0, 1.4, -0.8, 0.6, -1.5, 1.1, -0.3)
    return [level + wobble[i % len(wobble)] for i in range(seconds)]


def pump_run(seconds: int, level: float = 1200.0, step: float = 55.0) -> list[float]:
    """A vibratory pump: a partial first reading as it ramps, then its full step."""
    return [level + step * 0.6] + [
        level + step + (i % 3) - 1 for i in range(seconds - 1)
    ]


def fast_pid(seconds: int, seed: int = 7) -> list[float]:
    """A PID pulsing an SSR faster than the plug reports: every reading a new average."""
    rng = random.Random(seed)
    return [5.0 + 1200.0 * rng.uniform(0.15, 0.85) for _ in range(seconds)]


@pytest.fixture
async def plug_only(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> AsyncGenerator[MockConfigEntry]:
    """A loaded plug-only machine on ``sensor.machine_power`` (W), one option set."""
    hass.states.async_set(POWER, "1200.0", WATTS)
    entry = machine_entry(pump=None, power_sensor=POWER, options={"cycles": 7})
    async with loaded(hass, entry):
        yield entry


async def choose_calibrate(hass: HomeAssistant, entry_id: str) -> ConfigFlowResult:
    """Open the options flow and choose ``calibrate`` in its menu: what comes of it."""
    return await choose(
        hass.config_entries.options, entry_id, ["settings", "calibrate"], "calibrate"
    )


async def open_calibration(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Options menu, then ``calibrate``: the explanation form."""
    result = await choose_calibrate(hass, entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate"
    assert result["errors"] == {}
    assert result["description_placeholders"] == {
        "seconds": "60",
        "run_seconds": "10",
        "pump_watts": "0",
    }
    return str(result["flow_id"])


async def submit(hass: HomeAssistant, flow_id: str) -> None:
    """Start waiting for the pump: a progress step."""
    result = await hass.config_entries.options.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    assert result["step_id"] == "calibrate_wait"
    assert result["progress_action"] == "calibrate_wait"


async def outcome(hass: HomeAssistant, flow_id: str) -> ConfigFlowResult:
    """Where the flow stands now."""
    await settle(hass)
    return await hass.config_entries.options.async_configure(flow_id)


async def start_calibration(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Open the calibration and start it: the flow waits for the pump."""
    flow_id = await open_calibration(hass, entry)
    await submit(hass, flow_id)
    return flow_id


async def calibrate_on_a_fast_pid(
    hass: HomeAssistant, entry: MockConfigEntry, meter: Meter
) -> str:
    """Calibrate on a fast PID's readings, a 55 W pump run among them.

    The idle readings wander as much as the pump's step: the flow's verdict
    (``too_noisy``) is what a test reads next.
    """
    await meter.report(fast_pid(120))
    flow_id = await start_calibration(hass, entry)
    trace = fast_pid(4, seed=8) + [w + 55 for w in fast_pid(5, seed=9)]
    await meter.report(trace + fast_pid(52, seed=10))
    return flow_id
