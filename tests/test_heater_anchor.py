"""A shot read over a heater against that heater read alone around it (``heater_anchor``).

Readings every 5 s of a heat exchanger (standby 3 W, heater about 1193 W, a
vibratory pump of 48 W): the heater switched on with the shot and off with
it, so the shot is a plateau of the heater and the pump, 3.4 % over the
heater's size. The heater's short cycles before and after the shot, each
read whole in one reading, give its size at the volts of the shot.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.heater_anchor import (
    over_heater,
)

PUMP = 48.3
BASE = 3.0


def _readings(rows: list[float]) -> tuple[list[float], list[float]]:
    return [1000.0 + 5.0 * i for i in range(len(rows))], rows


def _runs(rows: list[float], pump: float = PUMP) -> list[tuple[float, float]]:
    times, watts = _readings(rows)
    return over_heater(times, watts, base=BASE, pump=pump, period=5.0, after=0.0)


# A heater cycle (a partial, one whole, a partial), the standby, the shot
# (a partial rise, three readings of the heater and the pump, a partial
# fall), the standby and another heater cycle (from seed 20000036).
BEFORE = [3.0, 977.0, 1196.0, 175.0, 3.0, 3.0, 2.0]
AFTER = [2.0, 2.0, 3.0, 3.0, 3.0, 417.0, 1189.0, 251.0, 3.0]


def test_plateau_a_pump_step_over_the_heater_read_around_it_is_a_shot() -> None:
    runs = _runs([*BEFORE, 486.0, 1244.0, 1240.0, 1243.0, 967.0, *AFTER])
    assert len(runs) == 1
    started, ended = runs[0]
    # The rise's reading ends at 1035 s, the fall's at 1055 s: their middles.
    assert started == 1032.5
    assert ended == 1052.5


def test_heater_alone_plateau_is_no_shot() -> None:
    """The heater held three readings at its own size: no pump's step."""
    assert _runs([*BEFORE, 486.0, 1196.0, 1193.0, 1195.0, 967.0, *AFTER]) == []


def test_step_of_another_size_is_no_shot() -> None:
    """A plateau twice the pump's step over the heater: not the pump."""
    assert _runs([*BEFORE, 486.0, 1290.0, 1291.0, 1289.0, 967.0, *AFTER]) == []


def test_heater_read_on_one_side_only() -> None:
    """No heater cycle read whole after the shot: one before it may do.

    Beside one learnt heater, a short cycle's peak within a minute, the
    standby read between: its size at the shot's volts. Not a heater's
    level that held (the mains may have moved it since), nor beside two
    learnt heaters, nor a peak further away.
    """
    idle = [3.0] * 9
    shot = [486.0, 1244.0, 1240.0, 1243.0, 967.0]
    times, watts = _readings([*BEFORE, *shot, *idle])
    kwargs = {"base": BASE, "pump": PUMP, "period": 5.0, "after": 0.0}
    assert len(over_heater(times, watts, heaters=[1190.0], **kwargs)) == 1
    assert over_heater(times, watts, heaters=[1190.0, 1400.0], **kwargs) == []
    far = [*BEFORE, *[3.0] * 8, *shot, *idle]
    assert _runs(far) == []
    held = [3.0, 977.0, 1196.0, 1195.0, 175.0, 3.0, 3.0, 2.0, *shot, *idle]
    assert _runs(held) == []


def test_two_readings_of_the_plateau_are_too_short() -> None:
    """Two whole readings: the pump may have run under 15 s (a flush)."""
    assert _runs([*BEFORE, 486.0, 1244.0, 1240.0, 967.0, *AFTER]) == []


def test_pump_alone_before_the_heater_rose_counts_the_rise_whole() -> None:
    """The pump alone read first: the heater's rise reading held it whole too.

    Two plateau readings, the rise's and the pump's alone before it: the
    pump ran 15 s at least; its start is dated by the share of its step the
    reading of it alone holds.
    """
    rows = [*BEFORE, 3.0, 33.0, 262.0, 1244.0, 1240.0, 967.0, *AFTER]
    runs = _runs(rows)
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == 1040.0 - 5.0 * (30.0 / PUMP)
    assert ended == 1057.5
    # A reading of a heater's part there instead: no pump seen alone.
    rows[len(BEFORE) + 1] = 400.0
    assert _runs(rows) == []


