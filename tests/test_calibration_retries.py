"""A user calibrates again when the flow says it saw no pump run.

The flow's ``no_pump_seen`` error asks the user to run the pump and try
again; the simulator can play those tries (the same machine and day, one more
calibration run once the flow's wait is over) and the benchmark follows the
user up to three tries. ``too_noisy`` refuses at once: the flow says counting
by power is refused.
"""

from __future__ import annotations

import pytest

from bench.detection import (
    CALIBRATION_TRIES,
    Score,
    TraceSpec,
    calibrate_with_retries,
    real_api,
)
from simulator.espresso import generate

# A heat exchanger read every 5 s whose first try measured two of its three
# runs, 57.5 and 43.0 W for 52.3 W: too far apart to save either, the flow
# asked again.
_SPOILT = TraceSpec("heat_exchanger", "vibratory", "periodic_5", 23000012, 0)


def test_a_retry_is_the_same_day_until_the_flow_gave_up() -> None:
    once = generate("thermostat", "rotary", "periodic_2", seed=7, shots=6)
    twice = generate(
        "thermostat", "rotary", "periodic_2", seed=7, shots=6, calibration_tries=2
    )
    assert once.calibration_tries == [(once.calibration_click, once.calibration_run)]
    (click1, run1), (click2, run2) = twice.calibration_tries
    assert (click1, run1) == once.calibration_tries[0]
    assert (twice.calibration_click, twice.calibration_run) == (click2, run2)
    # The flow waits 60 s for a 10 s run before it says it saw none.
    assert click1 + 60 + 5 <= click2 <= click1 + 60 + 30
    assert click2 + 2 <= run2.started <= click2 + 8
    assert 8 <= run2.duration <= 14
    assert run2.kind == "calibration"
    assert run2 not in twice.runs
    same = [r for r in once.reports if r.at < click2]
    assert twice.reports[: len(same)] == same
    # The rest of the day comes later by the retry's time, in the same order.
    assert [r.kind for r in twice.runs] == [r.kind for r in once.runs]
    assert twice.runs[0].started > run2.ended


def test_a_user_tries_again_after_no_pump_seen_and_the_step_is_found() -> None:
    first = _SPOILT.generate()
    calibrated = calibrate_with_retries(real_api(), _SPOILT)
    assert calibrated.first_error == "no_pump_seen"
    assert calibrated.error is None
    assert 2 <= calibrated.tries <= CALIBRATION_TRIES
    assert calibrated.pump_watts == pytest.approx(first.pump_watts, rel=0.1)
    clicks = {click for click, _ in calibrated.trace.calibration_tries}
    assert len(clicks) == calibrated.tries
    # Three runs a try from a plug reporting every 5 s.
    assert len(calibrated.trace.calibration_tries) == 3 * calibrated.tries


def test_every_calibration_try_is_left_out_of_the_score() -> None:
    trace = calibrate_with_retries(real_api(), _SPOILT).trace
    tries = [(run.started, run.ended) for _, run in trace.calibration_tries]
    score = Score()
    score.add(tries, trace)
    assert len(tries) >= 2
    assert score.false_runs == 0
    assert score.detected_shots == 0


def test_too_noisy_is_not_tried_again() -> None:
    spec = TraceSpec("pid_fast", "vibratory", "periodic_1", 20250404, 0)
    calibrated = calibrate_with_retries(real_api(), spec)
    assert calibrated.first_error == "too_noisy"
    assert calibrated.error == "too_noisy"
    assert calibrated.tries == 1
    assert calibrated.pump_watts is None
