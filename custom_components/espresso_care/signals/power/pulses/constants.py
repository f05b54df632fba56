"""The pulse reader's tunables, each with why it is set so.

The bounds a reading's pump share is read within, the checks a find must
pass, and the pattern's rules for pulses read from power (``POWER_RULES``,
with a slow plug's allowances). A slow plug's own thresholds stand beside
its rules (``slow_plug``).
"""

from __future__ import annotations

from typing import Final

from ....backflush_pattern import PatternRules

# Readings further below the level than this (in pump steps) lower the level.
BELOW: Final = 0.35
# Readings further above the level than this (in pump steps) are not the pump alone.
ABOVE: Final = 1.25
# Readings alike (within this many pump steps) and this many in a row, each
# a part of the pump's step up to ``PART_MAX``, are a new level, not the pump
# (it is on or off but for the edges).
ALIKE: Final = 0.1
ALIKE_READINGS: Final = 3
PART_MAX: Final = 0.75
# Pump-off readings in a row in a heater's band before a pulse's rise that
# make it the pulse's frame (see ``_framed``).
FRAME_READINGS: Final = 2
# A pulse is sure with a reading with no heater on and at least this fraction
# (else weak: it may fill a series of sure ones, never make one), or, on a
# fast plug with the mains known, with such a reading all in one heater's
# band, risen from it and fallen back to it (see ``_framed``).
CLEAN_FRACTION: Final = 0.5
# A dip this much (in pump steps) below the peaks on both sides splits a pulse.
DIP: Final = 0.3
# The longest a reading may stand for (s): longer silence of an on-change
# plug means the value held; a periodic plug's dropped reading is one hole.
HOLD_MAX: Final = 60.0
# A heater's step is at least this many pump steps.
HEATER_MIN: Final = 3.0
# A heater candidate this close (in pump steps) to one seen before is that heater.
CANDIDATE: Final = 1.5
# Two unexplained readings this close (in pump steps) are a heater's new level.
STEADY: Final = 0.3
# How many heater levels (each heater, both together) are remembered.
HEATERS_MAX: Final = 4
# Unknown readings (a heater on) longer than this end an excursion.
UNKNOWN_MAX: Final = 20.0
# An excursion with less on-time than this (s) is noise, not a run: it
# neither makes a pulse nor breaks a series.
NOISE_SECONDS: Final = 2.0
# How long unexplained readings are remembered (s): longer than a backflush.
# (An unexplained reading strictly between its neighbours, which differ by at
# least a heater's step ``HEATER_MIN``, is that heater switching inside the
# reading, not noise: a PID's burst averaged over a reading is a bump between
# readings alike, never such a step. On a plug reporting every
# ``FAST_INTERVAL`` s or faster, around weak pulses the edges count all the
# same: a heater switching is what cuts a shot into such pieces, and there
# the rule for them is already the looser one.)
ODD_SECONDS: Final = 900.0
# Weight of each quiet reading in the spread followed.
SPREAD_WEIGHT: Final = 0.05
# A backflush found where quiet readings stray further than this is refused:
# a PID's heater, averaged over the plug's interval, wanders by the pump's size.
# A confirmed one (``CONFIRMED_MIN``) stands whatever the spread: the
# detector paired the pump's own step under enough of its pulses, and a
# slow PID's idle wander (0.031-0.040 around four hand-made backflushes on
# the bench and dev seeds, just past the bound) is what it stood among.
SPREAD_MAX: Final = 0.03
# Noise is counted from this long (s) before a backflush to its end.
NOISE_BEFORE: Final = 600.0
# A backflush found where more of the readings than this were unexplained is refused.
ODD_SHARE_MAX: Final = 0.015
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush of
# sure pulses (none weak) may have up to ``ODD_SHARE_FAST`` of them: there a
# PID's burst reads as a heater's size, not a pulse, and the odd readings are
# a heater's switching edges (a heat exchanger's pressurestat cycles every
# 30-90 s); a PID's cadence is refused by the quiet rule below.
FAST_INTERVAL: Final = 2.5
# A plug reporting slower than this, up to ``FAST_INTERVAL`` (every 2 s),
# has rules of its own (``_confirm_weak``, ``note_run``): there a heater
# coming on with a pulse leaves it weak, and the detector now and then pairs
# a pulse's rise with a later fall. A 1 s plug, at its target, keeps its
# rules.
TWO_SECOND_MIN: Final = 1.5
ODD_SHARE_FAST: Final = 0.035
# On a slower plug, a backflush with every pulse seen, at most one weak and
# at most ``SINGLE_MAX`` read in a single reading may have as many: a pump
# pulse of 5 s or more spans two of its readings, a PID's burst (shorter
# than a reading), averaged, shows in one, so its pulse-like readings are
# mostly single ones.
SINGLE_MAX: Final = 1
# A run the detector saw longer than this (s): two pulses merged with the
# pause between at most, so a shot. A backflush with weak pulses (seen only
# above a heater), or pulses sure only by their frame in a heater's band,
# around one is refused: a shot cut up by a heater's switching reads there
# as pulses. On a plug reporting every
# ``FAST_INTERVAL`` s or faster the detector times a run within a reading or
# two, and two pulses merged are at most 12 + 4 + 12 s: there a run longer
# than ``LONG_RUN_FAST`` is a shot. There, when every pulse the pattern
# holds overlaps such a run, they are the shot cut up by a heater: withdrawn,
# lest they make a cleaner series taking a backflush's after it for a rinse.
LONG_RUN_SECONDS: Final = 40.0
LONG_RUN_FAST: Final = 30.0
# A run the detector saw at least this long (s) that the pulses fed to the
# pattern cover less than ``SHOT_COVERED`` of is a shot the train cut up (a
# heater's band learned a pump step off reads the pump as off in it): a
# backflush overlapping it is refused whatever its pulses. Two backflush
# pulses (5-12 s) the detector merged across their pause (4 s or more) are
# mostly covered by the pulses read. Only on a plug reporting every
# ``FAST_INTERVAL`` s or faster: a slower plug's run may take a reading more
# at each end.
SHOT_RUN: Final = 15.0
SHOT_COVERED: Final = 0.5
# Readings in a row at the plug's floor (the lowest reading yet, plus
# ``OFF_FRACTION`` of the pump's step): the pump was off, whatever heater
# was on before. A run the detector saw around such readings paired a rise
# with a later fall across the pause (a heater's stretch between hiding
# them): on a 2 s plug it is taken for no run (see ``note_run``).
FLOOR_READINGS: Final = 3
# A backflush is recognized only after this long (s) of readings followed
# before its first pulse, in which at most ``BEFORE_MAX`` pulses (of any
# size, noise included) began, and with at most ``BETWEEN_MAX`` pulses not
# its own between its first and last: a PID idling pulses its heater every
# window, which, averaged over a plug's interval, reads as pump-sized pulses
# before, between and after any series it makes; a person's backflush begins
# after the machine stood still (a shot, a flush or two) and its rinse pause
# is still.
QUIET_SECONDS: Final = 300.0
BEFORE_MAX: Final = 10
BETWEEN_MAX: Final = 8
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush with
# at least ``STURDY_MIN`` pulses of ``STURDY_SECONDS`` or more fed in its
# span, each ``STURDY_PAUSE`` or more from the next, and none weak (a piece
# of a shot a heater cut up may be one), is sturdy: it stands
# though the readings around it were not still, nor few of them odd. Read
# there, a slow PID's bursts are pulses of 2-4 s (a burst or a few merged),
# seldom 5 s or more, and then among more of them shorter (at most
# ``SHORT_PER_LONG`` shorter ones fed per long one); a shot its heater cut
# up reads as long pieces a second or two apart (a backflush's pauses are
# 3 s or more). Under a slow PID's bursts the train reads one or two of a
# backflush's eight pulses (at least) short, a burst's reading beside the
# pump's edge taking its share: ``STURDY_FEW`` long pulses are enough where
# the detector timed no run in its span ``SHOT_RUN`` s or more. A shot such
# a heater cut into long pieces several seconds apart (flushes after it
# making up a series) is such a run.
STURDY_SECONDS: Final = 5.0
STURDY_MIN: Final = 8
STURDY_FEW: Final = 6
STURDY_PAUSE: Final = 2.5
SHORT_PER_LONG: Final = 0.5
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush with
# at least ``CONFIRMED_MIN`` pulses fed in its span, and at least
# ``CONFIRMED_SHARE`` of its pulses, each seen by the pump detector as a run
# of its own (one run of ``pulse_min`` to ``CONFIRMED_RUN_MAX`` s over it,
# over no other pulse) is confirmed: it stands though the readings around it
# were not still, nor few of them odd, as a sturdy one does. A slow PID's
# bursts read pulse-sized by the train (2-4 s, its heater's stretch beside
# the pump's share) but seldom as a pump step the detector pairs (two at
# most in a find on the bench seed, ordinary use or not); a person's pulses,
# read a little short under the heater's bursts (so not sturdy), mostly are.
CONFIRMED_MIN: Final = 6
CONFIRMED_SHARE: Final = 0.5
CONFIRMED_RUN_MAX: Final = 18.0
# How long the pulses' starts are remembered (s): a backflush (two series
# and the rinse pause) and the quiet time before it.
PULSES_SECONDS: Final = 1800.0
# Weight of each new gap in the reporting interval followed.
INTERVAL_WEIGHT: Final = 0.1
# A level followed from this fraction of the way to each quiet reading.
LEVEL_WEIGHT: Final = 0.5

