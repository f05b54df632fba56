"""Every 5 s a short series waits out readings no band explains that rose from the level.

A heater coming on as a pulse begins reads, that reading, as neither the
pump nor a heater, and the pulse's excursion opens only at the reading
after it. A deadline between the two closed a series still short of
``pulses_min`` whose next pulse had begun within its pause (bench seed
20,250,416 at 23,562 s, a heat exchanger's rinse series: its first pulse,
then 6 W, then 1,022 W as the heater and the second pulse began). Where
the unexplained readings rose from a reading of the pump off with no
heater on, the series waits until a reading a band explains. Not where
they followed a heater's reading (a shot its heater cut into pieces reads
so between its pieces: regression seed 8,010,013 at 170,540 s, pinned by
``test_pulse_train_slow_deadline_read``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import PowerBackflushes

from .pulse_traces import HEATER, PUMP, STANDBY
from .sim_replay import backflush_days, read_over

# A heater switching inside a reading: no band explains it.
SWITCHING = STANDBY + HEATER / 2


def fed(train: PowerBackflushes, readings: list[float], at: float) -> float:
    """Feed one reading every 5 s after ``at``, advancing at deadlines in between; the last time."""
    for watts in readings:
        at += 5.0
        deadline = train.next_deadline
        if deadline is not None and deadline < at:
            train.advance(deadline)
        train.feed(at, watts)
    return at


def quiet_pulse(train: PowerBackflushes) -> float:
    """Ten quiet minutes, then one 8 s pulse read 0.6, 1.0 and 0.2 of the pump."""
    at = fed(train, [STANDBY] * 120, 0.0)
    return fed(train, [STANDBY + PUMP * 0.6, STANDBY + PUMP, STANDBY + PUMP * 0.2], at)


def test_a_short_series_waits_out_a_heaters_reading_risen_from_the_level() -> None:
    train = PowerBackflushes(PUMP)
    at = quiet_pulse(train)
    # The pump off with no heater on, then a heater switching as the next
    # pulse begins: the pattern's deadline falls before the reading after.
    at = fed(train, [STANDBY, STANDBY, SWITCHING], at)
    deadline = train._pattern.next_deadline
    assert deadline is not None
    assert at < deadline < at + 5.0
    assert train._pattern.short
    assert train.next_deadline is None
    assert train.advance(deadline) is None
    # The pulse begun in that reading joins the series.
    fed(train, [STANDBY + PUMP, STANDBY + PUMP, STANDBY], at)
    assert train._pattern.held == 2


def test_no_wait_after_a_heaters_reading() -> None:
    train = PowerBackflushes(PUMP)
    # The heater on twice for a minute: its band is learned.
    at = fed(train, [STANDBY] * 60, 0.0)
    for _ in range(2):
        at = fed(train, [STANDBY + HEATER] * 12 + [STANDBY] * 24, at)
    at = fed(train, [STANDBY] * 60, at)
    at = fed(train, [STANDBY + PUMP * 0.6, STANDBY + PUMP, STANDBY + PUMP * 0.2], at)
    # The heater alone, then switching: no reading of the level between.
    fed(train, [STANDBY + HEATER, SWITCHING], at)
    assert train._pattern.short
    assert train.next_deadline == train._pattern.next_deadline


def test_a_heat_exchangers_rinse_series_begun_in_a_heaters_reading() -> None:
    truth, found = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 20_250_416
    )
    (backflush,) = [(s, e) for s, e in truth if 23_000 < s < 23_200]
    assert read_over(found, *backflush)
