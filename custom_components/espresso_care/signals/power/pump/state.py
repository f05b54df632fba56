"""The pump detector's state: every attribute it keeps, and its configuration.

The base of ``PumpDetector``'s chain of layers (see the package's
docstring). All attributes are declared here (``__slots__``, set in
``__init__`` and ``_forget``), so that every layer above reads and writes
the same state and mypy knows its types; the layers add behaviour only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
import math

from .. import decoder
from ..readings import DetectedRun
from .constants import (
    _ANCHOR_N,
    _DECODED_MARGIN,
    _DECODED_NEAR,
    _DECODED_PART_S,
    _DECODED_PAUSE,
    _HOT_SPANS,
    _NOTHING,
    _PEAKS,
    _RECENT_N,
    _STILL_SHARE,
    _STILL_W,
    _TIED_PRIOR,
    KIND_BOUNDS_S,
)
from .records import _Floor, _Heater, _Pending, _Rise
from .steps import _Edge


class _DetectorState:
    """The detector's attributes, their initial values, and the pump's step."""

    __slots__ = (
        "_ambiguous",
        "_anchor_recent",
        "_avg_score",
        "_base",
        "_cache",
        "_cache_edge",
        "_cache_version",
        "_cd_at",
        "_cd_last",
        "_cd_n",
        "_cd_sum",
        "_clean_since",
        "_confirm",
        "_confirm_from",
        "_counted",
        "_cycle_at",
        "_cycle_n",
        "_cycle_size",
        "_cycled",
        "_decode_at",
        "_edge_ats",
        "_events",
        "_events_seen",
        "_fell_at",
        "_floor",
        "_forgotten",
        "_gap",
        "_gaps",
        "_heaters",
        "_held",
        "_held_at",
        "_held_levels",
        "_hot_from",
        "_hot_spans",
        "_idle",
        "_k",
        "_known",
        "_last_at",
        "_last_run",
        "_lv",
        "_lv_at",
        "_lv_n",
        "_near",
        "_noise_check",
        "_noise_ev",
        "_noise_of",
        "_noise_rest",
        "_over",
        "_over_w",
        "_partial",
        "_partial_n",
        "_peaks",
        "_pending",
        "_period",
        "_pm1_at",
        "_pm1_w",
        "_pm2_at",
        "_pts",
        "_pulse_at",
        "_pulses",
        "_pump",
        "_pump_watts",
        "_quiet",
        "_ramp_first",
        "_ramp_n",
        "_ramp_seen",
        "_ran_on_level",
        "_ran_on_ripe",
        "_ran_on_run",
        "_recent",
        "_record",
        "_rises",
        "_run_at",
        "_run_base",
        "_run_before",
        "_run_early",
        "_run_fell",
        "_run_from",
        "_run_heat",
        "_run_heater",
        "_run_held",
        "_run_lead",
        "_run_lone",
        "_run_mag",
        "_run_other",
        "_run_pure",
        "_run_seen",
        "_run_shown",
        "_run_split",
        "_run_spread",
        "_run_two",
        "_run_unsure",
        "_run_w",
        "_sd",
        "_silence",
        "_stale",
        "_step_n",
        "_step_w",
        "_tied",
        "_tied_n",
        "_tol",
        "_tol_lv",
        "_tr",
        "_tr_max",
        "_tr_min",
        "_tr_n",
        "_unsure",
        "_unsure_clean",
        "_unsure_rise",
        "_v_last",
        "_v_lv",
        "_version",
        "_vref2",
        "_wanted",
        "_withheld",
        "kind_bounds",
    )

    def __init__(
        self, pump_watts: float, *, kind_bounds: Sequence[float] = KIND_BOUNDS_S
    ) -> None:
        self.kind_bounds = tuple(kind_bounds)
        # What a decoded run must show to count (``_decoded``).
        self._wanted = decoder.Wanted(
            margin=_DECODED_MARGIN,
            paused=_DECODED_PAUSE,
            near=_DECODED_NEAR,
            part=_DECODED_PART_S,
            # Surely a shot: between the first bound and the next, if any.
            shortest=(*self.kind_bounds, 0.0)[0],
            longest=(*self.kind_bounds[1:], math.inf)[0],
        )
        self._sd = 1.0
        self._tol = self._tol_lv = 0.0
        self._lv = 0.0
        self._vref2 = 0.0
        self._k = 1.0
        self._base = 5.0  # the standby level (nothing on)
        self._version = 0  # counts the heaters' changes (for the cache)
        self._cache_edge: _Edge | None = None
        self._cache_version = -1
        self._cache: tuple[int, int, float, tuple[int, ...]] = (_NOTHING, 0, 0.0, ())
        self._v_last = self._v_lv = 0.0
        self._heaters: list[_Heater] = []
        self._events: deque[tuple[float, float, bool]] = deque(maxlen=2048)
        self._events_seen = 0  # events come and gone: the noise's cache key
        self._noise_of: tuple[int, float] | None = None
        self._noise_rest = 0.0  # the events' noise less the floor's pulses
        self._fell_at: float | None = None
        self._gap = 0.0
        self._period = 0.0  # the plug's shortest steady gap: its measuring period
        self._gaps = 0  # gaps seen (the interval is known after a few dozen)
        self._stale = False  # a repeated value in a transient was let pass
        self._silence = 0.0
        self._avg_score = 0.0
        # The share of clean large steps whose first reading was partial,
        # a slow running mean (``_window``).
        self._partial = 0.0
        self._partial_n = 0
        self._ambiguous = False
        self._clean_since = -math.inf
        self._unsure = False  # the noise less the floor's pulses pauses counting
        self._unsure_clean = -math.inf
        self._noise_ev = 0.0
        self._pulses = 0.0  # how often pulses come and go (an average by pulse)
        self._pulse_at = -math.inf
        self._noise_check = -math.inf
        self._last_at = -math.inf
        self._record: list[_Edge] | None = None
        self._floor = _Floor()
        self._ramp_seen = 0.0
        self._ramp_first = 0.0
        self._ramp_n = 0  # rises read every 2 s in ``_ramp_first``
        self._quiet = False
        # The last readings (a plug reporting every few seconds: ``_started_alone``).
        self._recent: deque[tuple[float, float]] = deque(maxlen=_RECENT_N)
        # The readings ``heater_anchor`` reads a plateau and its anchors in.
        self._anchor_recent: deque[tuple[float, float]] = deque(maxlen=_ANCHOR_N)
        self._last_run: DetectedRun | None = None  # the last run decided (``_once``)
        self._cycle_size = 0.0  # an unseen heater-and-pump cycle (``_cycle_heater``)
        self._cycle_at = -math.inf
        self._cycle_n = 0
        self._cycled: _Heater | None = None  # the heater ``_learn_cycle`` learnt
        # The last short heater pulses' peaks over the standby (``_heater_peak``).
        self._peaks: deque[float] = deque(maxlen=_PEAKS)
        # The last cycles read as one heater's: when, and their size (``_idle_cycle``).
        self._idle: deque[tuple[float, float]] = deque(maxlen=3)
        # Levels held past any run, no known heater's: when, their size
        # (``_note_held_level``).
        self._held_levels: deque[tuple[float, float]] = deque(maxlen=3)
        # The runs decided lately (read every few seconds: ``_decoded``).
        self._counted: deque[tuple[float, float]] = deque(maxlen=8)
        # The latest end of a run that left ``_counted`` (``_remember``).
        self._forgotten = -math.inf
        # Those of them withheld, their stop hidden in a heater's rise (``_past_withheld``).
        self._withheld: deque[tuple[float, float]] = deque(maxlen=8)
        self._decode_at = math.inf
        # Shot-long runs ending with a heater that came on in them, of all
        # (``_stop_in_heater_rise``).
        self._tied, self._tied_n = _TIED_PRIOR
        self.pump_watts = pump_watts  # checked; the tolerances and own step from it
        self._forget()

    def _remember(self, started: float, ended: float) -> None:
        """Keep a run decided in ``_counted``, noting the end of one that leaves it."""
        counted = self._counted
        if len(counted) == counted.maxlen:
            self._forgotten = max(self._forgotten, counted[0][1])
        counted.append((started, ended))

    @property
    def pump_watts(self) -> float:
        """The pump's step (W) the detector looks for."""
        return self._pump_watts

    @pump_watts.setter
    def pump_watts(self, value: float) -> None:
        if not value > 0:
            raise ValueError("pump_watts must be > 0")
        self._pump_watts = float(value)
        # Two readings of one state of the machine every few seconds agree
        # to this (``_cycle_in_readings`` and the rules after it read it at
        # most readings: kept, not recomputed).
        self._near = max(0.12 * self._pump_watts, 6.0)
        # The pump's own fall (``_off_step``): the calibrated step, then
        # clean runs' falls to the standby.
        self._step_w = self._pump_watts
        self._step_n = 1
        self._set_tolerance()

    def _set_tolerance(self) -> None:
        # The readings of one steady state stay within this of its mean.
        self._tol = max(0.25 * self._pump_watts, 4.0 * self._sd, 3.0)
        self._tol_lv = max(self._tol, _STILL_W + _STILL_SHARE * self._lv)

    def _forget(self) -> None:
        """Forget the level, the transient, the heaters' states and the run."""
        self._known = False
        self._recent.clear()
        self._anchor_recent.clear()
        self._lv = 0.0
        self._lv_n = 0
        self._pm1_at = self._pm2_at = self._pm1_w = 0.0
        self._tr = False
        self._tr_n = 0
        self._tr_min = self._tr_max = 0.0
        self._cd_sum = self._cd_last = self._cd_at = 0.0
        self._lv_at = 0.0
        self._confirm: DetectedRun | None = None
        self._confirm_from = math.nan  # the level a held run fell from
        # A held run whose stop a heater's rise hid: its level, and whether
        # it would have been decided by now (``_ran_on_through_rise``).
        self._ran_on_run: DetectedRun | None = None
        self._ran_on_level = math.nan
        self._ran_on_ripe = False
        self._cd_n = 0
        self._over = 0
        self._over_w = 0.0
        self._pts: list[float] = []
        self._held: _Edge | None = None
        self._held_at = 0.0
        self._pump = False
        self._run_at = self._run_w = self._run_base = self._run_heat = 0.0
        self._run_pure = False
        self._run_seen = self._run_held = False
        self._run_lead = 0.0
        self._run_from = 0.0  # the edge a run opened at, before dating moved it
        self._run_spread = 0.0
        # The part of the start's spread that lies before it only (``_early_only``).
        self._run_early = 0.0
        self._run_two = False
        self._run_lone = False
        self._run_unsure = False
        self._run_heater: _Heater | None = None
        self._run_mag = self._run_before = self._run_other = 0.0
        self._run_shown = 0.0
        # The run opened split from a heater's rise, no reading of the pump alone whole.
        self._run_split = False
        # The first reading of the heaters' stretch on now (``_COOL``; inf:
        # none), and the last stretches' first reading and the next without
        # (``_on_heat_up``; the decoder reads a run again minutes later).
        self._hot_from = math.inf
        self._hot_spans: deque[tuple[float, float]] = deque(maxlen=_HOT_SPANS)
        self._pending: _Pending | None = None
        # An unsure rise of the pump's step over the smaller heater, the
        # last edge (``_between_hand_overs``).
        self._unsure_rise: _Edge | None = None
        self._edge_ats = (-math.inf, -math.inf)  # the last two edges' times
        self._rises: list[_Rise] = []
        for heater in self._heaters:
            heater.on = None
