"""Config, reconfigure and options flows of Espresso Care (UI only, no YAML)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, cast

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_HOST,
    CONF_NAME,
    CONF_PASSWORD,
    UnitOfPower,
)
from homeassistant.core import HomeAssistant, callback, split_entity_id
from homeassistant.helpers import selector
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from .announce import (
    ANNOUNCE_OPTIONS,
    announce_fields,
    announce_options,
    validate_announce_options,
)
from .const import (
    BACKEND_ENTITY,
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_BREW_INPUT,
    CONF_BREW_SENSOR,
    CONF_CHANNEL,
    CONF_GENERATION,
    CONF_MODEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_GENERATION,
    CONF_POWER_HOST,
    CONF_POWER_METERED,
    CONF_POWER_PASSWORD,
    CONF_POWER_SENSOR,
    CONF_PUMP_ENTITY,
    CONF_SHELLY_BOUND,
    CONF_THREE_WAY_VALVE,
    DEFAULT_NAME,
    DEFAULT_OPTIONS,
    DOMAIN,
    NUMBER_OPTIONS,
    OPT_PUMP_WATTS,
    OPT_SHOT_MAX_SECONDS,
    OPT_SHOT_MIN_SECONDS,
)
from .machine import EspressoConfigEntry, Machine
from .relays.factory import shelly_client
from .services import whole_number
from .shelly.client import (
    DeviceInfo,
    ShellyAuthError,
    ShellyError,
    ShellyUnsupportedError,
    SwitchStatus,
)
from .shelly_bound_flow import ShellyBoundFlow
from .signals.base import PowerMeter
from .signals.power.calibration import (
    CAL_PAUSE_SLOW_S,
    CAL_RUN_S,
    Calibration,
    SeveralRuns,
    calibration_run_seconds,
    calibration_runs,
    calibration_wait_seconds,
)
from .signals.power.readings import Reading
from .signals.shelly_input import check_brew_input

RELAY_DOMAINS: Final = ["switch", "input_boolean"]
BREW_SENSOR_DOMAINS: Final = ["binary_sensor", "switch", "input_boolean"]
# The entity fields of the entity backend, in form order, with the domains each
# accepts. Their selectors filter in the UI only (``filter``, where the legacy
# ``domain`` would refuse untranslated): a flow driven through the API gets a
# translated error on the field from ``validate_machine_entities``.
ENTITY_FIELDS: Final[dict[str, list[str]]] = {
    CONF_POWER_ENTITY: RELAY_DOMAINS,
    CONF_PUMP_ENTITY: RELAY_DOMAINS,
    CONF_POWER_SENSOR: ["sensor"],
    CONF_BREW_SENSOR: BREW_SENSOR_DOMAINS,
}


def _filtered(
    domains: list[str], device_class: str | None = None
) -> selector.EntitySelector:
    # A plain dict: the filter's TypedDict was renamed after 2025.4.
    entity_filter: dict[str, Any] = {"domain": domains}
    if device_class is not None:
        entity_filter["device_class"] = device_class
    return selector.EntitySelector(
        selector.EntitySelectorConfig(filter=cast(Any, entity_filter))
    )


# The Shelly form's Home Assistant entities, checked by ``validate_machine_entities``.
SHELLY_ENTITY_FIELDS: Final = (CONF_POWER_ENTITY, CONF_POWER_SENSOR, CONF_BREW_SENSOR)
# The Shelly form's plug, filtered the same way (its domain is checked in
# ``_async_validate_shelly``, with a translated error).
RELAY_SELECTOR: Final = _filtered(RELAY_DOMAINS)
ENTITY_SELECTORS: Final = {
    CONF_POWER_ENTITY: _filtered(RELAY_DOMAINS),
    CONF_PUMP_ENTITY: _filtered(RELAY_DOMAINS),
    CONF_POWER_SENSOR: _filtered(["sensor"], SensorDeviceClass.POWER),
    CONF_BREW_SENSOR: _filtered(BREW_SENSOR_DOMAINS),
}
POWER_UNITS: Final = (UnitOfPower.WATT, UnitOfPower.KILO_WATT)


def _entity_schema(defaults: Mapping[str, Any], *, with_name: bool) -> vol.Schema:
    """The entity backend's form; optional entities are suggested, so they can be cleared."""
    fields: dict[Any, Any] = {}
    if with_name:
        fields[
            vol.Required(CONF_NAME, default=defaults.get(CONF_NAME, DEFAULT_NAME))
        ] = selector.TextSelector()

    def optional(key: str) -> vol.Optional:
        return vol.Optional(key, description={"suggested_value": defaults.get(key)})

    fields[
        vol.Required(
            CONF_POWER_ENTITY, default=defaults.get(CONF_POWER_ENTITY, vol.UNDEFINED)
        )
    ] = ENTITY_SELECTORS[CONF_POWER_ENTITY]
    for key in (CONF_PUMP_ENTITY, CONF_POWER_SENSOR, CONF_BREW_SENSOR):
        fields[optional(key)] = ENTITY_SELECTORS[key]
    fields[
        vol.Required(
            CONF_THREE_WAY_VALVE, default=defaults.get(CONF_THREE_WAY_VALVE, True)
        )
    ] = selector.BooleanSelector()
    return vol.Schema(fields)