def test_plateau_of_another_learnt_heater_is_no_shot() -> None:
    """A dual boiler's steam heater about its brew heater and a rotary pump's step.

    The steam heater's plateau between the brew heater's cycles stands the
    pump's step over them; learnt alone, it is that heater's.
    """
    brew = [3.0, 800.0, 1003.0, 150.0, 3.0, 3.0]
    rows = [*brew, 600.0, 1183.0, 1181.0, 1184.0, 700.0, 3.0, 3.0, *brew]
    times, watts = _readings(rows)
    kwargs = {"base": BASE, "pump": 180.0, "period": 5.0, "after": 0.0}
    assert over_heater(times, watts, heaters=[1000.0], **kwargs) != []
    assert over_heater(times, watts, heaters=[1000.0, 1185.0], **kwargs) == []


def test_heater_learnt_with_the_pump_read_alone_at_the_rise_is_a_shot() -> None:
    """A learnt size a pump's step over the heater, and the pump read alone at the rise.

    A heat exchanger's detector may learn its heater and the pump together
    as a second heater (dev seed 27,000,060, a vibratory pump of 47 W:
    1,278 and 1,383 W learnt, the heater alone 1,313-1,314 W either side of
    a shot read 51, 971, 1,368, 1,374, 1,050 W; a 21.1 s shot lost). The
    pump read alone before the heater's rise shows the pump in the plateau:
    no heater's cycle starts so. Without that reading, the learnt size
    still blocks it.
    """
    rows = [*BEFORE, 3.0, 50.0, 700.0, 1244.0, 1240.0, 967.0, *AFTER]
    times, watts = _readings(rows)
    kwargs = {"base": BASE, "pump": PUMP, "period": 5.0, "after": 0.0}
    assert len(over_heater(times, watts, heaters=[1190.0, 1260.0], **kwargs)) == 1
    rows = [*BEFORE, 486.0, 1244.0, 1240.0, 1243.0, 967.0, *AFTER]
    times, watts = _readings(rows)
    assert over_heater(times, watts, heaters=[1190.0, 1260.0], **kwargs) == []


def test_only_plateaus_after_the_last_run_counted_are_given() -> None:
    """A plateau whose first reading began before ``after`` is no new shot.

    The readings before it are skipped at once (the times never go back):
    the plateau's first reading ends at 1040 s, its interval began at 1035 s.
    """
    times, watts = _readings([*BEFORE, 486.0, 1244.0, 1240.0, 1243.0, 967.0, *AFTER])

    def runs(after: float) -> list[tuple[float, float]]:
        return over_heater(times, watts, base=BASE, pump=PUMP, period=5.0, after=after)

    assert runs(1035.0) == [(1032.5, 1052.5)]
    assert runs(1035.5) == []
    assert runs(2000.0) == []


def test_pump_paused_before_the_heater_rose_is_no_shot() -> None:
    """A backflush's pulse, a pause, the next pulse over the heater: no shot.

    The pump read alone whole, then short of its step (off for part of
    that reading), then the heater's rise: the pump-alone reading before
    the rise is a pause's, not the start's, and the pulse over the heater
    held two readings (dev 24000045, 25000060 every 5 s). The reading
    before it a heater's fall read in part (about the pump's size): the
    pump's start, as before.
    """
    pulse = [*BEFORE, 3.0, 51.0, 30.0, 262.0, 1244.0, 1240.0, 967.0, *AFTER]
    assert _runs(pulse) == []
    fall = [3.0, 977.0, 1196.0, 40.0, 30.0, 262.0, 1244.0, 1240.0, 967.0, *AFTER]
    runs = _runs(fall)
    assert len(runs) == 1
    assert runs[0][0] == 1020.0 - 5.0 * (27.0 / PUMP)


def test_pump_read_whole_twice_before_the_heater_rose_is_a_shot() -> None:
    """The pump read alone whole twice before the rise: no pause, its start.

    Only a reading short of the pump's step (under ``_PAUSED`` of it) says
    the pump paused before the rise; read whole (50 W of 48.3 W) it ran on
    into the heater's rise, the shot dated from the first: the start of its
    interval, which the standby's reading ends (it was dated from the last,
    5 s late).
    """
    runs = _runs([*BEFORE, 3.0, 51.0, 50.0, 262.0, 1244.0, 1240.0, 967.0, *AFTER])
    assert len(runs) == 1
    assert runs[0][0] == 1035.0