# The pattern's bounds for pulses read from power: a pulse's on-time is
# measured, its edges are estimated, so pauses are allowed a little shorter.
POWER_RULES: Final = PatternRules(
    pulse_min=2.5,
    pulse_max=16.0,
    pause_min=0.5,
    pause_max=22.0,
    latency=0.0,
)
# Weak pulses (read only above a heater) a series may hold on a plug
# reporting slower than every ``FAST_INTERVAL`` s: there a thermostat's
# heater, on for a minute when the series draws water, leaves two of a
# series' pulses read only in its band as often as one, and three of a
# series of six or more now and then (a thermostat's, a dual boiler's: seed
# 20,000,021), as many as its sure ones at most (``SLOW_WEAK_EVEN``): a
# shot a heater cut up reads as weak pieces around few sure ones.
# Recognized where power counts: dev seeds 20M-23M 409 -> 423 of 726,
# regression 5M-6M 217 -> 219 of 360, none invented (three weak a series
# whatever its sure ones: 434 and 222, but a series of one sure pulse and
# three weak is what the framed and confirmed tests refuse).
SLOW_WEAK_MAX: Final = 2
SLOW_WEAK_EVEN: Final = 3
# There too a series may read one pulse short with no pause long enough to
# show where (two pulses merged into one piece of a pulse's length, one hidden
# under a heater's edge): a series of ``pulses_min`` - 1 sure pulses stands,
# the pulse counted missed (``PatternRules.short_series``), so the other
# series must be whole (seed 20,000,000, a thermostat's cleaner series).
# Recognized where power counts: dev seeds 20M-23M 431 -> 477 of 726,
# regression 5M-6M 223 -> 245 of 360; none invented (weak pulses allowed in the
# short series too: 20M-21M 214 -> 247, but a heat exchanger's ordinary days
# made one, 21,010,003).
SLOW_SHORT_SERIES: Final = True
# There too a series one short may hold one weak pulse where the other
# series was read whole, every pulse sure (``PatternRules.short_weak``): a
# pulse read only in a heater's band, or two merged into a long piece, left
# a series of three that was none (bench seed 20,250,417 at 30,889 s). Such
# a find refused by the checks makes no later one doubtful (regression seed
# 5,000,043 at 27,640 s was lost so). Recognized where power counts (every
# 5 s): bench seed 143 -> 144 of 180, dev 20M 147 -> 150, 21M 136 -> 136,
# 22M 143 -> 146 of 192, regression 5M 146 -> 146, 6M 146 -> 147, 7M
# 132 -> 134; none invented, ordinary days or backflush days. Whatever the
# other series (its pulses weak too): bench 146, but a heat exchanger's
# ordinary day made one of a shot's pieces and its flushes (21,010,003).
SLOW_SHORT_WEAK: Final = True
# There too the group flushes after a rinse series read as partial pulses
# (weak: no reading half the pump's) and run into it, one weak pulse more
# than the series may hold: such trailing weak pulses are shed first
# (``PatternRules.trailing_weak``; a series left with no weak pulse is no
# sure one, so never a short one). Recognized where power counts (every
# 5 s): bench seed 126 -> 128 of 180 (thermostats 20,250,414 at 27,590 s,
# 20,250,445 at 36,323 s), dev seeds 20M 137 -> 137, regression 5M
# 136 -> 137 of 180; invented unchanged (20M's ordinary days: the one fast
# PID's, 20,010,008, as before), 1 s and 2 s unchanged. Shed where the
# series left is a short one too: bench seed 129 (20,250,424 at 4,742 s,
# three sure pulses left of a rinse series of six), not kept.
SLOW_TRAILING_WEAK: Final = True
# On a slow plug, how long (s) the spread after each reading is kept: a find
# is judged by the spread as of its end (``_spread_at``), which its series
# closes at most ``pause_max`` after (a cleaner series' wait for its rinse is
# no find; a series bridging a pause, ``gap_max``). Recognized where power
# counts (every 5 s): see ``_spread_at``.
SPREADS_SECONDS: Final = 120.0
# There too a heater's readings leave a hole (``slow_plug.heater_hole``,
# ``merged_hole``) where one or two pulses hid: a series in progress waits on
# past it (``PatternRules.holes_max``, one a backflush; not after a weak
# pulse), its next pulse's pause measured from the hole's end; the hole makes
# no pulse (bench seed 20,250,439 at 1,793 s: a pulse, a hole of 28 s, two
# pulses). Recognized where power counts (every 5 s, with ``shot_piece`` and
# the refusals ``_shot_over`` no longer notes): bench seed 128 -> 135 of
# 180, dev 20M 138 -> 140, 21M 126 -> 126, 22M 139 -> 142 of 192,
# regression 5M 138 -> 141, 6M 132 -> 138, 7M 118 -> 124; none lost.
# Holes bridged after weak pulses too: a shot read as one between weak
# flushes made a backflush on regression 5M's ordinary days (5,010,005); a
# guard by the detector's shot-long run over the hole instead lost four on
# 21M-22M (a pulse and a heater's stretch read as one 28-33 s run).
SLOW_HOLES: Final = 1
# There too a heater's readings hide a pulse in each series now and then
# (one pulse of the cleaner series under a heater's stretch, one of the
# rinse series in a pause too long): each series may lack one where every
# pulse of both was read sure (``PatternRules.missed_each``; with weak
# pulses a heat exchanger's shot cut up by its heater made one on an
# ordinary day, bench seed 20,260,407). Recognized where power counts
# (every 5 s): see ``BackflushRecognizer._missed_held``.
SLOW_MISSED_EACH: Final = True
# There too a piece read clean a little longer than a pulse (``pulse_max``,
# up to this many seconds: a pulse and a reading; two pulses a pause
# shorter than a reading apart, or one timed a reading wide) is fed as a
# weak pulse, not a shot that breaks the series (``slow_plug.long_piece``,
# ``PatternRules.weak_pulse_max``; the pieces that broke a backflush on the
# bench seed read 16.3-20.2 s). Recognized where power counts (every 5 s):
# bench seed 140 -> 143 of 180 (20,250,405, 20,250,419, 20,250,438), dev
# 20M 144 -> 147, 21M 134 -> 136, 22M 143 -> 143 of 192 (22,000,045 won,
# 22,000,001 lost to the checks), regression 5M 146, 6M 146, 7M 132
# unchanged; none invented, ordinary days or backflush days. Up to 18 s
# (a pulse and a few seconds): bench 142, 20M 146, the rest unchanged.
SLOW_LONG_PULSE: Final = 21.0
# There too a pulse now and then reads as nothing at all where it was the
# second of its series, and the pause after the first reads 24-28 s, over
# ``pause_max``: the series closed with one pulse, the rest were flushes.
# A lone first pulse, read sure, a pause of up to this long (s) before the
# next is held as the head of the series begun there, which takes it back
# with a pulse counted missed if it is two pulses or fewer without it, the
# other series read sure and whole (``PatternRules.first_gap_max``; bench
# seed 20,250,449 at 15,320 s, a dual boiler's rinse read at 612.5, 648.6
# and 674.4 s, its 629.2 s pulse never read). Recognized where power counts
# (every 5 s): bench seed 149 -> 150 of 180, dev 20M 151 -> 152, 21M
# 138 -> 139, 22M 146 of 192 unchanged, regression 5M 149 and 6M 150
# unchanged, 7M 138 -> 140, third check 150M 150 unchanged; none lost, none
# invented (ordinary days of those seeds and of 8M). With the other series
# unsure too: bench 151, 22M 147, 6M 151, but a thermostat's shot pieces
# and flushes made one on 7,010,010's ordinary day.
SLOW_FIRST_GAP: Final = 30.0
# There too a series whose sure pulses alone are a whole one (none missed)
# counts as read sure, a weak pulse of its own beside them, for a short
# series leaning on a weak pulse or a head to pair with
# (``PatternRules.sure_whole``; bench seed 20,250,448 at 22,222 s).
# Recognized where power counts (every 5 s): see
# ``backflush_pattern._sure_whole``.
SLOW_SURE_WHOLE: Final = True
# There too a heater's hole (``SLOW_HOLES``) hides two or three pulses of a
# series now and then: a series of two sure pulses and a hole of this long
# (s) or more bridged between them or after the second (two of the shortest
# pulses and the pause between hide in 15 s) stands, the pulses it lacks
# missed, where the other series was read sure and whole, none missed
# (``PatternRules.hole_series_min``; bench seed 20,250,409 at 29,193 s).
# Recognized where power counts (every 5 s): bench seed 158 -> 159 of 180,
# dev 20M 153 -> 156, 21M 141 -> 142, 22M 151 of 192 unchanged, regression
# 5M 156 and 7M 141 unchanged, 6M 150 -> 152, third check 150M 151 -> 152,
# 162M 144 -> 146, 166M 140 of 174 and 175M 141 unchanged; none lost trace
# by trace; invented on ordinary and backflush days the same on every seed
# (0, but 166M's two slow PIDs, as before). Only between the pulses: dev
# 20M 155, 21M 141.
SLOW_HOLE_SERIES: Final = 15.0
