"""Whether the level the plug now holds shows the pump running, read from sizes alone.

Why: a guided backflush (no pump relay) asks a person to press brew and waits
to see the pump. The detector's ``pump_on`` follows a run it can pair and
date, and keeps it off where an edge has two explanations: a dual boiler's
heater that came on with the cold water a second after the pump, or fell in
the same second the pump started, leaves no edge that is the pump's alone.
The pump then runs unseen until the person lets go; after three prompts the
guide aborts. Simulated machines held on by a person until seen (40 of each
family, six pulses each, after five minutes at rest): a dual boiler every
second went unseen for 45 s in 12 of 240 pulses, every 2 s in 10, on change
in 12. Yet the level itself often says what runs now. In those pulses it
stood the pump's step over the standby for 10-40 s (a heater's fall left the
pump alone: 5, 1,336, 1,288, 45, 55, 58, 58 ... W for a 53 W pump), or a
learnt heater and the pump (1,372 W over a 1,333 W heater, 45 W pump).

This reads the level only, never its history: the pump is on when the level
stands about one pump's step over the standby, or (at half that tolerance)
over one learnt heater, and no heater or pair of heaters alone explains the
level as well. It is for a listener that knows a press is due (the guide);
runs are never counted from it.
"""

from __future__ import annotations

from collections.abc import Sequence


def pump_in_level(
    over: float, pump: float, tol: float, heaters: Sequence[float]
) -> bool | None:
    """Whether a level ``over`` the standby (W) holds the pump.

    True: the pump's step over the standby, or over one of ``heaters``
    (sizes at the level's volts) within half of ``tol``, and no heater or
    pair of heaters explains the level within ``tol``. False: the standby,
    or heaters alone. None: the level says neither.
    """
    if abs(over) <= tol:
        return False
    if abs(over - pump) <= tol:
        return True
    loads = set(heaters)
    loads.update(a + b for i, a in enumerate(heaters) for b in heaters[i + 1 :])
    if any(abs(over - load) <= tol for load in loads):
        return False
    half = 0.5 * tol
    if any(abs(over - heater - pump) <= half for heater in heaters):
        return True
    return None
