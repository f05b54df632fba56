"""The tunables of calibration: what a calibration accepts and asks for.

``CAL_*``, ``PUMP_MAX_W`` and ``SLOW_PLUG_S`` are public (the options flow,
the bench and the simulator read them); the rest are thresholds of the
rules in the other modules, each named where it is used.
"""

from __future__ import annotations

from typing import Final

# What a calibration accepts.
CAL_MIN_W: Final = 20.0
CAL_MAX_W: Final = 400.0
PUMP_MAX_W: Final = 250.0  # a step the flow saves: home pumps draw 40-200 W
CAL_MIN_S: Final = 3.0
CAL_MAX_S: Final = 30.0
CAL_MAX_S_SLOW: Final = 45.0  # (the flow asks a slow plug for a longer run)
# The run the options flow asks for (s), and from a plug reporting slowly
# (every ``SLOW_PLUG_S`` s or more): ``CAL_RUNS_SLOW`` runs, each about
# ``CAL_RUN_SLOW_S`` s, ``CAL_PAUSE_SLOW_S`` s apart.
CAL_RUN_S: Final = 10
CAL_RUN_SLOW_S: Final = 30
CAL_RUNS_SLOW: Final = 3
CAL_PAUSE_SLOW_S: Final = 30
SLOW_PLUG_S: Final = 4.0
_BLIP_READINGS: Final = 3  # an excursion longer than this is a new level
_OPENED_EDGE_PTS: Final = 8  # an edge's points: an opening reading twice, two after
_RAMP_MAX_S: Final = 3.0  # a vibratory pump's ramp lasts up to this long
_PID_PULSES_PER_MIN: Final = 2.0  # idle pulses that show a slow PID (calibration)
_PULSE_READINGS: Final = 2  # ... each back at the standby within this many readings
_ALIASED_PULSE_READINGS: Final = 3  # ... or this many: a window just over an interval
_RECENT_PULSES_S: Final = 120.0  # a slow PID's pulses counted lately, every 5 s
_RECENT_PULSES_PER_MIN: Final = 2.5  # ... this often a minute: the pump hidden
_NOISY_W: Final = 25.0  # idle noise at which a calibration refuses, whatever the step
_FLOOR_READINGS: Final = 3  # a slow PID's run floor: readings at the pump's level
_FLOOR_AGREES: Final = 0.1  # a step this near the run's floor stands
_STANDBY_SHARE: Final = 0.4  # idle time at the standby between a slow PID's pulses
_WINDOWED_SHARE: Final = 0.2  # ... enough when the pulses recur once per window
_FULL_OUTPUT_S: Final = 30.0  # a heater held whole this long: a PID at full output
_AFTER_FULL_S: Final = 60.0  # idle time after it that the standby's share is read from
_WHOLE_AGAIN: Final = 0.8  # share of that level a slow PID's pulse reads again after it
_WINDOWED_PULSES: Final = 10  # pulse-to-pulse intervals that show the window
_WINDOWED_AGREE: Final = 0.8  # share of them at the window's period
_WINDOW_READINGS: Final = 2.5  # a window shorter than this many readings hides the pump
_ALONE_TWICE: Final = 0.05  # of the step: two run readings this near read it alone
_AVERAGED_PARTIALS: Final = 1.6  # partial readings per standby one: a fast PID's
_UNHELD_NOISE: Final = 0.25  # share of the step: pulses never back at a standby hide it
_ALONE_AGREES: Final = 0.3  # a pump read alone at its start stands this near the fall
# The pump read alone in a heater's rise is at least this share of the fall
# after it (``_heater_fall``); under it, the fall is the heater's.
_ALONE_SHARE: Final = 0.4
# A paired fall beside a heater read again from the levels either side
# (``_fall_beside_heater``) replaces the edge's step up to this many times
# it: the edge took the stop's partial reading into a level and read a
# vibratory pump 10-25 % short (dev 23,000,026, a dual boiler every 2 s:
# 37.6 W for a 48.9 W pump, read again 51.7 W, 1.38 times; a third over,
# the bound before, left the short step and 7 of 10 shots unread).
_FALL_ANEW_MAX: Final = 1.5
# ... and replaces it from this share of it up to ``_FALL_ANEW_UNDER`` of it
# (``_edge_far_over``): an edge that far over the levels either side read
# the mains' move as the pump's (dev 21,000,022: 60.3 W for 44.6 W, read
# again 42.9 W). Nearer the edge, a smaller re-read is as often the farther
# from the pump as the nearer (a bound of 0.7 to 1 moved 21 calibrations on
# dev 20M-21M both ways), so the edge stands there.
_FALL_ANEW_LOW: Final = 0.6
_FALL_ANEW_UNDER: Final = 0.85
_UNDER_STEP: Final = 0.55  # a run reading between two lies above this share of a step
_RUNS_AGREE: Final = 0.15  # two runs' steps this near (of the larger) stand
_FUZZY_STANDBY: Final = 0.2  # standby readings over 1 W above it: a fast PID's bursts
_HEATER_UNSEEN_W: Final = 400.0  # pulse tops under this, standby seldom held: fast PID
_CHANGE_W: Final = 5.0  # an on-change plug sends a value this far from the last
_UNCHANGED_SHARE: Final = 0.025  # consecutive readings within it: under this, on change
