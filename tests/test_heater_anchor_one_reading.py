"""A shot over a heater read whole in one reading only (``heater_anchor._one_reading``).

Readings every 5 s of a heat exchanger (dev seed 22,000,004: standby 6 W,
heater about 1,466 W, a vibratory pump calibrated 45.6 W): the pump alone
read whole, the heater's rise read in part, one reading of the heater and
the pump, the pump's stop read in part, the heater alone, its fall. An
18.0 s shot (6,469.2-6,487.2 s) that no plateau of two readings showed.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.heater_anchor import (
    over_heater,
)

BASE = 6.0
PUMP = 45.6

# The heater's cycle before (its level, its fall), the standby, the shot,
# the standby and the heater's next cycle (readings 6,380-6,575 s).
BEFORE = [1455.0, 1459.0, 1457.0, 1459.0, 1462.0, 1457.0, 1465.0, 1465.0]
BEFORE += [1465.0, 1468.0, 134.0, 6.0, 7.0, 6.0, 7.0, 6.0, 6.0, 6.0]
SHOT = [11.0, 51.0, 1279.0, 1525.0, 1498.0, 1466.0, 273.0]
AFTER = [6.0, 6.0, 6.0, 7.0, 16.0, 6.0, 6.0, 7.0, 6.0, 7.0, 589.0, 1469.0]
AFTER += [1469.0, 368.0, 6.0]


def _runs(rows: list[float], start: float = 6380.0) -> list[tuple[float, float]]:
    times = [start + 5.0 * i for i in range(len(rows))]
    return over_heater(
        times, rows, base=BASE, pump=PUMP, period=5.0, after=0.0, heaters=[1460.0]
    )


def test_one_reading_between_the_pump_alone_and_the_heater_alone() -> None:
    """The pump shows at both ends: read alone whole, and stepping down to the heater alone."""
    runs = _runs([*BEFORE, *SHOT, *AFTER])
    assert len(runs) == 1
    started, ended = runs[0]
    # The reading of the pump alone ends at 6,475 s, the partial before it
    # holds a tenth of the step; the stop's reading (6,490 s) half of it.
    assert started == 6475.0 - 5.0 * (1.0 + (11.0 - BASE) / PUMP)
    assert ended == 6485.0 + 5.0 * (1498.0 - 1466.0) / (1525.0 - 1466.0)
    assert ended - started > 15.0


def test_heater_read_beyond_its_cycle_at_the_reading_is_no_shot() -> None:
    """The heater's other cycles as high as the one reading: its last reading was a partial fall."""
    high = [w + 60.0 if w > 1000.0 else w for w in BEFORE]
    after = [w + 60.0 if w > 1000.0 else w for w in AFTER]
    assert _runs([*high, *SHOT, *after]) == []


def test_heater_rise_read_whole_is_no_pump_alone_before_it() -> None:
    """A heater's rise read in a sliver looks like the pump alone: the next reading then holds the heater whole."""
    shot = [*SHOT]
    shot[2] = 1466.0
    assert _runs([*BEFORE, *shot, *AFTER]) == []


def test_pump_read_in_part_only_is_no_shot() -> None:
    """The pump alone read in part only: it may have run under 15 s."""
    shot = [*SHOT]
    shot[1] = 30.0
    assert _runs([*BEFORE, *shot, *AFTER]) == []


def test_heater_alone_first_then_the_pump_then_its_fall_read_alone() -> None:
    """The mirror: the heater alone, the pump's start read in part, one reading of both, the fall, the pump alone.

    Dev seed 28,000,053 (standby 4 W, a rotary pump calibrated 156.1 W):
    1,228, 1,232, 1,365, 1,386, 411, 144, 4 W, an 18.0 s shot at
    4,301.2-4,319.2 s; the heater's next cycle read 1,231 W 35 s later.
    """
    rows = [4.0, 5.0, 4.0, 5.0, 4.0, 5.0, 667.0, 1263.0, 1228.0, 1232.0]
    rows += [1365.0, 1386.0, 411.0, 144.0, 4.0, 4.0, 5.0, 4.0, 633.0, 1231.0]
    rows += [1238.0, 108.0, 4.0]
    times = [4255.0 + 5.0 * i for i in range(len(rows))]
    runs = over_heater(times, rows, base=4.0, pump=156.1, period=5.0, after=0.0)
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == 4305.0 - 5.0 * (1365.0 - 1232.0) / (1386.0 - 1232.0)
    assert ended == 4320.0


def test_backflush_pulses_beside_the_heater_are_no_shot() -> None:
    """A pulse over the heater, a pause hidden in its fall's reading, the next pulse read alone.

    Extra dev seed 70,000,060 (standby 7 W, heater about 1,250 W, a 64 W
    pump): pulses of 6.3 s and 7.3 s read as one reading over the heater
    and the pump alone whole after it; the series went on 15 s later
    (43, 70, 31 W). With the standby there instead, the shape is a shot's.
    """
    rows = [7.0, 470.0, 1253.0, 1247.0, 1251.0, *[7.0] * 13, 44.0, 235.0]
    rows += [1242.0, 1251.0, 1301.0, 436.0, 63.0, 35.0, 7.0, 7.0, 43.0, 70.0]
    rows += [31.0, 7.0, 7.0, 7.0, 8.0, 7.0, 7.0, 886.0, 1249.0, 1246.0, 836.0]
    rows += [7.0, 8.0]
    times = [12730.0 + 5.0 * i for i in range(len(rows))]
    assert over_heater(times, rows, base=7.0, pump=64.0, period=5.0, after=0.0) == []
    quiet = [
        w if not 12865.0 < t < 12885.0 else 7.0
        for t, w in zip(times, rows, strict=True)
    ]
    assert (
        len(over_heater(times, quiet, base=7.0, pump=64.0, period=5.0, after=0.0)) == 1
    )
