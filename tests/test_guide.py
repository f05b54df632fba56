"""The guided backflush: a machine without a pump relay, and a person at its brew switch.

A simulated person follows the instructions the machine gives (the state
sensor's ``action`` and the ``backflush_action_required`` events) by switching
a brew sensor or by making the plug's power show the pump, in frozen time.
Everything is read back through Home Assistant: states, attributes, events.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from datetime import datetime
import itertools
import logging
import os
import random
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.espresso_care.const import (
    DOMAIN,
    OPT_ANNOUNCE_ENTITIES,
    OPT_ANNOUNCE_TTS,
    OPT_CYCLES,
    OPT_FLUSH_SECONDS,
    OPT_FLUSHES,
    OPT_PUMP_OFF_SECONDS,
    OPT_PUMP_ON_SECONDS,
    OPT_PUMP_WATTS,
    OPT_RINSE_CYCLES,
)
from custom_components.espresso_care.guide import MISSED_LIMIT, REPEAT_SECONDS
from custom_components.espresso_care.signals.shot_signal import (
    POWER_SWITCH_DELAY_SECONDS,
)
from simulator.espresso import PLUG_MODELS, LivePlug, MachineModel

from .conftest import (
    BREW,
    POWER,
    WATTS,
    Relays,
    Rig,
    loaded,
    machine_entry,
    machine_marker,
)
from .fake_speakers import KITCHEN, PLAYER, TTS, FakeSpeakers
from .helpers import abort, advance, resume, run, settle, state_of

STATE = "sensor.espresso_machine_backflush_state"
LAST_BACKFLUSH = "sensor.espresso_machine_last_backflush"
IDLE = 3.0
PUMP_W = 52.0
# Three pulses of 10 s, a rinse of two, one flush of 3 s; pauses of 10 s.
OPTIONS = {
    OPT_CYCLES: 3,
    OPT_PUMP_ON_SECONDS: 10,
    OPT_PUMP_OFF_SECONDS: 10,
    OPT_RINSE_CYCLES: 2,
    OPT_FLUSHES: 1,
    OPT_FLUSH_SECONDS: 3,
}
STEP = 0.25


@dataclass
class PluggedMachine:
    """A simulated machine behind a metering plug, read live into the power sensor.

    ``simulator.espresso``'s physics (heaters cycling, the pump ramping, the
    mains moving) through one of its plugs (1 s, 2 s, 5 s or on change), in
    a closed loop: the person's brew switch runs its pump. ``heat_up``
    switches it on cold and waits until it is ready, as a person does before
    a backflush; a ``Person``'s clock 0 is then.
    """

    hass: HomeAssistant
    model: MachineModel
    plug: LivePlug
    start: float = 0.0

    @classmethod
    def cold(
        cls, hass: HomeAssistant, family: str, plug: str, seed: int
    ) -> PluggedMachine:
        """Machine ``seed`` of ``family`` (vibratory pump), cold, its plug reading."""
        model = MachineModel(family, "vibratory", seed=seed)
        return cls(
            hass, model, LivePlug(PLUG_MODELS[plug], model, random.Random(seed), 0.0)
        )

    async def heat_up(
        self, freezer: FrozenDateTimeFactory, rest: float, *, seen: bool = True
    ) -> None:
        """Switch on, heat up, and stand ``rest`` seconds more, a second at a time.

        Not ``seen``: the plug's readings reach Home Assistant only for the
        last ``rest`` seconds (it started while the machine was hot).
        """
        self.model.set_power(True, 0.0)
        at = 0.0
        while self.model.heat_up_end is None or at < self.model.heat_up_end + rest:
            if seen or (
                self.model.heat_up_end is not None and at >= self.model.heat_up_end
            ):
                self.run_to(at)
                await advance(self.hass, freezer, 1.0)
            else:
                self.plug.until(at)
            at += 1.0
        self.start = at

    @property
    def pump_watts(self) -> int:
        """The pump's step, as a user's calibration would save it."""
        return round(self.model.spec.pump_watts)

    def run_to(self, clock: float) -> None:
        """Post the readings the plug has measured by ``clock``."""
        for report in self.plug.until(self.start + clock):
            self.hass.states.async_set(POWER, f"{report.watts:.1f}", WATTS)

    def pump(self, on: bool, clock: float) -> None:
        """The brew switch pressed (or released) at ``clock``."""
        self.model.set_pump(on, self.start + clock, "backflush_pulse")


@dataclass
class Person:
    """Someone at the machine, doing what it says after ``reaction`` seconds.

    ``release_after`` lets go of brew early on the given pulses (1-based,
    counted over the whole program); ``ignore`` prompts are not followed.
    With ``power`` the machine's plug reports the pump every second instead
    of a brew sensor switching.
    """

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    power: bool = False
    machine: PluggedMachine | None = None
    reaction: float = 1.0
    release_after: dict[int, float] = field(default_factory=dict)
    ignore: int = 0
    continue_waits: bool = True
    brewing: bool = False
    presses: list[datetime] = field(default_factory=list)
    releases: list[datetime] = field(default_factory=list)
    seconds_left: list[int] = field(default_factory=list)
    _due: float | None = None
    _want: bool | None = None
    _seen: int = 0
    _clock: float = 0.0
    _next_reading: float = 0.0

    def switch(self, on: bool) -> None:
        """Press or release the brew switch now."""
        self.brewing = on
        (self.presses if on else self.releases).append(dt_util.utcnow())
        if self.machine is not None:
            self.machine.pump(on, self._clock)
        elif not self.power:
            self.hass.states.async_set(BREW, "on" if on else "off")

    async def follow(self, events: list[Event], seconds: float) -> None:
        """Act on the instructions for ``seconds`` of frozen time."""
        end = self._clock + seconds
        while self._clock < end - 1e-9:
            if self.machine is not None:
                self.machine.run_to(self._clock)
            for event in events[self._seen :]:
                self._seen += 1
                want = event.data["action"] == "brew_on"
                if event.data["action"] not in ("brew_on", "brew_off"):
                    continue
                if self.ignore:
                    self.ignore -= 1
                    continue
                if want != self.brewing and self._want is None:
                    self._want, self._due = want, self._clock + self.reaction
            pulse = len(self.presses)
            if (
                self.brewing
                and pulse in self.release_after
                and (dt_util.utcnow() - self.presses[-1]).total_seconds()
                >= self.release_after[pulse] - 1e-6
            ):
                del self.release_after[pulse]
                self.switch(False)
                self._want = self._due = None
            if self._due is not None and self._clock >= self._due - 1e-9:
                assert self._want is not None
                if self._want != self.brewing:
                    self.switch(self._want)
                self._want = self._due = None
            if (
                self.power
                and self.machine is None
                and self._clock >= self._next_reading - 1e-9
            ):
                watts = IDLE + (PUMP_W if self.brewing else 0.0)
                self.hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
                self._next_reading += 1.0
            state = state_of(self.hass, STATE)
            if self.continue_waits and state.state in (
                "awaiting_rinse",
                "awaiting_flush",
            ):
                await resume(self.hass)
            if (left := state.attributes.get("seconds_left")) is not None and (
                not self.seconds_left or self.seconds_left[-1] != left
            ):
                self.seconds_left.append(left)
            await advance(self.hass, self.freezer, STEP)
            self._clock += STEP

    def pulses(self) -> list[float]:
        """How long each press lasted, in seconds."""
        return [
            (off - on).total_seconds()
            for on, off in zip(self.presses, self.releases, strict=False)
        ]


@pytest.fixture
async def entry(
    hass: HomeAssistant,
    relays: Relays,
    request: pytest.FixtureRequest,
    freezer: FrozenDateTimeFactory,
) -> AsyncGenerator[MockConfigEntry]:
    """A machine without a pump relay; ``@pytest.mark.machine(signal=...)`` picks its signal."""
    marker = machine_marker(request)
    signal = getattr(request, "param", None) or marker.get("signal", "brew")
    options = {**OPTIONS, OPT_PUMP_WATTS: round(PUMP_W), **marker.get("options", {})}
    hass.states.async_set(POWER, str(IDLE), WATTS)
    hass.states.async_set(BREW, "off")
    entry = machine_entry(
        pump=None,
        brew_sensor=BREW if signal == "brew" else None,
        power_sensor=POWER if signal == "power" else None,
        options=options,
    )
    async with loaded(hass, entry):
        if signal == "power":
            # The meter's idle level first, as a plug reports it every second.
            for _ in range(30):
                hass.states.async_set(POWER, f"{IDLE:.1f}", WATTS)
                await advance(hass, freezer, 1.0)
        yield entry


@pytest.fixture
def events(hass: HomeAssistant) -> dict[str, list[Event]]:
    """The program's events, by name."""
    return {
        name: async_capture_events(hass, f"{DOMAIN}_backflush_{name}")
        for name in ("started", "action_required", "finished", "recognized")
    }


