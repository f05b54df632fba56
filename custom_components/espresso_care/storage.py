"""What a machine remembers across restarts: counters, maintenance, a running program.

One versioned ``Store`` per config entry. Corrupt or unreadable data starts
clean with a warning instead of failing the set-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN, LOGGER
from .heat_up import HeatUpData
from .maintenance import Task, TaskRecord

STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 2


def storage_key(entry_id: str) -> str:
    """The storage file of one machine."""
    return f"{DOMAIN}.{entry_id}"


class _MachineStore(Store[dict[str, Any]]):
    """Migrates older layouts of the stored data."""

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],
    ) -> dict[str, Any]:
        data = dict(old_data)
        if old_major_version == 1 and old_minor_version < 2:
            # 1.1 kept one flat "last_backflush"; tasks moved into a table.
            last = data.pop("last_backflush", None)
            tasks = data.setdefault("tasks", {})
            tasks.setdefault(Task.BACKFLUSH, {"last_done": last, "shots_since": 0})
        return data


@dataclass(slots=True)
class MachineData:
    """The stored state of one machine."""

    shots: int = 0
    flushes: int = 0
    tasks: dict[Task, TaskRecord] = field(
        default_factory=lambda: {task: TaskRecord() for task in Task}
    )
    # Set while a program runs: found at start-up, it means Home Assistant
    # died mid-program and the pump must be switched off.
    running_program: str | None = None
    # Set while the pump is on by hand through us: the watchdog's promise.
    pump_on_by_us: bool = False
    last_result: str | None = None
    last_program: str | None = None
    # Pump steps (W) measured on the power meter during relay or brew sensor runs.
    pump_watts_samples: list[float] = field(default_factory=list)
    # Calibration found the power readings too noisy: no counting by power.
    power_refused: bool = False
    # The daily routine (routine.py): power-on/off moments and learned
    # heat-ups, and the auto-off deadline while armed. Parsed leniently:
    # anything malformed is dropped, never the counters (new keys of 1.2).
    heat_up: HeatUpData = field(default_factory=HeatUpData)
    auto_off_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """Serialise for the store."""
        return {
            "shots": self.shots,
            "flushes": self.flushes,
            "tasks": {
                str(task): {
                    "last_done": rec.last_done.isoformat() if rec.last_done else None,
                    "shots_since": rec.shots_since,
                }
                for task, rec in self.tasks.items()
            },
            "running_program": self.running_program,
            "pump_on_by_us": self.pump_on_by_us,
            "last_result": self.last_result,
            "last_program": self.last_program,
            "pump_watts_samples": self.pump_watts_samples,
            "power_refused": self.power_refused,
            "heat_up": self.heat_up.as_dict(),
            "auto_off_at": self.auto_off_at.isoformat() if self.auto_off_at else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> MachineData:
        """Parse stored data; raises on anything malformed."""
        data = cls(
            shots=_count(raw.get("shots", 0)),
            flushes=_count(raw.get("flushes", 0)),
            running_program=_optional_str(raw.get("running_program")),
            pump_on_by_us=bool(raw.get("pump_on_by_us", False)),
            last_result=_optional_str(raw.get("last_result")),
            last_program=_optional_str(raw.get("last_program")),
            pump_watts_samples=[
                _watts(value) for value in raw.get("pump_watts_samples") or []
            ],
            power_refused=bool(raw.get("power_refused", False)),
            heat_up=HeatUpData.from_dict(raw.get("heat_up")),
            auto_off_at=_lenient_time(raw.get("auto_off_at")),
        )
        for key, value in dict(raw.get("tasks") or {}).items():
            if key not in Task.__members__.values():
                continue
            last_done = value.get("last_done")
            parsed = dt_util.parse_datetime(last_done) if last_done else None
            if last_done and parsed is None:
                raise ValueError(f"bad timestamp {last_done!r}")
            data.tasks[Task(key)] = TaskRecord(
                last_done=parsed, shots_since=_count(value.get("shots_since", 0))
            )
        return data


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"bad counter {value!r}")
    return value


def _watts(value: Any) -> float:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not 0 < value < 10_000
    ):
        raise ValueError(f"bad watts {value!r}")
    return float(value)


def _lenient_time(value: Any) -> datetime | None:
    """A stored moment, or None for anything else."""
    parsed = dt_util.parse_datetime(value) if isinstance(value, str) else None
    return dt_util.as_utc(parsed) if parsed is not None else None


def _optional_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"bad text {value!r}")
    return value


class MachineStore:
    """Loads and saves one machine's data."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        self._hass = hass
        self._store = _MachineStore(
            hass,
            STORAGE_VERSION,
            storage_key(entry_id),
            minor_version=STORAGE_MINOR_VERSION,
            atomic_writes=True,
        )
        self.data = MachineData()

    async def async_load(self) -> MachineData:
        """Read the stored data; start clean when it is missing or corrupt."""
        try:
            raw = await self._store.async_load()
            self.data = MachineData() if raw is None else MachineData.from_dict(raw)
        except (
            HomeAssistantError,
            ValueError,
            TypeError,
            AttributeError,
            KeyError,
        ) as err:
            LOGGER.warning(
                "Stored data of %s is unreadable (%s); starting with fresh counters",
                self._store.key,
                err,
            )
            self.data = MachineData()
        return self.data

    async def async_save(self) -> None:
        """Write now: shots are rare and each must survive a crash."""
        await self._store.async_save(self.data.as_dict())

    @callback
    def save_soon(self) -> None:
        """Write in the background, from a callback (a counter just changed)."""
        self._hass.async_create_background_task(self.async_save(), "espresso_care save")

    async def async_remove(self) -> None:
        """Delete the stored data (the config entry was deleted)."""
        await self._store.async_remove()