def validate_machine_entities(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> dict[str, str]:
    """Form errors for the entity fields, each on its own field.

    A field left empty is skipped; a YAML entity counts when it has a state.
    The same entity named twice is refused on the later field.
    """
    errors: dict[str, str] = {}
    used: set[str] = set()
    for key, domains in ENTITY_FIELDS.items():
        entity_id = data.get(key)
        if not entity_id:
            continue
        state = hass.states.get(entity_id)
        if split_entity_id(entity_id)[0] not in domains:
            errors[key] = "wrong_domain"
        elif state is None:
            errors[key] = "entity_not_found"
        elif key == CONF_POWER_SENSOR and (
            state.attributes.get(ATTR_DEVICE_CLASS) != SensorDeviceClass.POWER
            or state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) not in POWER_UNITS
        ):
            errors[key] = "wrong_unit"
        elif entity_id in used:
            errors[key] = "same_entity"
        used.add(entity_id)
    return errors


def _entity_data(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """The entry data of the entity fields: a field left empty has no key."""
    data: dict[str, Any] = {
        key: user_input[key] for key in ENTITY_FIELDS if user_input.get(key)
    }
    data[CONF_THREE_WAY_VALVE] = user_input[CONF_THREE_WAY_VALVE]
    return data


def _entity_unique_id(data: Mapping[str, Any]) -> str:
    """The pump relay when there is one, else the plug."""
    return str(data.get(CONF_PUMP_ENTITY) or data[CONF_POWER_ENTITY])


CHANNEL_SELECTOR = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=0, max=3, step=1, mode=selector.NumberSelectorMode.BOX
    )
)
PASSWORD_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)