def actions(events: dict[str, list[Event]]) -> list[str]:
    """The instructions given, in order, repeats folded."""
    said: list[str] = []
    for event in events["action_required"]:
        if not said or said[-1] != event.data["action"]:
            said.append(event.data["action"])
    return said


BOTH = pytest.mark.parametrize("entry", ["brew", "power"], indirect=True)


def by_power(machine: MockConfigEntry) -> bool:
    """Whether the machine listens to the power meter (else a brew sensor)."""
    return "power_sensor" in machine.data


def slack(machine: MockConfigEntry) -> float:
    """How far a switch seen by the signal may be from the person's: a reading's second by power."""
    return 1.01 if by_power(machine) else 0.01


def attributes(hass: HomeAssistant) -> dict[str, Any]:
    """The backflush state sensor's attributes."""
    return dict(state_of(hass, STATE).attributes)


CLEANER_ACTIONS = [
    *["brew_on", "brew_off"] * 3,
    "rinse_portafilter",
    *["brew_on", "brew_off"] * 2,
    "remove_portafilter",
    "brew_on",
    "brew_off",
]


SWEEP_MACHINES = int(os.environ.get("ESPRESSO_GUIDE_SWEEP", "0"))
"""Machines per family and plug for a measuring run (0: the cases below only).

``ESPRESSO_GUIDE_SWEEP=24 pytest tests/test_guide.py -k simulated_plug -rA``
lists, per family, plug and machine, whether the guide completed.
"""
SIMULATED_PLUGS = (
    [
        # Each was aborted before the guide also read the level (``live_level``):
        # the pump ran unseen under a heater's edges until three prompts passed.
        ("heat_exchanger", "on_change", 2),
        ("dual_boiler", "periodic_5", 3),
        ("thermostat", "periodic_5", 4),
        # Aborted until the level was read between a slow PID's pulses too
        # (they pause the edges; the pump alone shows between them).
        ("pid_slow", "periodic_1", 10),
        # Seen by its run as before.
        ("dual_boiler", "periodic_1", 1),
    ]
    if not SWEEP_MACHINES
    else [
        (family, plug, machine)
        for family in ("thermostat", "heat_exchanger", "dual_boiler", "pid_slow")
        for plug in ("periodic_1", "periodic_2", "on_change", "periodic_5")
        for machine in range(1, SWEEP_MACHINES + 1)
    ]
)


