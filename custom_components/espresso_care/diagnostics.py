"""Diagnostics: the machine's set-up, relays, program and counters, secrets redacted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import REDACTED, async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceEntry

from .const import CONF_POWER_HOST, CONF_POWER_PASSWORD, CONF_SHELLY_BOUND
from .machine import EspressoConfigEntry
from .relays.base import DeviceBound
from .shelly.client import ShellyError, base_url

TO_REDACT = {
    CONF_HOST,
    CONF_PASSWORD,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    "mac",
    "unique_id",
}


def _hosts(data: Mapping[str, Any], *more: Any) -> list[str]:
    """The Shelly addresses as typed and as bare host names, longest first.

    ``more``: addresses in use besides the entry's (a pump Shelly found
    through Home Assistant's Shelly integration may have moved).
    """
    hosts: set[str] = set()
    bound = data.get(CONF_SHELLY_BOUND)
    candidates = [data.get(CONF_HOST), data.get(CONF_POWER_HOST), *more]
    if isinstance(bound, Mapping):
        candidates.append(bound.get(CONF_HOST))
    for host in candidates:
        if not isinstance(host, str) or not host.strip():
            continue
        hosts.add(host.strip())
        try:
            bare = base_url(host).host
        except ShellyError:
            continue
        if bare:
            hosts.add(bare)
    return sorted(hosts, key=len, reverse=True)


def _scrub(value: Any, hosts: list[str]) -> Any:
    """Mask the hosts inside strings too: connection errors name them."""
    if isinstance(value, dict):
        return {key: _scrub(item, hosts) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, hosts) for item in value]
    if isinstance(value, str):
        for host in hosts:
            value = value.replace(host, REDACTED)
    return value


def _bound(bound: DeviceBound | None) -> dict[str, Any] | None:
    """The device-side bound on the pump, None when only Home Assistant bounds it."""
    return asdict(bound) if bound is not None else None


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: EspressoConfigEntry
) -> dict[str, Any]:
    """Everything useful to debug a machine, nothing that identifies it."""
    machine = entry.runtime_data
    status = machine.program
    redacted = async_redact_data(
        {
            "entry": {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
                "options": machine.options,
            },
            "relays": {
                "power": machine.power.diagnostics(),
                "pump": machine.pump.diagnostics(),
                "pump_bound": _bound(machine.pump.device_bound),
            },
            "shot_signal": machine.signal.diagnostics(),
            "program": {
                "state": status.state,
                "program": status.program,
                "running": status.running,
                "step": status.step,
                "steps": status.steps,
                "pulses_done": status.pulses_done,
                "pulses_total": status.pulses_total,
                "reason": status.reason,
                "latency": {
                    "on": machine.runner.latency.on,
                    "off": machine.runner.latency.off,
                },
                "guided": status.guided,
                "listening": status.listening,
                "short_pulses": status.short_pulses,
            },
            "announcer": machine.announcer.diagnostics(),
            "routine": machine.routine.diagnostics(),
            "stored": machine.data.as_dict(),
        },
        TO_REDACT,
    )
    hosts = _hosts(entry.data, machine.pump.diagnostics().get("host"))
    scrubbed: dict[str, Any] = _scrub(redacted, hosts)
    return scrubbed


async def async_get_device_diagnostics(
    hass: HomeAssistant, entry: EspressoConfigEntry, device: DeviceEntry
) -> dict[str, Any]:
    """A machine has one device: its diagnostics are the entry's."""
    return await async_get_config_entry_diagnostics(hass, entry)