def _shelly_schema(defaults: Mapping[str, Any], *, with_name: bool) -> vol.Schema:
    fields: dict[Any, Any] = {}
    if with_name:
        fields[
            vol.Required(CONF_NAME, default=defaults.get(CONF_NAME, DEFAULT_NAME))
        ] = selector.TextSelector()
    fields.update(
        {
            vol.Required(
                CONF_HOST, default=defaults.get(CONF_HOST, vol.UNDEFINED)
            ): str,
            vol.Required(
                CONF_CHANNEL, default=defaults.get(CONF_CHANNEL, 0)
            ): CHANNEL_SELECTOR,
            vol.Optional(CONF_PASSWORD): PASSWORD_SELECTOR,
            vol.Optional(
                CONF_BREW_INPUT,
                description={"suggested_value": defaults.get(CONF_BREW_INPUT)},
            ): CHANNEL_SELECTOR,
            vol.Optional(
                CONF_BREW_SENSOR,
                description={"suggested_value": defaults.get(CONF_BREW_SENSOR)},
            ): ENTITY_SELECTORS[CONF_BREW_SENSOR],
            vol.Optional(
                CONF_POWER_ENTITY,
                description={"suggested_value": defaults.get(CONF_POWER_ENTITY)},
            ): RELAY_SELECTOR,
            vol.Optional(
                CONF_POWER_HOST,
                description={"suggested_value": defaults.get(CONF_POWER_HOST)},
            ): str,
            vol.Optional(
                CONF_POWER_CHANNEL, default=defaults.get(CONF_POWER_CHANNEL, 0)
            ): CHANNEL_SELECTOR,
            vol.Optional(CONF_POWER_PASSWORD): PASSWORD_SELECTOR,
            vol.Optional(
                CONF_POWER_SENSOR,
                description={"suggested_value": defaults.get(CONF_POWER_SENSOR)},
            ): ENTITY_SELECTORS[CONF_POWER_SENSOR],
            vol.Required(
                CONF_THREE_WAY_VALVE, default=defaults.get(CONF_THREE_WAY_VALVE, True)
            ): selector.BooleanSelector(),
        }
    )
    return vol.Schema(fields)


async def probe_shelly(
    hass: HomeAssistant, host: str, channel: int, password: str | None
) -> tuple[DeviceInfo | None, str | None]:
    """Identify a Shelly and read its channel (never switch it): info, or a form error."""
    info, _, error = await probe_shelly_switch(hass, host, channel, password)
    return info, error


async def probe_shelly_switch(
    hass: HomeAssistant, host: str, channel: int, password: str | None
) -> tuple[DeviceInfo | None, SwitchStatus | None, str | None]:
    """Like ``probe_shelly``, with the channel's status (does it meter?)."""
    client = shelly_client(hass, host, password)
    try:
        info = await client.identify()
        status = await client.get_switch(channel)
    except ShellyAuthError:
        return None, None, "invalid_auth"
    except ShellyUnsupportedError:
        return None, None, "unsupported_device"
    except ShellyError:
        return None, None, "cannot_connect"
    return info, status, None


async def probe_brew_input(
    hass: HomeAssistant, info: DeviceInfo, host: str, password: str | None, value: Any
) -> str | None:
    """Check the Shelly's input given as the brew sensor: None, or a form error."""
    try:
        input_id = whole_number(value)
    except vol.Invalid:
        return "input_not_found"
    client = shelly_client(hass, host, password, info.gen)
    try:
        return await check_brew_input(client, input_id)
    except ShellyAuthError:
        return "invalid_auth"
    except ShellyError:
        return "cannot_connect"


