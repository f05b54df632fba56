"""Measure the pump's step from a metering plug: calibration and learning.

Pure Python (no Home Assistant), beside the detector it serves (``pump``):
the options flow's ``calibrate`` step reads the pump's step from a short
run the user makes, with the idle minutes before it for the noise;
``learn_pump_watts`` reads it at the edges of a run that a relay or a brew
sensor dated. Both refuse rather than guess: a step that the heaters' edges
could explain, or idle noise comparable to the step (a PID driving an SSR
faster than the plug reports), gives an error, and counting by power is
then refused.

One module per concern, each calling only those listed before it:

* ``constants``: what a calibration accepts and asks for, the thresholds;
* ``levels``: readings, levels, gaps and silences;
* ``edges``: the detector's edges over the readings (the same steady-state
  detection as counting), and the pump's share of an edge;
* ``noise``: the idle noise weighed against the step;
* ``alone``: the pump read alone before or between a heater's edges;
* ``fall``: the run read at its sharp fall to a level that holds;
* ``pairing``: a rise and a fall paired around the heaters' edges;
* ``pid_pulses``, ``pulsed_run``: a slow PID's idle pulses, and the pump's
  run among them;
* ``measure``: ``calibrate``, which tries the rules in turn;
* ``several_runs``: the median of several runs from a plug reporting slowly;
* ``ask``: how many runs, how long, and how long the flow waits;
* ``learn``: the step learnt at runs a relay or a brew sensor dated.
"""

from .ask import calibration_run_seconds, calibration_runs, calibration_wait_seconds
from .constants import (
    CAL_MAX_S,
    CAL_MAX_S_SLOW,
    CAL_MAX_W,
    CAL_MIN_S,
    CAL_MIN_W,
    CAL_PAUSE_SLOW_S,
    CAL_RUN_S,
    CAL_RUN_SLOW_S,
    CAL_RUNS_SLOW,
    PUMP_MAX_W,
    SLOW_PLUG_S,
)
from .learn import learn_pump_watts
from .measure import Calibration, calibrate
from .several_runs import SeveralRuns

__all__ = [
    "CAL_MAX_S",
    "CAL_MAX_S_SLOW",
    "CAL_MAX_W",
    "CAL_MIN_S",
    "CAL_MIN_W",
    "CAL_PAUSE_SLOW_S",
    "CAL_RUNS_SLOW",
    "CAL_RUN_S",
    "CAL_RUN_SLOW_S",
    "PUMP_MAX_W",
    "SLOW_PLUG_S",
    "Calibration",
    "SeveralRuns",
    "calibrate",
    "calibration_run_seconds",
    "calibration_runs",
    "calibration_wait_seconds",
    "learn_pump_watts",
]
