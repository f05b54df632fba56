"""Runs read from the last readings of a plug reporting every few seconds.

An energy meter's 5 s averages blur a shot whose heater switched in its
first or last readings into no level the edges can pair. These rules read
such runs from the readings themselves, once they settle: the decoder
hand-off (``_decoded``: ``decoder``'s factorial HMM on Hart's additive
loads), a shot over a heater against its cycles alone (``heater_anchor``),
the pump then a heater, the pump alone then a heater, and a heater's cycle
read in a few readings. ``_once`` keeps a run from being counted twice.

One layer per rule, each deriving from the one before (as the pump
detector's layers do), over the shared readers at the bottom:

* ``levels``: a level held, its median, a known heater in it, the readings
  around a fall;
* ``starts``: when the pump started, read back from a level;
* ``fall_runs``: runs a fall beside a heater shows whose rise hid;
* ``once``: a run counted once, whichever rule read it first;
* ``decoded``: the decoder and heater-anchor hand-off;
* ``cycle_read``: a run in readings that held no level between;
* ``stop_order``: a heater and the pump, which stopped first;
* ``pump_first``: the pump on first around a heater's level;
* ``heater_stays``: the heater alone after the pump's stop;
* ``alone_then_heater``: the pump alone, then a heater's level alone.
"""

from __future__ import annotations

from .alone_then_heater import _AloneThenHeater


class _SlowPlug(_AloneThenHeater):
    """Runs read from the last readings of a plug reporting every few seconds."""

    __slots__ = ()