async def guided_at_a_simulated_plug(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    events: dict[str, list[Event]],
    machine: PluggedMachine,
    *,
    rest: float = 120.0,
    heat_up_seen: bool = True,
) -> Person:
    """Heat ``machine`` up, run the cleaner program, follow it: completed, every pulse whole."""
    hass.states.async_set(POWER, "0.0", WATTS)
    entry = machine_entry(
        pump=None,
        power_sensor=POWER,
        options={**OPTIONS, OPT_PUMP_WATTS: machine.pump_watts},
    )
    async with loaded(hass, entry):
        await machine.heat_up(freezer, rest, seen=heat_up_seen)
        person = Person(hass, freezer, power=True, machine=machine)
        await run(hass, program="cleaner")
        await person.follow(events["action_required"], 400)
        assert [e.data["result"] for e in events["finished"]] == ["completed"]
        assert actions(events) == CLEANER_ACTIONS
        # No pulse cut short by a press dated before it (the person holds
        # until told; by the clock alone, to the step of the person's clock).
        assert min(person.pulses()[:-1]) >= 10.0 - STEP
    return person


@pytest.mark.parametrize(("family", "plug", "seed"), SIMULATED_PLUGS)
async def test_guided_backflush_at_a_simulated_plug(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    events: dict[str, list[Event]],
    family: str,
    plug: str,
    seed: int,
) -> None:
    """A machine's own power as its plug reports it: the guide sees each press and completes.

    The machine is switched on cold and heated up first, so the signal has
    seen its heaters, as it has at home before a backflush.
    """
    machine = PluggedMachine.cold(hass, family, plug, seed)
    await guided_at_a_simulated_plug(hass, freezer, events, machine)


