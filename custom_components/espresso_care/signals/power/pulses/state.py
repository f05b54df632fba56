"""The reader's state: every attribute it keeps, and its initial value.

The base of ``PowerBackflushes``' chain of layers (see the package's
docstring). All attributes are declared here (``__slots__``, set in
``__init__``), so that every layer above reads and writes the same state
and mypy knows its types; the layers add behaviour only.
"""

from __future__ import annotations

from collections import deque
import math

from ....backflush_pattern import BackflushRecognizer, PatternRules
from .constants import POWER_RULES
from .records import Pulse, _Excursion
from .slow_plug import RefusedLately


class _TrainState:
    """The reader's attributes and their initial values."""

    __slots__ = (
        "_alike",
        "_at",
        "_band",
        "_band_before",
        "_candidates",
        "_clean",
        "_cycles",
        "_dark",
        "_dark_rose",
        "_edge_held",
        "_excursion",
        "_fed",
        "_floor",
        "_floor_at",
        "_floors",
        "_framed_at",
        "_given",
        "_heater_rose",
        "_heaters",
        "_held",
        "_interval",
        "_last",
        "_learned",
        "_level",
        "_long_runs",
        "_odd",
        "_off_readings",
        "_older",
        "_pattern",
        "_pending",
        "_pulses",
        "_raw",
        "_refused",
        "_rose",
        "_rules",
        "_runs",
        "_shot_runs",
        "_since",
        "_singles",
        "_slow",
        "_spreads",
        "_steady",
        "_steady_before",
        "_stretch_low",
        "_stretches",
        "_unexplained",
        "_volts",
        "_watts",
        "pump_watts",
        "spread",
    )

    def __init__(self, pump_watts: float, rules: PatternRules = POWER_RULES) -> None:
        self.pump_watts = pump_watts
        # The rules given (a fast plug's); a slow plug's allow more weak pulses.
        self._given = self._rules = rules
        self._slow = False
        self._pattern: BackflushRecognizer[Pulse] = BackflushRecognizer(rules)
        self._at: float | None = None
        self._since = 0.0  # the first reading followed since the last reset
        # When each pulse read lately began (noise and weak ones too).
        self._pulses: deque[float] = deque()
        # When each pulse fed to the pattern from a single reading began.
        self._singles: deque[float] = deque()
        self._last: float | None = None  # the last reading's fraction (None: unknown)
        self._raw: float | None = None  # the same, before the alike rule read it off
        self._level: float | None = None  # the pump-off level
        # Each heater's step above the level (W), most recently learned first.
        self._heaters: list[float] = []
        # Heater steps seen once, each with its last reading's time.
        self._candidates: list[tuple[float, float]] = []
        # On a slow plug, the heaters' steps learned lately, each with the
        # span of the readings it was learned from (first, last, step).
        self._learned: deque[tuple[float, float, float]] = deque()
        # When readings were unexplained (a heater switching), lately.
        # (and whether each was a heater's edge).
        self._odd: deque[tuple[float, bool]] = deque()
        # When weak pulses that were a heater's own cycle began, lately.
        self._cycles: deque[float] = deque()
        # An unexplained reading waiting for the next one (its time, the
        # reading before it, its own watts): a heater's edge or noise.
        self._pending: tuple[float, float, float] | None = None
        self._watts = 0.0  # the last reading (scaled to the mains)
        self._clean = True  # the last reading was read with no heater on
        self._alike = 0  # readings alike in a row, a part of the pump's step
        # How far quiet readings stray from the level, in pump steps (followed).
        self.spread = 0.0
        # On a slow plug, the spread after each reading lately (time, spread).
        self._spreads: deque[tuple[float, float]] = deque()
        self._unexplained: float | None = None  # the last reading no band explained
        # The unexplained reading just before it (None: it followed one
        # explained), and whether that one rose from the level (the pump and
        # every heater off the reading before it).
        self._older: float | None = None
        self._rose = False
        self._volts: float | None = None  # the mains the readings are scaled to
        self._interval = 0.0
        self._excursion: _Excursion | None = None
        # On a slow plug, a one-reading excursion closed by a heater's
        # reading, held until the next reading says whether the heater
        # stayed on (``_edge_resolved``, ``heater_edge``).
        self._edge_held: _Excursion | None = None
        # On a slow plug, whether the last reading read a heater's band with
        # the pump off right after a reading with no heater on (a heater
        # came on).
        self._heater_rose = False
        # The band the last reading was read in (heater step, 0 the level;
        # None: unexplained), and the one before it.
        self._band: float | None = 0.0
        self._band_before: float | None = 0.0
        # Pump-off readings in a row in the last reading's band (and as of
        # the reading before): a heater's band is trusted as a pulse's frame
        # after ``FRAME_READINGS`` of them (one may be a heater's edge that
        # happened to read there, a shot running on).
        self._steady = 0
        self._steady_before = 0
        # On a slow plug, the heater's stretch so far: its band's step (W) and
        # its lowest reading (pump steps above the level; ``stretch_floor``).
        self._stretch_low: tuple[float, float] | None = None
        # On a slow plug, readings no band explains in a row while no
        # excursion is open (a heater switching with the pump read off):
        # their span so far (``_Excursions._segment``).
        self._dark: tuple[float, float] | None = None
        # Whether that stretch rose from the level with the pump off (the
        # reading before it read no heater on and the pump off).
        self._dark_rose = False
        # When each pulse read above a heater and taken as sure began, lately.
        self._framed_at: deque[float] = deque()
        # Pieces left out as a heater's stretch on a fast plug, lately (start, end).
        self._stretches: deque[tuple[float, float]] = deque()
        self._held = False  # the segment being added is a silence held
        # Runs longer than a pulse could be, lately (start, end), from ``note_run``.
        self._long_runs: deque[tuple[float, float]] = deque()
        # Runs of ``SHOT_RUN`` s or more, lately, and the pulses fed to the
        # pattern lately (start, end).
        self._shot_runs: deque[tuple[float, float]] = deque()
        self._fed: deque[tuple[float, float]] = deque()
        # The lowest reading yet (scaled to the mains), the first of the
        # readings in a row at it (and how many), and the stretches of
        # ``FLOOR_READINGS`` or more of them lately (first, last reading's time).
        self._floor = math.inf
        self._floor_at: tuple[float, int] | None = None
        self._floors: deque[tuple[float, float]] = deque()
        # On a slow plug, the readings that read the pump off in the band
        # the reading before read it off in too, lately (start, end).
        self._off_readings: deque[tuple[float, float]] = deque()
        # Every run the detector saw lately (start, end), from ``note_run``.
        self._runs: deque[tuple[float, float]] = deque()
        # Finds the checks refused lately (kept through a reset: the machine's
        # heater is the same).
        self._refused = RefusedLately()