class EspressoCareConfigFlow(ShellyBoundFlow, domain=DOMAIN):
    """Adds an espresso machine: by wrapping two switches, or a Shelly."""

    VERSION = 1
    MINOR_VERSION = 1

    # Which Shelly a reauth is for: host, channel and password keys of the entry.
    _reauth_keys: tuple[str, str, str] = (CONF_HOST, CONF_CHANNEL, CONF_PASSWORD)

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: EspressoConfigEntry) -> OptionsFlow:
        """The options flow (built without arguments, as both HA versions allow)."""
        return EspressoCareOptionsFlow()

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask how the machine's relays are reached."""
        return self.async_show_menu(step_id="user", menu_options=["entities", "shelly"])

    async def async_step_entities(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Wrap existing entities: the plug, and a pump relay, power meter or brew sensor."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_machine_entities(self.hass, user_input)
            if not errors:
                data = {CONF_BACKEND: BACKEND_ENTITY, **_entity_data(user_input)}
                await self.async_set_unique_id(_entity_unique_id(data))
                self._abort_if_unique_id_configured()
                # A pump in Home Assistant's Shelly integration: its bounds first.
                return await self.async_finish_with_shelly_bound(
                    data, title=user_input[CONF_NAME]
                )
        return self.async_show_form(
            step_id="entities",
            data_schema=self.add_suggested_values_to_schema(
                _entity_schema({}, with_name=True), user_input or {}
            ),
            errors=errors,
        )

    async def async_step_shelly(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A Shelly across the brew switch, spoken to over its local API."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data, errors, info = await self._async_validate_shelly(user_input)
            if info is not None:
                await self.async_set_unique_id(info.mac)
                self._abort_if_unique_id_configured()
                return self.async_create_entry(title=user_input[CONF_NAME], data=data)
        return self.async_show_form(
            step_id="shelly",
            data_schema=_shelly_schema(user_input or {}, with_name=True),
            errors=errors,
        )

    async def _async_validate_shelly(
        self, user_input: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str], DeviceInfo | None]:
        """Check the form: the plug given once, both devices answer; build the entry data.

        The plug as a switch, a power sensor and a brew sensor are Home
        Assistant entities, checked as the entities step checks them, before
        any device is asked.
        """
        power_entity: str | None = user_input.get(CONF_POWER_ENTITY)
        power_host: str = user_input.get(CONF_POWER_HOST) or ""
        if bool(power_entity) == bool(power_host):
            return {}, {"base": "power_once"}, None
        entities = {key: user_input.get(key) for key in SHELLY_ENTITY_FIELDS}
        if errors := validate_machine_entities(self.hass, entities):
            return {}, errors, None
        if entities[CONF_BREW_SENSOR] and user_input.get(CONF_BREW_INPUT) is not None:
            # One shot signal from the brew switch: the Shelly's input or the sensor.
            return {}, {CONF_BREW_SENSOR: "brew_once"}, None
        channel = int(user_input[CONF_CHANNEL])
        info, error = await probe_shelly(
            self.hass, user_input[CONF_HOST], channel, user_input.get(CONF_PASSWORD)
        )
        if info is None:
            return {}, {"base": error or "cannot_connect"}, None
        data: dict[str, Any] = {
            CONF_BACKEND: BACKEND_SHELLY,
            CONF_HOST: user_input[CONF_HOST],
            CONF_CHANNEL: channel,
            CONF_PASSWORD: user_input.get(CONF_PASSWORD),
            CONF_GENERATION: info.gen,
            CONF_MODEL: info.model,
            CONF_THREE_WAY_VALVE: user_input[CONF_THREE_WAY_VALVE],
        }
        for key in (CONF_POWER_SENSOR, CONF_BREW_SENSOR):
            if entities[key]:
                data[key] = entities[key]
        if (brew_input := user_input.get(CONF_BREW_INPUT)) is not None:
            if error := await probe_brew_input(
                self.hass,
                info,
                user_input[CONF_HOST],
                user_input.get(CONF_PASSWORD),
                brew_input,
            ):
                return {}, {CONF_BREW_INPUT: error}, None
            data[CONF_BREW_INPUT] = whole_number(brew_input)
        if power_entity:
            data[CONF_POWER_ENTITY] = power_entity
            return data, {}, info
        power_channel = int(user_input.get(CONF_POWER_CHANNEL, 0))
        power_info, power_status, error = await probe_shelly_switch(
            self.hass, power_host, power_channel, user_input.get(CONF_POWER_PASSWORD)
        )
        if power_info is None or power_status is None:
            return {}, {CONF_POWER_HOST: error or "cannot_connect"}, None
        if power_info.mac == info.mac and power_channel == channel:
            return {}, {CONF_POWER_HOST: "same_entity"}, None
        data.update(
            {
                CONF_POWER_HOST: power_host,
                CONF_POWER_CHANNEL: power_channel,
                CONF_POWER_PASSWORD: user_input.get(CONF_POWER_PASSWORD),
                CONF_POWER_GENERATION: power_info.gen,
                # A metering plug is the machine's power meter by itself.
                CONF_POWER_METERED: power_status.power is not None,
            }
        )
        return data, {}, info

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """A Shelly refused its stored password: find out which one, the pump or the plug."""
        self._reauth_keys = (CONF_HOST, CONF_CHANNEL, CONF_PASSWORD)
        if entry_data.get(CONF_SHELLY_BOUND):  # the pump's Shelly, behind its entity
            return await self.async_step_reauth_shelly_bound()
        if entry_data.get(CONF_POWER_HOST):
            _, error = await probe_shelly(
                self.hass,
                entry_data[CONF_HOST],
                entry_data[CONF_CHANNEL],
                entry_data.get(CONF_PASSWORD),
            )
            if error is None:  # the pump takes its password: the plug refused
                self._reauth_keys = (
                    CONF_POWER_HOST,
                    CONF_POWER_CHANNEL,
                    CONF_POWER_PASSWORD,
                )
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the new password of the Shelly that refused it."""
        entry = self._get_reauth_entry()
        host_key, channel_key, password_key = self._reauth_keys
        errors: dict[str, str] = {}
        if user_input is not None:
            info, error = await probe_shelly(
                self.hass,
                entry.data[host_key],
                entry.data.get(channel_key, 0),
                user_input[CONF_PASSWORD],
            )
            if info is not None:
                return self.async_update_reload_and_abort(
                    entry, data_updates={password_key: user_input[CONF_PASSWORD]}
                )
            errors["base"] = error or "cannot_connect"
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR}),
            description_placeholders={"host": entry.data[host_key]},
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the wrapped entities, or a Shelly's address.

        A field left empty is removed from the entry; the counters and the
        maintenance history live in the store, keyed by the entry, and stay.
        """
        entry = self._get_reconfigure_entry()
        if entry.data.get(CONF_BACKEND) == BACKEND_SHELLY:
            return await self.async_step_reconfigure_shelly(user_input)
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_machine_entities(self.hass, user_input)
            if not errors:
                data = {
                    **{
                        key: value
                        for key, value in entry.data.items()
                        if key not in ENTITY_FIELDS
                    },
                    **_entity_data(user_input),
                }
                unique_id = _entity_unique_id(data)
                await self.async_set_unique_id(unique_id)
                if unique_id != entry.unique_id:
                    self._abort_if_unique_id_configured()
                # A pump in Home Assistant's Shelly integration: its bounds first.
                return await self.async_finish_with_shelly_bound(
                    data, entry=entry, unique_id=unique_id
                )
        defaults = entry.data if user_input is None else user_input
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_entity_schema(defaults, with_name=False),
            errors=errors,
        )

    async def async_step_reconfigure_shelly(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A Shelly moved to a new address (or the plug changed): same device only."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data, errors, info = await self._async_validate_shelly(user_input)
            if info is not None:
                await self.async_set_unique_id(info.mac)
                self._abort_if_unique_id_mismatch(reason="wrong_device")
                return self.async_update_reload_and_abort(entry, data=data)
        defaults = {**entry.data, **(user_input or {})}
        return self.async_show_form(
            step_id="reconfigure_shelly",
            data_schema=_shelly_schema(defaults, with_name=False),
            errors=errors,
        )


class EspressoCareOptionsFlow(OptionsFlow):
    """Program defaults, limits, shot classification, maintenance; pump calibration."""

    config_entry: EspressoConfigEntry

    def __init__(self) -> None:
        self._calibration_task: asyncio.Task[Calibration] | None = None
        self._calibration: Calibration | None = None
        self._calibration_error: str | None = None
        self._try_started: float | None = None
        self._earlier_try: tuple[float, float] | None = None
        self._run_seconds = CAL_RUN_S
        self._runs = 1

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The numbers, or measuring the pump's step on the power meter."""
        return self.async_show_menu(
            step_id="init", menu_options=["settings", "calibrate"]
        )

    async def async_step_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One form with every number, validated."""
        errors: dict[str, str] = {}
        if user_input is not None:
            values: dict[str, int] = {}
            for key, value in user_input.items():
                if key in ANNOUNCE_OPTIONS:  # the speakers: entities, not numbers
                    continue
                try:
                    values[key] = whole_number(value)
                except vol.Invalid:
                    errors[key] = "whole_number"
            if (
                not errors
                and values[OPT_SHOT_MIN_SECONDS] >= values[OPT_SHOT_MAX_SECONDS]
            ):
                errors[OPT_SHOT_MAX_SECONDS] = "shot_range"
            errors.update(validate_announce_options(self.hass, user_input))
            if not errors:
                return self.async_create_entry(
                    data={**values, **announce_options(user_input)}
                )
        current = {**DEFAULT_OPTIONS, **self.config_entry.options, **(user_input or {})}
        schema = vol.Schema(
            {
                **{
                    vol.Required(
                        option.key, default=current[option.key]
                    ): selector.NumberSelector(
                        selector.NumberSelectorConfig(
                            min=option.minimum,
                            max=option.maximum,
                            step=1,
                            mode=selector.NumberSelectorMode.BOX,
                        )
                    )
                    for option in NUMBER_OPTIONS
                },
                # The speakers of the spoken cues, after the numbers.
                **announce_fields(current),
            }
        )
        return self.async_show_form(
            step_id="settings", data_schema=schema, errors=errors
        )

    def _power_meter(self) -> tuple[Machine, PowerMeter] | None:
        """The machine and its power meter, None when it has none (or is not loaded)."""
        if self.config_entry.state is not ConfigEntryState.LOADED:
            return None
        machine = self.config_entry.runtime_data
        if machine.power_meter is None:
            return None
        return machine, machine.power_meter

    async def async_step_calibrate(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Explain the pump run to make; after a failed try, say why and offer another."""
        if (found := self._power_meter()) is None:
            return self.async_abort(reason="no_power_sensor")
        machine, meter = found
        if user_input is not None:
            self._calibration_error = None
            self._try_started = dt_util.utcnow().timestamp()
            # In the background: it waits a minute or so for the user.
            self._calibration_task = self.hass.async_create_background_task(
                _async_measure_pump(
                    self.hass,
                    machine,
                    meter,
                    self._try_started,
                    calibration_wait_seconds(self._run_seconds, self._runs),
                    runs=self._runs,
                    earlier_try=self._earlier_try,
                ),
                "espresso_care pump calibration",
            )
            return await self.async_step_calibrate_wait()
        # A plug reporting every few seconds needs longer runs, several (its
        # idle readings show how often it reports): its own step's text.
        recent = machine.recent_readings()
        self._run_seconds = calibration_run_seconds(recent)
        self._runs = calibration_runs(recent)
        errors = {"base": self._calibration_error} if self._calibration_error else {}
        placeholders = {
            **self._run_placeholders(),
            "pump_watts": str(
                self.config_entry.options.get(
                    OPT_PUMP_WATTS, DEFAULT_OPTIONS[OPT_PUMP_WATTS]
                )
            ),
        }
        if self._runs > 1:
            return self.async_show_form(
                step_id="calibrate_runs",
                data_schema=vol.Schema({}),
                description_placeholders=placeholders,
                errors=errors,
            )
        return self.async_show_form(
            step_id="calibrate",
            data_schema=vol.Schema({}),
            description_placeholders=placeholders,
            errors=errors,
        )

    async def async_step_calibrate_runs(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """``calibrate`` for a plug reporting every few seconds: several runs asked."""
        return await self.async_step_calibrate(user_input)

    def _run_placeholders(self) -> dict[str, str]:
        """How long to run the pump (how often, the pause), and how long the flow waits."""
        placeholders = {
            "seconds": str(calibration_wait_seconds(self._run_seconds, self._runs)),
            "run_seconds": str(self._run_seconds),
        }
        if self._runs > 1:
            placeholders["runs"] = str(self._runs)
            placeholders["pause_seconds"] = str(CAL_PAUSE_SLOW_S)
        return placeholders

    async def async_step_calibrate_wait(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Wait (a progress step) for the pump run on the power meter."""
        task = self._calibration_task
        assert task is not None
        if not task.done() and self._runs > 1:
            return self.async_show_progress(
                step_id="calibrate_wait",  # as core's flows do: the step to come back to
                progress_action="calibrate_wait_runs",
                progress_task=task,
                description_placeholders=self._run_placeholders(),
            )
        if not task.done():
            return self.async_show_progress(
                step_id="calibrate_wait",
                progress_action="calibrate_wait",
                progress_task=task,
                description_placeholders=self._run_placeholders(),
            )
        result = task.result()
        if result.error is None and result.pump_watts is not None:
            self._calibration = result
            return self.async_show_progress_done(next_step_id="calibrate_done")
        first = self._calibration_error is None  # once per try, however often asked
        self._calibration_error = result.error or "no_pump_seen"
        if first and self._try_started is not None:
            # The user's run in this try (seen or not) is no idle noise for the next.
            self._earlier_try = (self._try_started, dt_util.utcnow().timestamp())
        if first and result.error == "too_noisy" and (found := self._power_meter()):
            # Counting by power would guess: refuse it, with a repair issue.
            await found[0].async_refuse_power_counting(result.noise_watts)
        return self.async_show_progress_done(next_step_id="calibrate")

    async def async_step_calibrate_done(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the measured step and the idle noise; saving keeps every other option."""
        assert self._calibration is not None
        assert self._calibration.pump_watts is not None
        watts = round(self._calibration.pump_watts)
        if user_input is not None:
            return self.async_create_entry(
                data={**self.config_entry.options, OPT_PUMP_WATTS: watts}
            )
        return self.async_show_form(
            step_id="calibrate_done",
            data_schema=vol.Schema({}),
            description_placeholders={
                "watts": str(watts),
                "noise": f"{self._calibration.noise_watts:.1f}",
            },
        )


async def _async_measure_pump(
    hass: HomeAssistant,
    machine: Machine,
    meter: PowerMeter,
    started_after: float,
    wait: float,
    *,
    runs: int = 1,
    earlier_try: tuple[float, float] | None = None,
) -> Calibration:
    """Follow the meter until the pump runs started after ``started_after`` are measured.

    Each reading, with the last minutes before it (the idle noise), goes to
    the detector's calibration (``SeveralRuns``: ``runs`` runs one after the
    other, their median); a measured step, or readings too noisy to tell the
    pump apart, end the wait. After ``wait`` seconds the last
    verdict stands, and ``timeout`` when the meter gave no reading at all in
    that time (a plug that is offline, or silent). The readings of an
    ``earlier_try`` (from its click to its verdict) are left out: the user's
    run then would read as idle noise.
    """
    readings: list[Reading] = [
        r
        for r in machine.recent_readings()
        if earlier_try is None or not earlier_try[0] <= r.at <= earlier_try[1]
    ]
    heard = False
    done: asyncio.Future[Calibration] = hass.loop.create_future()
    measuring = SeveralRuns(readings, started_after, runs)

    @callback
    def reading(new: Reading) -> None:
        nonlocal heard
        if done.done():  # a reading between the verdict and the unsubscribe
            return
        heard = heard or (new.watts is not None and new.at >= started_after)
        result = measuring.add(new)
        if result is not None:
            done.set_result(result)

    @callback
    def time_up(_now: datetime) -> None:
        if not done.done():
            done.set_result(
                measuring.verdict() if heard else Calibration(None, 0.0, "timeout")
            )

    unsubscribe = meter.async_add_reading_listener(reading)
    cancel_timer = async_call_later(hass, wait, time_up)
    try:
        return await done
    finally:
        unsubscribe()
        cancel_timer()
