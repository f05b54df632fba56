"""Short pump pulses (a hand-made backflush's) delivered as runs of their own.

Pure: the detector alone, fed readings shaped as the simulator's plugs give
them (every 2 s, each averaging the last second).
"""

from __future__ import annotations

from collections.abc import Iterable

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

PUMP = 41.6  # a vibratory pump's step over the standby
VOLTS = 227.3

# A reading: (at, watts).
type Row = tuple[float, float]


def standby(start: float, end: float) -> list[Row]:
    """The standby read every 2 s, a few tenths of a watt of noise."""
    n = int((end - start) // 2)
    return [(start + 2.0 * i, 7.2 + 0.6 * (i % 2)) for i in range(n)]


def run_all(det: PumpDetector, rows: Iterable[Row], until: float) -> list[DetectedRun]:
    """Feed readings as the machine does: advance at each deadline first."""
    out: list[DetectedRun] = []
    for at, watts in rows:
        deadline = det.next_deadline
        while deadline is not None and deadline < at:
            out += det.advance(deadline)
            after = det.next_deadline
            if after is not None and after <= deadline:
                break
            deadline = after
        out += det.feed(at, watts, VOLTS)
    out += det.advance(until)
    return out


def test_a_pulse_whose_standby_held_two_readings_is_kept_by_the_next_short_pulse() -> (
    None
):
    """A 10 s pulse, a pause of two standby readings, then a 5 s pulse.

    The first run waits for the standby after it to hold (three readings);
    the second pulse, too short to settle, comes first. The standby it rose
    from and fell back to is the one the first run fell to: both are runs.
    Before, the short pulse took the first run's place and it was lost.
    """
    rows = standby(0.0, 300.0)
    rows += [
        (300.0, 7.2),
        (302.0, 32.9),  # the ramp
        (304.0, 47.1),
        (306.0, 49.1),
        (308.0, 49.4),
        (310.0, 49.2),
        (312.0, 19.8),  # the stop, inside this reading
        (314.0, 7.3),
        (316.0, 10.7),  # the standby: two readings
        (318.0, 38.9),  # the short pulse: a ramp, one reading at the level
        (320.0, 49.2),
        (322.0, 8.9),
    ]
    rows += standby(324.0, 360.0)
    runs = run_all(PumpDetector(PUMP), rows, until=400.0)
    assert len(runs) == 2
    first, second = runs
    # Each edge dated at the first reading that moved (this plug does not
    # average over its interval).
    assert (first.started, first.ended) == (302.0, 312.0)
    assert (second.started, second.ended) == (318.0, 322.0)


def sampled(
    power: list[tuple[float, float]], start: float, end: float, every: float = 2.0
) -> list[Row]:
    """A plug reading every ``every`` s the mean power of the second before.

    ``power``: (from, watts) steps in time order. A few tenths of a watt of
    noise: a meter repeating a value exactly may be stale.
    """

    def at(t: float) -> float:
        return next(w for s, w in reversed(power) if s <= t)

    rows: list[Row] = []
    t = start
    while t < end:
        mean = sum(at(t - 1.0 + (i + 0.5) / 20) for i in range(20)) / 20
        rows.append((t, round(mean + 0.3 * (len(rows) % 3), 1)))
        t += every
    return rows


def test_a_pause_read_once_at_the_standby_ends_a_pulse_a_heater_joined() -> None:
    """Pump, heater joining, both off for one reading, the pump again.

    The reading at the standby shows everything off: the first run ended
    before it (its fall the heater's and the pump's) and a second began
    after it. Before, the pause was taken for one the run could not be
    paired across (the heater's level around it): both runs were lost.
    """
    base, pump, heater = 6.0, 64.0, 1200.0
    power = [(0.0, base)]
    for i in range(4):  # the heater's cycles, learnt before
        power += [(100.0 + 200.0 * i, base + heater), (160.0 + 200.0 * i, base)]
    power += [
        (1000.3, base + pump),  # the first pulse
        (1004.3, base + pump + heater),  # the heater joins
        (1009.5, base),  # both off
        (1012.6, base + pump),  # the second pulse, the pump alone
        (1019.4, base),
    ]
    rows = sampled(power, 2.0, 1100.0)
    runs = run_all(PumpDetector(pump), rows, until=1200.0)
    assert [(r.started, r.ended) for r in runs] == [
        (1002.0, 1010.0),
        (1014.0, 1020.0),
    ]


def test_a_pulse_and_a_heater_that_came_together_end_apart_with_volts() -> None:
    """The pump and a heater rise in one reading; the pump stops first.

    Nothing showed the pump alone at the start, and the mains moved during
    the run, so the heater's fall does not sum to zero with its rise. At
    the end one reading shows the heater alone, at the volts its load
    sagged the socket to (those of the level before, 2.5 V under the
    standby's): the pump's step under the level as read, so the run is
    counted. Before, it was compared with the level scaled to the volts
    after the fall (about 25 W higher), missed, and the run dropped.
    """
    base, pump, heater, nominal = 6.0, 64.0, 1240.0, 230.0

    def volts(t: float, heating: float) -> float:
        # The mains rose 3 V during the run; the line drops 2.5 V under the heater.
        return nominal - (3.0 if t < 1005.0 else 0.0) - 2.5 * heating

    def draw(t: float) -> tuple[float, float]:
        heating = 1.0 if heater_on(t) else 0.0
        v = volts(t, heating)
        on = 1000.5 <= t < 1009.1
        return base + heating * heater * (v / nominal) ** 2 + pump * on, v

    def heater_on(t: float) -> bool:
        cycles = any(100.0 + 200.0 * i <= t < 160.0 + 200.0 * i for i in range(4))
        return cycles or 1000.6 <= t < 1010.9

    rows: list[tuple[float, float, float]] = []
    for n in range(1, 560):
        t = 2.0 * n
        ws, vs = zip(*(draw(t - 1.0 + (i + 0.5) / 20) for i in range(20)), strict=True)
        rows.append((t, round(sum(ws) / 20 + 0.3 * (n % 3), 1), sum(vs) / 20))
    det = PumpDetector(pump)
    runs: list[DetectedRun] = []
    for t, w, v in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < t:
            runs += det.advance(deadline)
        runs += det.feed(t, w, v)
    runs += det.advance(1200.0)
    assert [(r.started, r.ended) for r in runs] == [(1002.0, 1010.0)]


def test_a_pulse_read_once_alone_then_with_a_heater_that_stays_on() -> None:
    """The pump alone for one reading, a heater joining, the pump stopping.

    One reading at the pump's step over the standby, one at the heater's
    level and the pump's step over it, then the heater's level alone: the
    pump ran from the first to the last of them. Before, two readings of
    the pump alone were needed, and the heater's rise hid the pulse.
    """
    base, pump, heater = 6.0, 64.0, 1200.0
    power = [(0.0, base)]
    for i in range(4):  # the heater's cycles, learnt before
        power += [(100.0 + 200.0 * i, base + heater), (160.0 + 200.0 * i, base)]
    power += [
        (1000.3, base + pump),
        (1002.2, base + pump + heater),  # the heater joins
        (1004.5, base + heater),  # the pump stops, the heater stays on
        (1040.0, base),
    ]
    rows = sampled(power, 2.0, 1100.0)
    runs = run_all(PumpDetector(pump), rows, until=1200.0)
    assert [(r.started, r.ended) for r in runs] == [(1002.0, 1006.0)]
