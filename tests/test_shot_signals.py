"""Shots counted however they are pulled: brew sensor, power meter, pump relay; plug-only machines.

Everything goes through Home Assistant: a real power ``sensor`` entity state
(set with ``hass.states.async_set`` at frozen moments, as a plug integration
would), a brew switch ``binary_sensor``, the machine's own entities, its
actions, repairs and diagnostics.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
)

from custom_components.espresso_care.const import (
    CONF_POWER_SENSOR,
    CONF_PUMP_ENTITY,
    DOMAIN,
    OPT_PUMP_WATTS,
)
from custom_components.espresso_care.diagnostics import (
    async_get_config_entry_diagnostics,
)
from simulator.espresso import generate

from .conftest import (
    BREW,
    POWER,
    PUMP,
    WATTS,
    Relays,
    loaded,
    machine_entry,
    machine_marker,
)
from .helpers import abort, advance, press, run, settle, state_of
from .plug_replay import feed, plug_only_machine

SHOTS = "sensor.espresso_machine_shots"
FLUSHES = "sensor.espresso_machine_flushes"
IDLE = 3.0  # standby electronics
PUMP_W = 52.0


def make_entry(
    *,
    pump: bool = True,
    power_sensor: bool = False,
    brew_sensor: bool = False,
    options: dict[str, Any] | None = None,
) -> MockConfigEntry:
    """A machine entry with the chosen signals."""
    return machine_entry(
        pump=PUMP if pump else None,
        power_sensor=POWER if power_sensor else None,
        brew_sensor=BREW if brew_sensor else None,
        options=options,
    )


@pytest.fixture
async def machine(
    hass: HomeAssistant,
    relays: Relays,
    request: pytest.FixtureRequest,
    freezer: FrozenDateTimeFactory,
) -> AsyncGenerator[MockConfigEntry]:
    """A loaded machine; ``@pytest.mark.machine(pump=..., ...)`` picks its signals."""
    hass.states.async_set(POWER, str(IDLE), WATTS)
    hass.states.async_set(BREW, "off")
    entry = make_entry(**machine_marker(request))
    async with loaded(hass, entry):
        yield entry


def shots(hass: HomeAssistant) -> int:
    """The shots sensor's value."""
    return int(state_of(hass, SHOTS).state)


def flushes(hass: HomeAssistant) -> int:
    """The flushes sensor's value."""
    return int(state_of(hass, FLUSHES).state)


async def report(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    levels: Iterable[tuple[float, float]],
    *,
    every: float = 1.0,
    attributes: dict[str, Any] | None = None,
) -> None:
    """A plug reporting every ``every`` s: ``levels`` are (watts, seconds) stretches."""
    for watts, seconds in levels:
        for _ in range(max(1, round(seconds / every))):
            hass.states.async_set(POWER, f"{watts:.1f}", attributes or WATTS)
            await advance(hass, freezer, every)


def shot(pump_w: float = PUMP_W, seconds: float = 25.0) -> list[tuple[float, float]]:
    """Idle, a pump run of ``seconds``, idle again."""
    return [(IDLE, 20.0), (IDLE + pump_w, seconds), (IDLE, 30.0)]


# --- the brew sensor ---------------------------------------------------------------


