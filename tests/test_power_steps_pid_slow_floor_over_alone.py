"""A reading a pump's step over the heater read alone shows the pump on.

A heater only adds up to its own size: where two readings agree at a slow
PID's heater alone and end the floor's run, a reading of the run past that
level by the pump's step, at its own volts, is the heater whole with the
pump (``_note_over_alone``), as ``_whole_with_pump`` reads it for a heater
learnt over three cycles. The run lasted until then at least.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_the_heater_whole_with_the_pump_dates_the_stop_past_a_bound() -> None:
    # A 24.8 s shot (2297.2-2322.0 s) of a 67 W vibratory pump read on
    # change: its readings alone from 2303.0 to 2316.0 s only (13 s), the
    # heater alone at 1299.9 W and 1300.3 W after it, so 13-26 s and
    # withheld; 1365.0 W at 2320.0 s is the heater whole with the pump
    # (dev seed 22000006).
    spec = corpus_spec("pid_slow", "on_change", 22000006)
    assert len(retried_shots(spec, 2297.2, 2322.0)) == 1


def test_the_heater_whole_with_the_pump_dates_the_run_only() -> None:
    # An 80.8 s shot (7395.0 s) of a rotary pump read every 2 s: its
    # readings alone until 7417.5 s, then the heater's pulses grow; the
    # heater whole with the pump from 7463.5 s, then alone twice (1078.5,
    # 1075.8 W). Those readings date the stop; joined to the readings alone
    # they would leave a 46 s gap between them, and the run would be lost
    # (dev seed 28000011).
    spec = corpus_spec("pid_slow", "periodic_2", 28000011)
    ((a, b),) = retried_shots(spec, 7395.0, 7475.8)
    assert b - a > 75.0, (a, b)