def test_pump_read_in_part_then_whole_before_the_heater_rose_dates_the_start() -> None:
    """Dev seed 20,000,020 (a heat exchanger's 48 W pump): 1,054, 25, 55, 54 W, then the rise.

    The heater's fall read in part, the pump's start read in part (25 W:
    the pump on for 2.3 s of its 5 s), two readings of it alone whole: the
    start is in the partial reading, by its share of the step (it was dated
    at the last reading alone, 7.6 s late).
    """
    fall = [3.0, 977.0, 1196.0, 1196.0, 900.0, 25.0, 51.0, 50.0, 262.0]
    runs = _runs([*fall, 1244.0, 1240.0, 967.0, *AFTER])
    assert len(runs) == 1
    # The first whole reading's interval began at 1025 s; 22 W of 48.3 before it.
    assert runs[0][0] == 1025.0 - 5.0 * ((25.0 - BASE) / PUMP)


def test_plateau_a_step_and_a_half_over_agreeing_heater_readings_is_a_shot() -> None:
    """A 5 s calibration's step off the pump's, the mains moved: the plateau still stands over.

    Dev seed 20,000,004 (a heat exchanger whose 58.9 W pump was calibrated
    50.4 W): the heater alone 1,320 W 25 s before the shot and 1,319 W 45 s
    after it, the shot's plateau 1,388-1,394 W, 1.44 calibrated steps over
    both (a 33.3 s shot, lost while the plateau had to stand within a fifth
    of a step of one; the heater learnt 1,319 W). A plateau a third of a
    step over them is the heater drifting with the mains: no shot. Beside
    readings of no learnt heater (a dual boiler's two heaters on, say) the
    plateau must still stand within a fifth of a step of one.
    """
    base, pump = 6.3, 50.4
    before = [7.0, 6.0, 7.0, 25.0, 894.0, 1320.0, 25.0, 6.0, 25.0, 139.0]
    after = [402.0, 7.0, 6.0, 6.0, 6.0, 6.0, 6.0, 511.0, 1319.0, 1262.0, 7.0, 6.0]

    def runs(
        plateau: list[float], heaters: tuple[float, ...] = (1319.0,)
    ) -> list[tuple[float, float]]:
        times, watts = _readings([*before, *plateau, *after])
        return over_heater(
            times, watts, base=base, pump=pump, period=5.0, after=0.0, heaters=heaters
        )

    shot = [1388.0, 1393.0, 1394.0, 1393.0, 1393.0]
    # The heater's rise reading ends at 1045 s, its fall's at 1075 s: their middles.
    assert runs(shot) == [(1042.5, 1072.5)]
    assert runs([1335.0, 1336.0, 1334.0, 1335.0, 1336.0]) == []
    assert runs(shot, heaters=()) == []
    assert runs(shot, heaters=(940.0,)) == []


def test_long_plateau_beside_heater_readings_half_a_step_apart_is_a_shot() -> None:
    """Three fresh readings of the plateau: its heater readings may disagree by half a step.

    Dev seed 20,000,020 (a heat exchanger, a 48.1 W pump, its heater learnt
    1,303 W): the heater alone 1,330-1,335 W 85 s before an 18.5 s shot and 1,316-1,322 W 80 s
    after it (the mains moved 0.4 of a step between), the shot 1,371-
    1,373 W for three readings, 0.8 and 1.2 steps over them. Two fresh
    readings may be a flush read long (its fall's heater reading taken for
    the pump alone): there they must agree within a fifth of a step.
    """
    base, pump = 6.5, 48.1
    before = [6.0, 16.0, 955.0, 1330.0, 1335.0, 1150.0, *[6.0] * 14, 339.0]
    after = [1330.0, 1060.0, 7.0, 16.0, *[7.0] * 10, 251.0, 1316.0, 1322.0, 950.0]

    def runs(rows: list[float]) -> list[tuple[float, float]]:
        times, watts = _readings(rows)
        return over_heater(
            times, watts, base=base, pump=pump, period=5.0, after=0.0, heaters=[1303.0]
        )

    # The heater's rise reading ends at 1100 s: its middle; the fall after 1115 s.
    assert runs([*before, 1373.0, 1371.0, 1372.0, *after]) == [(1097.5, 1117.5)]
    # Two fresh readings, the pump read alone before the heater's rise.
    short = [*before[:-2], 40.0, 339.0, 1373.0, 1371.0, *after]
    assert runs(short) == []
    agreeing = [1335.0 if w == 1316.0 else w for w in short]
    assert len(runs(agreeing)) == 1


