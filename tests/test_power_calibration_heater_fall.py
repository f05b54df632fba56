"""A fall after a rise that held a heater, far above the pump read alone in it.

The pump started alone; a slow PID's heater came on a few seconds later
(cold water drawn in) within the same rise, and eased off through the run
and after it: its falls came alone, each of a pump's size, and the first
was saved as the step (dev 26000010, periodic 2 s: 241.2 W for a 66.9 W
vibratory pump, read alone at 56.6 W before the heater). A fall over the
pump's reading alone by more than a ramp's share is the heater's: no step
from that run, and the flow asks for another (``_heater_fall``).
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import calibrate
from custom_components.espresso_care.signals.power.readings import Reading

RUN = [
    6.0, 30.2, 63.5, 363.2, 505.8, 833.4, 995.3, 1122.0, 1062.2, 1060.1, 1061.8,
    1049.2, 1055.3, 980.9, 922.4, 1014.1, 790.5, 751.4, 824.3, 829.6, 645.2,
    720.5, 644.6, 666.9, 577.4, 709.1, 533.6, 564.1, 495.1, 484.4, 495.5,
]  # fmt: skip
"""Dev 26000010's run from the click, every 2 s: the pump's start in part
(30.2 W), the pump alone (63.5 W), then the heater's rise and its easing."""


def _flow(run: list[float]) -> list[float | None]:
    """The step saved by ``calibrate`` called on every reading, as the flow does."""
    readings = [Reading(2.0 * k, 7.0 + 0.3 * (k % 3), 228.5) for k in range(300)]
    click = 600.0
    saved: list[float | None] = []
    for k, w in enumerate(run):
        readings.append(Reading(click + 0.2 + 2.0 * k, w, 229.8))
        result = calibrate(readings, pump_started_after=click)
        if result.error is None:
            saved.append(result.pump_watts)
            break
    return saved


def test_a_heater_easing_off_after_the_pump_read_alone_saves_nothing() -> None:
    """The 241.2 W fall, four times the 56.6 W read alone, is the heater's."""
    assert _flow(RUN) == []


def test_a_fall_near_the_pump_read_alone_stands() -> None:
    """The heater held on and the pump stopped beside it: its 60 W fall is the step."""
    run = [*RUN[:8], 1122.0, 1121.0, 1122.5, 1121.5, 1061.8, 1062.0, 1061.5, 1062.2]
    saved = _flow(run)
    assert saved
    assert saved[0] is not None
    assert abs(saved[0] - 60.0) <= 6.0


def test_dev_26000010_saves_no_wrong_figure() -> None:
    """pid_slow, vibratory 66.9 W, every 2 s: it saved 241.2 W; asked again, 64.9 W."""
    spec = TraceSpec("pid_slow", "vibratory", "periodic_2", 26000010, 0)
    _, error, _ = calibrate_as_the_flow_does(real_api(), spec.generate(1))
    assert error == "no_pump_seen"


def test_a_ramp_read_alone_in_the_rise_stands() -> None:
    """Regression 7000046, heat exchanger on change: 26.6 W of a 48.1 W ramp passes.

    Read a second into a vibratory pump's ramp, the pump alone lies at
    0.55 of its step: its fall beside the heater is the step (48.1 W for
    46.7 W).
    """
    spec = TraceSpec("heat_exchanger", "vibratory", "on_change", 7000046, 0)
    result, error, _ = calibrate_as_the_flow_does(real_api(), spec.generate(1))
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(48.1, abs=0.05)