async def test_a_run_dated_before_the_program_starts_its_first_pulse_at_the_start(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    events: dict[str, list[Event]],
) -> None:
    """The signal dates the first press back to a heater's rise before the program: not the pulse.

    Home Assistant saw only the last five minutes of a hot thermostat: its
    heater rose some 20 s before the program, the pump came on, the heater
    fell, and the run read from the fall was dated from the heater's rise.
    The first pulse was timed from there and ended early.
    """
    machine = PluggedMachine.cold(hass, "thermostat", "periodic_1", 1)
    person = await guided_at_a_simulated_plug(
        hass, freezer, events, machine, rest=307.0, heat_up_seen=False
    )
    assert person.pulses()[0] >= 10.0


@BOTH
async def test_guided_backflush_followed_on_time(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Followed within a second: every pulse lasts its time from the real press; recorded."""
    signal = "power" if rig.entry.data.get("power_sensor") else "brew"
    person = Person(hass, rig.freezer, power=signal == "power")
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"
    await run(hass, program="cleaner")
    assert state_of(hass, STATE).state == "cleaning"
    first = attributes(hass)
    assert first["guided"] is True
    assert first["listening"] is True
    assert first["action"] == "brew_on"
    assert first["step"] == "1/3"
    await person.follow(events["action_required"], 200)
    assert state_of(hass, STATE).state == "completed"
    assert actions(events) == CLEANER_ACTIONS
    # Each "brew off" came the pulse's time after the pump was really seen on.
    on_off = [e for e in events["action_required"] if e.data["action"] == "brew_off"]
    for press, off in zip(person.presses, on_off, strict=False):
        expected = 3.0 if press is person.presses[-1] else 10.0
        assert (off.time_fired - press).total_seconds() == pytest.approx(
            expected, abs=0.05 if signal == "brew" else 1.0
        )
    # A press lasts its time plus the person's second of reaction (and, by
    # power, up to a reading's second until the machine could tell).
    assert person.pulses() == [
        pytest.approx(s, abs=0.01 if signal == "brew" else 1.01)
        for s in [11, 11, 11, 11, 11, 4]
    ]
    # Completed: the backflush is recorded, the pulses are no flushes.
    finished = events["finished"][0].time_fired
    assert state_of(hass, LAST_BACKFLUSH).state == finished.isoformat(
        timespec="seconds"
    )
    assert [e.data["result"] for e in events["finished"]] == ["completed"]
    assert events["recognized"] == []
    assert state_of(hass, "sensor.espresso_machine_flushes").state == "0"
    assert state_of(hass, "sensor.espresso_machine_shots").state == "0"
    final = attributes(hass)
    assert "next_switch" not in final
    assert "seconds_left" not in final


@pytest.mark.machine(signal="brew")
async def test_countdown_ticks_every_second(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """The next switch is an attribute, and the seconds left count down once a second."""
    person = Person(hass, rig.freezer, reaction=0.0)
    await run(hass, program="cleaner")
    await person.follow(events["action_required"], 0.5)
    pressed = person.presses[0]
    assert (
        attributes(hass)["next_switch"]
        == (pressed + dt_util.dt.timedelta(seconds=10)).isoformat()
    )
    shots = state_of(hass, "sensor.espresso_machine_shots").last_reported
    await person.follow(events["action_required"], 8.0)
    # Between instructions only the state sensor is written each second.
    assert state_of(hass, "sensor.espresso_machine_shots").last_reported == shots
    await person.follow(events["action_required"], 11.5)
    # 10 s of brewing counted down to 1, then the 10 s pause.
    assert person.seconds_left[:20] == [
        10,
        9,
        8,
        7,
        6,
        5,
        4,
        3,
        2,
        1,
        *range(10, 0, -1),
    ]
    await abort(hass)


@BOTH
async def test_late_presses_are_timed_from_the_press(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """A person 4 s slow: each pulse still lasts 10 s from their press, and the pause 10 s."""
    person = Person(hass, rig.freezer, power=by_power(rig.entry), reaction=4.0)
    await run(hass, program="cleaner")
    await person.follow(events["action_required"], 250)
    assert state_of(hass, STATE).state == "completed"
    offs = [e for e in events["action_required"] if e.data["action"] == "brew_off"]
    ons = [e for e in events["action_required"] if e.data["action"] == "brew_on"]
    # The first "brew off" after each press came the pulse's time after it,
    # and the first "brew on" after each release the pause's time after that.
    for press, seconds in zip(person.presses, [10, 10, 10, 10, 10, 3], strict=True):
        off = next(e.time_fired for e in offs if e.time_fired > press)
        assert (off - press).total_seconds() == pytest.approx(
            seconds, abs=slack(rig.entry)
        )
    for release in person.releases[:-1]:
        on = next(e.time_fired for e in ons if e.time_fired > release)
        if (on - release).total_seconds() < 11:  # not across a wait for the user
            assert (on - release).total_seconds() == pytest.approx(
                10.0, abs=slack(rig.entry)
            )
    assert person.pulses() == [
        pytest.approx(p, abs=slack(rig.entry)) for p in [14, 14, 14, 14, 14, 7]
    ]


@BOTH
async def test_an_early_release_is_a_short_pulse_asked_for_again(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Pulse 2 let go after 4 of 10 s: one more cleaning pulse at the end of the phase."""
    person = Person(
        hass, rig.freezer, power=by_power(rig.entry), release_after={2: 4.0}
    )
    await run(hass, program="cleaner")
    await person.follow(events["action_required"], 50)
    assert attributes(hass)["short_pulses"] == 1
    assert attributes(hass)["step"].endswith("/4")
    await person.follow(events["action_required"], 250)
    assert state_of(hass, STATE).state == "completed"
    cleaning = person.pulses()[:4]
    assert cleaning == [pytest.approx(p, abs=slack(rig.entry)) for p in [11, 4, 11, 11]]
    assert actions(events)[:8] == [*["brew_on", "brew_off"] * 4]
    assert actions(events)[8] == "rinse_portafilter"
    assert state_of(hass, "sensor.espresso_machine_backflush_progress").state == "100"


@BOTH
async def test_missed_prompts_are_repeated_then_abort(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Nobody presses: "brew on" again and again, three times, then the program is aborted.

    A prompt is given 6 s, and by power the meter's delay in telling too.
    """
    window = REPEAT_SECONDS + (POWER_SWITCH_DELAY_SECONDS if by_power(rig.entry) else 0)
    await run(hass, program="cleaner")
    await rig.advance(window * MISSED_LIMIT - 0.01)
    assert state_of(hass, STATE).state == "cleaning"
    prompts = [e for e in events["action_required"] if e.data["action"] == "brew_on"]
    assert len(prompts) == MISSED_LIMIT
    gaps = [
        (b.time_fired - a.time_fired).total_seconds()
        for a, b in itertools.pairwise(prompts)
    ]
    assert gaps == [pytest.approx(window)] * (MISSED_LIMIT - 1)
    await rig.advance(0.02)
    assert state_of(hass, STATE).state == "aborted"
    assert attributes(hass)["reason"] == "prompts_missed"
    assert [e.data["result"] for e in events["finished"]] == ["aborted"]
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"


async def test_a_plug_read_every_5_s_gives_each_prompt_three_readings(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    events: dict[str, list[Event]],
) -> None:
    """Every 5 s a press is told about three readings late: a prompt waits 6 s and 15 s.

    With the 3 s a plug read every second needs, the first "brew on" was
    given again before the readings could show the press (bench ``guided``:
    5 of 400 thermostat presses seen within it); three unanswered still abort.
    """
    entry = machine_entry(
        pump=None,
        power_sensor=POWER,
        options={**OPTIONS, OPT_PUMP_WATTS: round(PUMP_W)},
    )
    hass.states.async_set(POWER, f"{IDLE:.1f}", WATTS)
    async with loaded(hass, entry):
        for n in range(60):
            hass.states.async_set(POWER, f"{IDLE + n % 2 * 0.1:.1f}", WATTS)
            await advance(hass, freezer, 5.0)
        window = REPEAT_SECONDS + 3 * 5.0
        await run(hass, program="cleaner")
        await advance(hass, freezer, window * MISSED_LIMIT - 0.01)
        assert state_of(hass, STATE).state == "cleaning"
        prompts = [e.time_fired for e in events["action_required"]]
        assert [e.data["action"] for e in events["action_required"]] == [
            "brew_on"
        ] * MISSED_LIMIT
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(prompts)]
        assert gaps == [pytest.approx(window)] * (MISSED_LIMIT - 1)
        await advance(hass, freezer, 0.02)
        assert state_of(hass, STATE).state == "aborted"
        assert attributes(hass)["reason"] == "prompts_missed"


@pytest.mark.machine(signal="brew")
async def test_two_missed_prompts_then_followed_go_on(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Two prompts missed, the third followed: the program goes on and completes."""
    person = Person(hass, rig.freezer, ignore=2)
    await run(hass, program="cleaner")
    await person.follow(events["action_required"], 260)
    assert state_of(hass, STATE).state == "completed"
    assert [e.data["action"] for e in events["action_required"][:3]] == ["brew_on"] * 3


@BOTH
async def test_a_missed_brew_off_is_repeated_then_aborts(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """The pump left on past "brew off": asked again, then aborted; the person is told."""
    person = Person(hass, rig.freezer, power=by_power(rig.entry), ignore=99)
    await run(hass, program="cleaner")
    person.switch(True)
    await person.follow(
        events["action_required"], 10 + (REPEAT_SECONDS + 3.5) * MISSED_LIMIT
    )
    assert state_of(hass, STATE).state == "aborted"
    offs = [e for e in events["action_required"] if e.data["action"] == "brew_off"]
    assert len(offs) == MISSED_LIMIT
    assert state_of(hass, STATE).state == "aborted"
    assert attributes(hass)["reason"] == "prompts_missed"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0.5, "cleaning"),  # waiting for the first press
        (5.0, "cleaning"),  # mid-pulse
        (15.0, "cleaning"),  # in a pause
        (70.0, "awaiting_rinse"),
        (85.0, "rinsing"),
        (135.0, "awaiting_flush"),
        (137.0, "flushing"),
    ],
)
@BOTH
async def test_abort_at_every_step(
    hass: HomeAssistant,
    rig: Rig,
    events: dict[str, list[Event]],
    seconds: float,
    expected: str,
) -> None:
    """Aborted anywhere: aborted, no backflush recorded, the countdown stops."""
    person = Person(hass, rig.freezer, power=by_power(rig.entry), continue_waits=False)
    await run(hass, program="cleaner")
    await person.follow(events["action_required"], min(seconds, 70.0))
    if seconds > 70.0:
        await resume(hass)
        await person.follow(events["action_required"], min(seconds, 135.0) - 70.0)
    if seconds > 135.0:
        await resume(hass)
        await person.follow(events["action_required"], seconds - 135.0)
    assert state_of(hass, STATE).state == expected
    await abort(hass)
    await settle(hass)
    assert state_of(hass, STATE).state == "aborted"
    assert attributes(hass)["reason"] == "user"
    assert "seconds_left" not in attributes(hass)
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"
    written = state_of(hass, STATE).last_updated
    await rig.advance(30)
    assert state_of(hass, STATE).last_updated == written