def test_heater_read_whole_twice_to_the_watt_is_an_anchor() -> None:
    """Two readings of a heater that agree to the watt: a level, not a stale repeat's.

    A repeat is seldom stale; the reading after a repeat is the first
    one's next neighbour (``_next_fresh``). The heater's cycle 50 s before
    the shot read 1,407 W twice, then its fall; its next cycle only 85 s
    after it, too far for one anchor alone (dev seed 22,000,004, a 45.6 W
    pump: the shot 1,445-1,450 W, a 25.8 s shot lost).
    """
    standby = 6.3
    rows = [
        *[standby] * 4,
        *[193.0, 1407.0, 1407.0, 930.0],
        *[standby] * 6,
        *[293.0, 1445.0, 1447.0, 1449.0, 1450.0, 1449.0, 1450.0, 697.0],
        *[standby] * 14,
        *[1345.0, 1413.0, 1166.0],
        *[standby] * 4,
    ]
    times, watts = _readings(rows)
    kwargs = {"base": standby, "pump": 45.6, "period": 5.0, "after": 0.0}
    assert over_heater(times, watts, heaters=[1444.9], **kwargs) == [(1067.5, 1102.5)]
    # One watt apart, the same readings were an anchor before the rule too.
    rows[6] = 1406.0
    times, watts = _readings(rows)
    assert over_heater(times, watts, heaters=[1444.9], **kwargs) == [(1067.5, 1102.5)]


def test_heater_tail_at_the_pump_level_then_the_standby_is_no_pump_alone() -> None:
    """One reading at the pump's level after the fall, then the standby: the heater's tail.

    The fall's reading stands half a step under the plateau (the heater
    whole, the pump stopping in it), then one reading at the pump's level
    and the standby: the heater's last part of an interval, not the pump
    alone, which would leave its own partial reading when it stopped (dev
    seed 29,000,061: 1,522, 1,524, then 1,448, 151, 8 W, a 14.9 s shot read
    22.5 s). Two plateau readings then held the pump under 15 s. The pump
    alone read on into its own partial reading, or a fall's reading far
    under the plateau (the heater's own partial reading, the pump whole in
    it): it ran through the fall.
    """
    idle = [3.0] * 4
    tail = [*BEFORE, 486.0, 1244.0, 1240.0, 1220.0, 51.0, 3.0, *idle, *AFTER]
    assert _runs(tail) == []
    ran_on = [*BEFORE, 486.0, 1244.0, 1240.0, 1220.0, 51.0, 25.0, 3.0, *idle, *AFTER]
    runs = _runs(ran_on)
    assert len(runs) == 1
    # The fall's reading ends at 1050 s; the pump alone held the next one.
    assert runs[0][1] == 1050.0 + 5.0 * ((51.0 - BASE) / PUMP)
    partial = [*BEFORE, 486.0, 1244.0, 1240.0, 700.0, 51.0, 3.0, *idle, *AFTER]
    assert len(_runs(partial)) == 1


def test_pump_read_alone_whole_after_the_heater_fell_dates_the_stop() -> None:
    """Dev seed 21,000,021 (a heat exchanger's 151 W pump): 1,417, 1,256, then 159, 160, 159 W.

    The heater fell in part with the pump on through it, then the pump ran
    on alone whole three readings, the fourth a part of its step: the stop
    is in that reading, by its share (it was dated at the end of the first
    reading alone, 11.8 s early).
    """
    shot = [486.0, 1244.0, 1240.0, 1243.0, 967.0, 51.0, 50.0, 52.0, 20.0]
    runs = _runs([*BEFORE, *shot, *AFTER])
    assert len(runs) == 1
    # The last whole reading alone ends at 1070 s; 17 W of 48.3 after it.
    assert runs[0][1] == 1070.0 + 5.0 * ((20.0 - BASE) / PUMP)
