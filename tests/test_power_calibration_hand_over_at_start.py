"""Calibration: a dual boiler's heaters handing over as the pump starts, on change.

The steam heater came on at the click (one reading of it, after a partial
one), then handed over to the brew heater as the pump started: a fall of
their difference less the pump, pump-sized, to a level that held as far as
a few readings tell. Read as the pump's stop (the run's first full reading
then the fall, ``_plateau``), it saved 173.9 W for a 44.6 W pump (dev
95000062); one reading of a heater and then another's level cannot tell a
stop from a hand-over, and the pump's own stop comes later.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_with_retries, real_api

from .sim_replay import corpus_spec


def _spec(family: str, seed: int) -> TraceSpec:
    """The corpus's machine on change."""
    return corpus_spec(family, "on_change", seed)


def test_a_hand_over_as_the_pump_starts_is_no_stop() -> None:
    """Within a tenth of the pump's 44.6 W, not 173.9 W."""
    cal = calibrate_with_retries(real_api(), _spec("dual_boiler", 95000062))
    assert cal.error is None
    assert cal.result is not None
    assert cal.result.pump_watts == pytest.approx(cal.trace.pump_watts, rel=0.1)


def test_a_stop_after_one_reading_of_heater_and_pump_stands() -> None:
    """The heater came on with the pump: its one full reading held in silence,
    then the stop to a level silent 18 s (dev 23000062): 52.3 W for 52.0 W, not
    43.0 W from the edges paired."""
    cal = calibrate_with_retries(real_api(), _spec("dual_boiler", 23000062))
    assert cal.error is None
    assert cal.result is not None
    assert cal.result.pump_watts == pytest.approx(cal.trace.pump_watts, rel=0.1)