@pytest.mark.machine(signal="none")
async def test_no_signal_runs_on_time_alone(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Nothing to check against: the guide says so and keeps to the clock."""
    start = dt_util.utcnow()
    await run(hass, program="cleaner")
    assert attributes(hass)["listening"] is False
    await rig.advance(60)
    offsets = [
        ((e.time_fired - start).total_seconds(), e.data["action"])
        for e in events["action_required"]
    ]
    expected: list[tuple[object, str]] = [  # approx equals a float; to mypy, no
        (pytest.approx(t), a)
        for t, a in [
            (0, "brew_on"),
            (10, "brew_off"),
            (20, "brew_on"),
            (30, "brew_off"),
            (40, "brew_on"),
            (50, "brew_off"),
            (60, "rinse_portafilter"),
        ]
    ]
    assert offsets == expected
    await resume(hass)
    await rig.advance(40)
    await resume(hass)
    await rig.advance(13)
    assert state_of(hass, STATE).state == "completed"
    assert state_of(hass, LAST_BACKFLUSH).state != "unknown"


@pytest.mark.machine(signal="power", options={OPT_PUMP_WATTS: 0})
async def test_power_not_calibrated_guides_on_time_alone(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """A meter that cannot tell the pump yet does not listen: the guide says so."""
    await run(hass, program="cleaner")
    assert attributes(hass)["listening"] is False
    assert attributes(hass)["action"] == "brew_on"
    await abort(hass)


@pytest.mark.machine(signal="brew")
async def test_reload_mid_guided_program_aborts_it(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """Reloaded mid-program: aborted (nothing to switch), nothing recorded, no countdown."""
    await run(hass, program="cleaner")
    hass.states.async_set(BREW, "on")
    await rig.advance(2)
    await hass.config_entries.async_reload(rig.entry.entry_id)
    await settle(hass)
    assert [e.data["result"] for e in events["finished"]] == ["aborted"]
    assert events["finished"][0].data["reason"] == "unloaded"
    assert state_of(hass, STATE).state == "aborted"
    assert "seconds_left" not in attributes(hass)
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"


# --- spoken cues ------------------------------------------------------------------------


@pytest.fixture
def speakers(hass: HomeAssistant) -> FakeSpeakers:
    """A satellite, a media player and its tts entity, all idle (see test_announce)."""
    for entity_id in (KITCHEN, PLAYER):
        hass.states.async_set(entity_id, "idle")
    hass.states.async_set(TTS, "unknown")
    return FakeSpeakers(hass)


@pytest.mark.machine(
    signal="brew",
    options={
        OPT_ANNOUNCE_ENTITIES: [KITCHEN, PLAYER],
        OPT_ANNOUNCE_TTS: TTS,
    },
)
async def test_cues_are_sent_early_by_the_learned_lead_and_a_failing_speaker_is_ignored(
    hass: HomeAssistant,
    rig: Rig,
    speakers: FakeSpeakers,
    events: dict[str, list[Event]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The satellite starts 1.5 s after a call: once learned, each cue starts on the beat.

    The media player's tts fails every time: one warning, and the program and
    the satellite carry on.
    """
    speakers.start_after[KITCHEN] = 1.5
    speakers.failing.add(PLAYER)
    started: list[datetime] = []

    @callback
    def responding(event: Event[EventStateChangedData]) -> None:
        if (new := event.data["new_state"]) is not None and new.state == "responding":
            started.append(new.last_changed)

    async_track_state_change_event(hass, [KITCHEN], responding)
    person = Person(hass, rig.freezer, reaction=0.0)
    with caplog.at_level(logging.WARNING):
        await run(hass, program="cleaner")
        await person.follow(events["action_required"], 160)
    assert state_of(hass, STATE).state == "completed"
    assert speakers.messages(KITCHEN)[:2] == ["Brew on", "Brew off"]
    assert speakers.messages(KITCHEN)[-1] == "Backflush done"
    # The first cue taught the lead: every "brew off" after it started on its beat.
    offs = [
        e.time_fired
        for e in events["action_required"]
        if e.data["action"] == "brew_off"
    ]
    assert len(offs) == 6
    for off in offs:
        assert min(abs((s - off).total_seconds()) for s in started) < 0.01
    warnings = [r for r in caplog.records if PLAYER in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.machine(signal="brew")
async def test_a_brew_sensor_lost_mid_program_goes_on_by_the_clock(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    """The sensor drops off the network: no abort for missed prompts, the clock guides."""
    await run(hass, program="water")
    hass.states.async_set(BREW, "unavailable")
    await rig.advance(REPEAT_SECONDS + 0.01)
    assert attributes(hass)["listening"] is False
    await rig.advance(3 * 20)
    assert state_of(hass, STATE).state == "awaiting_flush"
    await resume(hass)
    await rig.advance(13)
    assert state_of(hass, STATE).state == "completed"
    assert actions(events)[:3] == ["brew_on", "brew_off", "brew_on"]