@pytest.mark.machine(brew_sensor=True, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_brew_sensor_counts_once_when_relay_and_meter_see_it_too(
    hass: HomeAssistant,
    machine: MockConfigEntry,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The brew sensor is the signal: one shot, though the pump relay and the meter saw it too."""
    assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
    hass.states.async_set(BREW, "on")
    relays.pump.set(True)
    await report(hass, freezer, [(IDLE + PUMP_W, 25.0)])
    hass.states.async_set(BREW, "off")
    relays.pump.set(False)
    await report(hass, freezer, [(IDLE, 30.0)])
    assert shots(hass) == 1
    assert flushes(hass) == 0


@pytest.mark.machine(brew_sensor=True, pump=False)
async def test_brew_sensor_flush_and_unavailable_mid_run(
    hass: HomeAssistant, machine: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """A short run is a flush; a run during which the sensor went unavailable is dropped."""
    hass.states.async_set(BREW, "on")
    await advance(hass, freezer, 3)
    hass.states.async_set(BREW, "off")
    # Counted once no pulse follows: it was not a hand-made backflush's.
    await advance(hass, freezer, 40)
    assert (shots(hass), flushes(hass)) == (0, 1)
    hass.states.async_set(BREW, "on")
    await advance(hass, freezer, 10)
    hass.states.async_set(BREW, STATE_UNAVAILABLE)
    await advance(hass, freezer, 10)
    hass.states.async_set(BREW, "off")
    await advance(hass, freezer, 10)
    assert (shots(hass), flushes(hass)) == (0, 1)


# --- the power meter ----------------------------------------------------------------


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_plug_only_machine_counts_a_shot_and_a_flush_by_power(
    hass: HomeAssistant, machine: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """A plug and its meter: the shot and the flush after it are counted from power."""
    attributes = state_of(hass, SHOTS).attributes
    assert attributes["signal"] == "power"
    assert attributes["counting"] == "counting"
    await report(hass, freezer, shot(seconds=27.0))
    assert shots(hass) == 1
    await report(hass, freezer, shot(seconds=4.0))
    # A flush counts once no backflush pulse follows it.
    await report(hass, freezer, [(IDLE, 20.0)])
    assert (shots(hass), flushes(hass)) == (1, 1)
    # The power sensor shows itself; the machine makes no copy of it.
    assert hass.states.get("sensor.espresso_machine_power") is None


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_power_in_kilowatts(
    hass: HomeAssistant, machine: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """A sensor in kW is read in W."""
    kw = {"unit_of_measurement": "kW", "device_class": "power"}
    for watts, seconds in shot():
        for _ in range(round(seconds)):
            hass.states.async_set(POWER, f"{watts / 1000:.4f}", kw)
            await advance(hass, freezer, 1)
    assert shots(hass) == 1


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
@pytest.mark.parametrize("bad", ["unknown", STATE_UNAVAILABLE, "abc", "-40", "99999"])
async def test_nonsense_mid_run_counts_nothing_and_is_logged_once(
    hass: HomeAssistant,
    machine: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    bad: str,
) -> None:
    """Text, negative or absurd readings drop the run in progress; each kind is logged once."""
    caplog.set_level(logging.WARNING)
    await report(hass, freezer, [(IDLE, 20.0), (IDLE + PUMP_W, 10.0)])
    for _ in range(3):
        hass.states.async_set(POWER, bad, WATTS)
        await advance(hass, freezer, 1)
        hass.states.async_set(POWER, f"{IDLE + PUMP_W:.1f}", WATTS)
        await advance(hass, freezer, 1)
    await report(hass, freezer, [(IDLE + PUMP_W, 10.0), (IDLE, 30.0)])
    assert shots(hass) == 0
    if bad not in ("unknown", STATE_UNAVAILABLE):
        assert caplog.text.count("Power sensor sensor.machine_power") == 1


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_restart_mid_run_counts_nothing(
    hass: HomeAssistant, machine: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """A run already going when the machine starts is not a shot (its start was not seen)."""
    await report(hass, freezer, [(IDLE, 20.0), (IDLE + PUMP_W, 10.0)])
    assert await hass.config_entries.async_reload(machine.entry_id)
    await settle(hass)
    await report(hass, freezer, [(IDLE + PUMP_W, 15.0), (IDLE, 30.0)])
    assert shots(hass) == 0
    await report(hass, freezer, shot())
    assert shots(hass) == 1


@pytest.mark.machine(pump=False, power_sensor=True)
async def test_unknown_pump_watts_counts_nothing_and_asks_for_calibration(
    hass: HomeAssistant, machine: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """With pump_watts 0 and nothing to learn from, a repair asks for calibration."""
    assert state_of(hass, SHOTS).attributes["counting"] == "needs_calibration"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"power_{machine.entry_id}")
    assert issue is not None
    assert issue.translation_key == "power_needs_calibration"
    await report(hass, freezer, shot())
    assert shots(hass) == 0
    hass.config_entries.async_update_entry(machine, options={OPT_PUMP_WATTS: 52})
    await settle(hass)
    assert state_of(hass, SHOTS).attributes["counting"] == "counting"
    assert (
        ir.async_get(hass).async_get_issue(DOMAIN, f"power_{machine.entry_id}") is None
    )
    await report(hass, freezer, shot())
    assert shots(hass) == 1


@pytest.mark.machine(power_sensor=True)
async def test_pump_watts_learned_from_relay_runs(
    hass: HomeAssistant,
    machine: MockConfigEntry,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Runs the pump relay sees teach the meter the pump's step; power then counts.

    Until then the relay counts, so nothing is lost while power cannot.
    """
    attributes = state_of(hass, SHOTS).attributes
    assert attributes["signal"] == "pump_relay"
    assert attributes["counting"] == "needs_calibration"
    for _ in range(2):
        await report(hass, freezer, [(IDLE, 20.0)])
        relays.pump.set(True)
        await report(hass, freezer, [(IDLE + PUMP_W, 8.0)])
        relays.pump.set(False)
        await report(hass, freezer, [(IDLE, 20.0)])
    attributes = state_of(hass, SHOTS).attributes
    assert attributes["signal"] == "power"
    assert attributes["counting"] == "counting"
    assert attributes["pump_watts"] == pytest.approx(PUMP_W, abs=5)
    # The relay runs were flushes, each counted once: the first by the relay
    # (power did not count yet), the second by power, once no pulse followed.
    await report(hass, freezer, [(IDLE, 20.0)])
    assert flushes(hass) == 2
    await report(hass, freezer, shot())
    assert shots(hass) == 1


@pytest.mark.machine(power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_program_pulses_are_never_counted_by_power(
    hass: HomeAssistant,
    machine: MockConfigEntry,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A flush program's pulses show on the meter but are the program's, not shots or flushes."""
    await report(hass, freezer, [(IDLE, 20.0)])
    await run(hass, program="flush")
    for _ in range(40):
        watts = IDLE + PUMP_W if relays.pump.is_on else IDLE
        hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
        await advance(hass, freezer, 1)
    assert state_of(hass, "sensor.espresso_machine_backflush_state").state == (
        "completed"
    )
    assert (shots(hass), flushes(hass)) == (0, 0)


# --- plug-only machines -----------------------------------------------------------


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_plug_only_guides_programs_and_keeps_its_buttons(
    hass: HomeAssistant, machine: MockConfigEntry
) -> None:
    """No pump switch: the programs and buttons stay, and run as guides for a person."""
    assert hass.states.get("switch.espresso_machine_pump") is None
    assert hass.states.get("switch.espresso_machine_power") is not None
    assert hass.states.get("button.espresso_machine_start_backflush") is not None
    await run(hass, program="cleaner")
    state = state_of(hass, "sensor.espresso_machine_backflush_state")
    assert (state.state, state.attributes["guided"]) == ("cleaning", True)
    assert state.attributes["action"] == "brew_on"
    await abort(hass)
    await press(hass, "flush_group")
    state = state_of(hass, "sensor.espresso_machine_backflush_state")
    assert (state.state, state.attributes["program"]) == ("flushing", "flush")
    await abort(hass)


async def test_reconfigure_removes_the_pump_switch_and_keeps_counters(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """From relay to plug-only: the pump switch goes, the counted shots stay."""
    hass.states.async_set(POWER, str(IDLE), WATTS)
    entry = make_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    relays.pump.set(True)
    await advance(hass, freezer, 25)
    relays.pump.set(False)
    await settle(hass)
    assert shots(hass) == 1
    hass.config_entries.async_update_entry(
        entry,
        data={k: v for k, v in entry.data.items() if k != CONF_PUMP_ENTITY}
        | {CONF_POWER_SENSOR: POWER},
        options={OPT_PUMP_WATTS: 52},
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await settle(hass)
    assert hass.states.get("switch.espresso_machine_pump") is None
    assert (
        er.async_get(hass).async_get_entity_id(
            "switch", DOMAIN, f"{entry.entry_id}_pump"
        )
        is None
    )
    assert shots(hass) == 1
    await report(hass, freezer, shot())
    assert shots(hass) == 2
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.machine(pump=False, power_sensor=True, options={OPT_PUMP_WATTS: 52})
async def test_diagnostics_name_the_signal(
    hass: HomeAssistant, machine: MockConfigEntry
) -> None:
    """Diagnostics say which signal counts and how it is doing."""
    diagnostics = await async_get_config_entry_diagnostics(hass, machine)
    signal = diagnostics["shot_signal"]
    assert signal["kind"] == "power"
    assert signal["counting"] == "counting"
    assert signal["pump_watts"] == 52
    assert signal["meter"]["entity_id"] == POWER
    assert diagnostics["relays"]["pump"] == {"type": "none"}


# --- simulated machines, through a real sensor entity --------------------------------


@pytest.mark.parametrize(
    ("family", "min_share"),
    [
        ("thermostat", 0.8),
        ("heat_exchanger", 0.6),
        # Half on this day: the benchmark's dual boilers, with two heaters
        # switching beside the pump, count about three in four.
        ("dual_boiler", 0.5),
        ("pid_slow", 0.0),
        ("pid_fast", 0.0),
    ],
)
async def test_simulated_families_through_a_sensor_entity(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    family: str,
    min_share: float,
) -> None:
    """A day of each machine family, reading by reading from a real sensor entity.

    Never more shots than were pulled; most of them on the thermostat, heat
    exchanger and dual boiler (the benchmark measures the exact rates); on a
    fast PID, counting by power pauses with a repair issue instead of guessing.
    """
    trace = generate(
        family, "vibratory", "periodic_1", seed=3, shots=6, calibration=False
    )
    sensor, entry = await plug_only_machine(hass, monkeypatch, trace.pump_watts)
    paused = False

    def note_paused() -> None:
        nonlocal paused
        paused |= state_of(hass, SHOTS).attributes["counting"] == "ambiguous"

    await feed(hass, freezer, sensor, trace.reports, note_paused)
    await advance(hass, freezer, 120)
    true_shots = sum(1 for run in trace.runs if run.kind == "shot")
    counted = shots(hass)
    assert counted <= true_shots
    assert counted >= min_share * true_shots
    if family == "pid_fast":
        assert paused
        assert counted == 0
    await hass.config_entries.async_unload(entry.entry_id)
