"""The pump detector's tunables: bounds, tolerances, windows and shares.

One place for them because most rules weigh several (a step's share, a
plug's interval, a heater's size), and their comments say which rule each
serves and what it is a share of. The public ones (``MAX_WATTS``,
``MAX_RUN_S``, ``KIND_BOUNDS_S``, ...) are also read by the calibration.
"""

from __future__ import annotations

from typing import Final

# Readings outside these are treated like unavailable.
MAX_WATTS: Final = 5000.0
MIN_VOLTS: Final = 80.0
MAX_VOLTS: Final = 300.0

# A pump run lasts this long.
MIN_RUN_S: Final = 0.8
MAX_RUN_S: Final = 150.0

TELL_READINGS: Final = 3.0
"""Intervals after a switch by which the readings tell of it (``telling_delay``)."""

KIND_BOUNDS_S: Final = (15.0, 120.0)
"""Durations where a run's kind changes (the default shot_min and shot_max)."""

NOISE_WINDOW_S: Final = 300.0
"""Unexplained steps are counted over this window for ``noise_watts``."""
_NOISE_RATE_PER_MIN: Final = 4.0  # steps a minute at which their size counts fully
_AMBIGUOUS_ON: Final = 0.4  # noise_watts / pump_watts that pauses counting
_AMBIGUOUS_OFF: Final = 0.25  # ... and below which counting may resume
_CLEAN_FOR_S: Final = 120.0  # ... once it stayed below for this long
_WANDER: Final = 4  # a transient this many readings long without settling wanders
_PENDING_S: Final = 300.0  # how long a run hidden by a heater waits for its proof
_EPS: Final = 1e-6
_HOLD_MAX_S: Final = 6.0  # silence this long means the last value held
_LOST_REPORTS_S: Final = 4.0  # ... more, after one partial reading (periodic plugs)
_FAST_GAP_S: Final = 2.5  # readings this close show a short pulse and its pauses
_PAUSE_FLOOR: Final = 0.85  # of the pump's step: a reading below it ends a run
_PAUSE_FLOOR_PULSE: Final = 0.5  # ... a pulse's read every second (its end partial)
_PULSE_MIN_S: Final = 1.5  # a pulse too short to settle lasts this long ...
_PULSE_MAX_S: Final = 15.0  # ... and never as long as a shot
_WHOLE: Final = 0.9  # a reading showing this share of a step shows it whole
_OVERSHOOT: Final = 1.2  # ... and this share went past it
_OFF_SHARE: Final = 0.15
"""Of the pump's step: a reading this near the heater's level alone shows a rising pump off (``_off_after``)."""
_TAIL_NEXT: Final = 0.5
"""Of a rise's step: a reading after its partial one under this shows a tail before it (``_tail_before``)."""
_PARTIAL_WHOLE: Final = 0.74  # partial first readings of a whole-averaging plug
_PARTIAL_WEIGHT: Final = 100  # steps in ``_window``'s running mean
_SMALL_PUMP: Final = 100.0  # W: a vibratory pump's step (a rotary one's is more)
_RAMP_SHORT: Final = 0.96  # a pump's reading below this share of its step: ramping
_AT_READING_S: Final = 0.1  # s: a switch dated this near a reading's time, at it
_RAMP_REST_S: Final = 5.0  # a vibratory pump's ramp is done this long after its start
_SPLIT_FALL_WHOLE: Final = 0.1  # a split fall's share this near its step: read whole
_RAMP_SEEN: Final = 0.25  # rises showing a ramp (a running mean) for a ramping pump
_RAMP_FIRST: Final = 0.7  # ... read every 2 s: rises whose first reading is partial
_RAMP_RISES: Final = 2  # ... once this many rises were read (``_ramps``)
_RAMP_S: Final = (1.0, 3.0)  # s: a vibratory pump's ramp from half its step ...
_RAMP_TYPICAL_S: Final = 2.0  # ... and typically
_INRUSH_OVER: Final = 0.15  # of a rotary pump's step a reading over its level: inrush
_INRUSH_S: Final = 0.25  # a rotary pump's inrush, in seconds of its step, at most ...
_INRUSH_SHARE: Final = 0.4  # ... and this share of its first reading's
_HIDDEN_STOP: Final = 1.5  # gaps between a run's last reading and its fall: hidden
_HIDDEN_PULSE: Final = 3.5  # ... and at most: longer, a heater's level held, read whole
_RESUME_S: Final = 2.5  # s: a user pauses at least this long between two runs
_OFF_READINGS: Final = 3  # readings at a state without the pump that show a run off
_PAUSED_SHARE: Final = 0.5  # of the step: a run's inner reading below it paused
_DIP_SHARE: Final = 0.15  # of the step: a reading this short of it before a heater's
_STEP_READ_OVER: Final = 0.15  # of the step: a run read over it by this is its own
_STAMP_LATE: Final = 0.1  # of an interval: a reading stamped this late is the run's
_SERIES_LOOKBACK_S: Final = 90.0  # a backflush's pulses read back before a run
_SERIES_PAUSE_S: Final = 20.0  # ... at most this long apart
_LOST_GAP: Final = 1.5  # intervals between two readings: one lost between them
_READ_LONG_S: Final = 1.0  # a rotary pump's run read every 5 s: this much long at most
_DIP: Final = 0.25  # of the pump's step: a rise's reading falling back so far paused
_ALONE_CYCLES: Final = 10.0  # a heater's edges seen with no other: one heater
_KEPT_EDGES: Final = 5.0  # a heater's edges learnt: no third size displaces it (5 s)
_LOOSE: Final = 0.025  # heaters' share of an edge that makes a pump's edge unsure
_FAR_SHARE: Final = (
    1.000001  # a bound's margin over roundings (``_explain``'s quick test)
)
_PULSED_HEATER: Final = 0.02  # ... that a slow PID's heater pulse alone may stray by
_BESIDE_PUMP: Final = 0.01  # of a heater's size: its rise beside the pump strays so
_OWN_STEP: Final = 0.12  # of its own fall: a pump's step beside a heater strays less
_PAST_STEP: Final = 1.5  # of the step: a vibratory pump's stop over a heater, late on
# Of a heater's size: the mains may move it so, unseen without volts.
_MAINS_MOVE: Final = 0.05
# Two readings of one level stray by this many W at the least (``_still``) ...
_STILL_W: Final = 6.0
_STILL_SHARE: Final = 0.008  # ... and this share of the level more (noise, mains)
_SHARE_SPREAD: Final = 0.25  # of the period: a partial reading's share dates this near
_OVER_LARGEST: Final = 0.3
"""Of the pump's step: a split edge no more over a heater's largest size read alone than this is that heater (``_stands_out``)."""
_SHOWN: Final = 0.75  # of the pump's step: a reading of it alone (past a ramp's)
# Of the pump's step: a heater's rise during a run this far short of its size
# may have held the pump's stop (``_stop_in_heater_rise``).
_RISE_SHORT: Final = 0.2
# The share of a machine's shot-long runs ending with a heater that came on
# during them under which heater and pump are not tied; the share starts at
# a prior of one in four (``_stop_in_heater_rise``).
_TIED_SHARE: Final = 0.15
_RISE_OVER: Final = 0.6
"""Of the pump's step: a heater's rise reading over the level after it by this much had the pump stop in it.

Read every few seconds, a reading averages its interval: while the pump runs
on under a heater that came on, no reading of the rise can stand over the
heater and the pump read whole after it. One that does had a load switch off
inside it after the heater came on, the pump's stop (0.81 of the step on
dev seed 27,000,020). The mains move a heater's first readings too: true
shots on dev and regression seeds read 0.27-0.46 of the step so (regression
9,000,020: 1,494, then 1,469, 1,471 W beside a 54 W pump), and a dual
boiler's hand-over beside a rotary pump 0.40 (dev seed 26,000,053)
(``_stopped_at_rise``).
"""
_TIED_PRIOR: Final = (1.0, 4.0)
# Of the pump's step: a heater's rise during a run so near its reading alone
# before the run is that heater alone, the pump running on (``_ran_on_under``).
_RAN_ON: Final = 0.3
_LEFT_STEP: Final = 0.4
"""Of the pump's step: how far a decoded run's drop to a heater alone before its fall, and that heater's readings, may stray (``_left_heater_before_fall``)."""
_RECENT_N: Final = 40  # readings kept for ``_started_alone`` (200 s at 5 s)
_ANCHOR_N: Final = 64
"""Readings kept for ``heater_anchor`` (320 s at 5 s): a plateau and its heater read alone up to two minutes either side (``_anchor_recent``)."""
_ALONE_HELD_N: Final = 2
"""Whole readings of the pump alone over the standby that show its run when its rise hid in a heater's fall (``_alone_from_standby``), or when both its edges were a heater's (``_held_alone_between``)."""
_QUIET_N: Final = 6
"""Standby readings before a rise that show how quiet it held (``_over_quiet_standby``)."""
_QUIET_SPREAD_W: Final = 1.0
"""W: a standby whose last ``_QUIET_N`` readings lie this close held to the plug's resolution."""
_QUIET_OVER_W: Final = 3.0
"""W over the highest of those readings: a pump's first partial reading, not the standby's noise."""
_PARTIAL_IN_LEVEL_W: Final = 6.0
"""W over the standby: the most its noise reaches, so a reading of the standby's level past it is a pump's first partial one (``run_start._start_read_in_level``)."""
_ALONE_BEFORE_N: Final = 3
"""Whole readings of the pump alone before a heater's rise, at most, when both ends of a run over it show the pump first (``_pump_first_at_both_ends``)."""
_HEATER_AFTER_N: Final = 3
"""Whole readings of a heater alone after the pump's stop, at most, before it falls to the standby (``_heater_on_after_stop``)."""
_FIRST_SHARE_SLACK: Final = 0.1
"""Of the pump's step: a level's first reading's noise, beyond which its miss of the level is the pump off for that share of its interval (``_level_past_flush``)."""
_FLOOR_HITS: Final = 3  # readings of the pump alone that show a run by the floor
_FLOOR_AGREE: Final = 0.03  # of the pump's step: its readings alone agree so
_FLOOR_STEADY_HITS: Final = 5
"""Readings of the pump alone that agree, from the floor's run's first: its start shown without a heater's pulse (``_steady_from_standby``)."""
_FLOOR_PULSE: Final = 300.0  # W from one reading to the next: a slow pulse's edge
_FLOOR_LATE: Final = 6.0  # s: a run's first reading of the pump alone comes this soon
_FLOOR_GAP: Final = 25.0  # s between two readings of the pump alone, at most
_FLOOR_SAME_START_S: Final = 6.0
"""s: an edges' run starting this near the floor's run under it is that run (``_floor_saw_stop``)."""
_FLOOR_WHOLE_WINDOW: Final = 0.25
"""Of the pump's step: a reading this near a heater's size and the step is both whole (``_whole_with_pump``), when the heater's edges stray by this much at most on average."""
_FLOOR_NEAR_BOUND_S: Final = 3.0
"""s: a floor's run sure this near a kind bound it may pass, its pump shown often all along, passed it (``_past_bound``)."""
_FLOOR_STAMPS_S: Final = 1.5
"""s between readings at least: the floor's run is sure for its readings' span and their stamps' lateness (``_shortest``)."""
_FLOOR_APART_S: Final = 60.0  # s since the standby read alone: a slow PID's pulses
_FLOOR_HELD: Final = 10.0  # s of silence after the standby that held it
_FLOOR_SHARE_S: Final = 60.0
"""s: how far back the share of the time the standby held alone looks (``_Floor.standby``)."""
_FLOOR_SHARE: Final = 0.85
"""The share of that time the standby held alone, while a slow PID pulses (``_floor_explains``).

A slow PID's pulses, each read in one reading between readings of the
standby, leave it so 0.9 of the time and more (dev 22,000,009 every second,
regression 6,000,063 and 9,000,063 on change); a fast PID's bursts, each
reading a new average, 0.5-0.8 (dev 21,000,057 every second, 20,000,017).
"""
_FLOOR_DRIFT: Final = 0.01  # W/s the floor's standby may rise without a reading of it
_CEILING_S: Final = 600.0  # s before a floor's run: its heater read whole alone then
_CEILING_N: Final = 256  # ... of a heater's readings kept at most (``_note_heat``)
_CEILING_READ: Final = 3  # ... readings alike at their top: the heater whole
_CEILING_NEAR_W: Final = 3.0  # W, and ...
_CEILING_NEAR: Final = 0.004  # ... of the level: two readings of one level alike so
_CYCLE_S: Final = 3600.0  # s apart at most: unseen heater-and-pump cycles of one size
_CYCLES: Final = 3  # ... this many of them make a heater (``_cycle_heater``)
_CYCLES_APART: Final = 5  # ... read every few seconds (``_cycles_needed``)
_IDLE_PERIOD: Final = (
    0.1  # of its period: a heater idling keeps to it (``_idle_cycle``)
)
# Decoded runs (``_decoded``), read every few seconds.
_DECODE_AGAIN_S: Final = 30.0  # s after readings settled: decoded once more
_DECODE_BEFORE: Final = 6  # readings (30 s) decoded before the first off every level
_DECODE_SETTLED: Final = 6  # readings with the pump off after a decoded run
_DECODED_MARGIN: Final = 30.0  # nats: the run explains the readings so much better
_DECODED_PAUSE: Final = 10.0  # nats: a pause leaving no shot costs at least so much
_DECODED_NEAR: Final = 2  # other pump runs near it: a backflush's pulses
_OFF_BELOW_W: Final = 1.5  # W below the standby at least: a reading of the machine off
_DECODED_PART_S: Final = 7.0  # s: a part a pause leaves: a flush's or a pulse's
_LIKE_HEATERS: Final = 0.5  # of the larger heater: the smaller one at least
_ONE_MAINS: Final = 0.9  # of the larger size: a smaller one over it is that heater ...
_MAINS_STEPS: Final = 1.5  # ... past so many pump's steps (nearer: it with the pump)
_ONE_HEATER_WEIGHT: Final = 20.0  # a heater's weight (capped) once its size is sure
_LONE_HELD_S: Final = 60.0  # s a lone partial reading (on change) waits for the next
_PEAKS: Final = 4  # short heater pulses' peaks kept (``_heater_peak``) ...
_PEAKS_AGREE: Final = 0.01  # ... three of them this close read the heater whole
_PEAK_READINGS: Final = 3  # readings over the standby in such a pulse, at most
_PEAK_FRESH_S: Final = 900.0  # s: a heater read whole so lately holds its size ...
_PEAK_DRIFT: Final = 0.03  # ... to this share (the mains' move), less than the pump
_HELD_LEVEL_S: Final = 3600.0  # s a level held past any run is kept
_HELD_PLATEAU: Final = 0.4  # of the pump's step: a known heater's and the pump's
_SIZES_LEVEL: Final = 0.03  # of the smaller heater: a level of it alone
_SIZES_APART_W: Final = 20.0  # W nearer its and the pump's than the larger heater's
_BREW_OFF_S: Final = 90.0
"""s: a brew heater's thermostat, off at idle, stays off at least this long.

Its boiler (4-6 kJ/K) loses 30-60 W at idle and its band is 1.5-3 K wide:
off, it calls again only after 100 s or more; only a draw (the pump
running) cools it sooner. A hand-over from it to the steam heater and back
within a shot's length would need that (``_between_hand_overs``).
"""
_BREW_HELD_S: Final = 30.0
"""s the brew heater's level held before such a rise (``_between_hand_overs``).

Just after a run the brew heater, recovering, may go off at any moment and
hand over to the steam heater; a flush drawn then cools it and it calls
again within seconds, the flush hidden in the hand-over back (extra dev
81,000,027 on change: a shot's stop, 3.2 s later the hand-over, read as a
45 s shot to the flush's stop; 109,000,001 every 2 s, 4.0 s).
"""
_COOL: Final = 4.0
"""Pump steps over the standby: a reading under it has no heater on whole (``_hot_spans``)."""
_HOT_SPANS: Final = 4
"""Heaters' stretches kept (``_on_heat_up``): a decoded run is read again minutes later."""
_HEAT_UP_S: Final = 300.0
"""s a heater held on before a vibratory pump's run over it: a heat-up (``_on_heat_up``).

A heater idles in cycles of a minute or two; a machine heating up from
cold holds it on for 6-30 minutes. On dev and regression every 5 s the
true shots read over a heater that fell with the pump's stop rose 118-260 s
into the heater's stretch (one in a heat-up, 1,275 s, held a reading
without the heater); the mains' steps read as runs rose 360-1,806 s in.
"""

# How an edge is explained (``_explain``).
_NOTHING: Final = 0  # nothing fits
_HEATERS: Final = 1  # heaters only
_PUMP: Final = 2  # the pump, perhaps with heaters
_UNSURE: Final = 3  # fits with and without the pump
_SILENT_S: Final = 3.0  # s of silence on change after a partial reading: a lost report
_LEVEL_NOISE: Final = 0.01
"""Of a level: how far its readings wander by the plug's own noise (``_noise_in_run``).

A metering plug reads to a hundredth of what it reads or so (the simulated
plug's noise is 0.3 W and 0.2 % a reading; reporting on change it sends only
the readings that moved 5 W, the scattered ones): with both heaters and the
pump on, over 2 kW, two levels a reading or two long may differ by 13-21 W,
a third of a small vibratory pump's step.
"""
