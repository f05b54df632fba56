"""Config, reconfigure and options flows of Espresso Care (UI only, no YAML)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_HOST, CONF_NAME, CONF_PASSWORD
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import selector

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from .const import (
    BACKEND_ENTITY,
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_CHANNEL,
    CONF_GENERATION,
    CONF_MODEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_GENERATION,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DEFAULT_NAME,
    DEFAULT_OPTIONS,
    DOMAIN,
    NUMBER_OPTIONS,
    OPT_SHOT_MAX_SECONDS,
    OPT_SHOT_MIN_SECONDS,
)
from .relays.factory import shelly_client
from .services import whole_number
from .shelly.client import (
    DeviceInfo,
    ShellyAuthError,
    ShellyError,
    ShellyUnsupportedError,
)

RELAY_SELECTOR = selector.EntitySelector(
    selector.EntitySelectorConfig(domain=["switch", "input_boolean"])
)


def _entity_schema(defaults: Mapping[str, Any], *, with_name: bool) -> vol.Schema:
    fields: dict[Any, Any] = {}
    if with_name:
        fields[
            vol.Required(CONF_NAME, default=defaults.get(CONF_NAME, DEFAULT_NAME))
        ] = selector.TextSelector()
    fields.update(
        {
            vol.Required(
                CONF_POWER_ENTITY,
                default=defaults.get(CONF_POWER_ENTITY, vol.UNDEFINED),
            ): RELAY_SELECTOR,
            vol.Required(
                CONF_PUMP_ENTITY, default=defaults.get(CONF_PUMP_ENTITY, vol.UNDEFINED)
            ): RELAY_SELECTOR,
            vol.Required(
                CONF_THREE_WAY_VALVE, default=defaults.get(CONF_THREE_WAY_VALVE, True)
            ): selector.BooleanSelector(),
        }
    )
    return vol.Schema(fields)


def validate_relay_entities(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> dict[str, str]:
    """Form errors for the wrapped entities; a YAML entity counts when it has a state."""
    errors: dict[str, str] = {}
    for key in (CONF_POWER_ENTITY, CONF_PUMP_ENTITY):
        if hass.states.get(data[key]) is None:
            errors[key] = "entity_not_found"
    if not errors and data[CONF_POWER_ENTITY] == data[CONF_PUMP_ENTITY]:
        errors[CONF_PUMP_ENTITY] = "same_entity"
    return errors


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
    client = shelly_client(hass, host, password)
    try:
        info = await client.identify()
        await client.get_switch(channel)
    except ShellyAuthError:
        return None, "invalid_auth"
    except ShellyUnsupportedError:
        return None, "unsupported_device"
    except ShellyError:
        return None, "cannot_connect"
    return info, None


class EspressoCareConfigFlow(ConfigFlow, domain=DOMAIN):
    """Adds an espresso machine: by wrapping two switches, or a Shelly."""

    VERSION = 1
    MINOR_VERSION = 1

    # Which Shelly a reauth is for: host, channel and password keys of the entry.
    _reauth_keys: tuple[str, str, str] = (CONF_HOST, CONF_CHANNEL, CONF_PASSWORD)

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry[Any]) -> OptionsFlow:
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
        """Wrap two existing switches: the plug and the pump relay."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_relay_entities(self.hass, user_input)
            if not errors:
                await self.async_set_unique_id(user_input[CONF_PUMP_ENTITY])
                self._abort_if_unique_id_configured()
                return self.async_create_entry(
                    title=user_input[CONF_NAME],
                    data={
                        CONF_BACKEND: BACKEND_ENTITY,
                        CONF_POWER_ENTITY: user_input[CONF_POWER_ENTITY],
                        CONF_PUMP_ENTITY: user_input[CONF_PUMP_ENTITY],
                        CONF_THREE_WAY_VALVE: user_input[CONF_THREE_WAY_VALVE],
                    },
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
        """Check the form: the plug given once, both devices answer; build the entry data."""
        power_entity: str | None = user_input.get(CONF_POWER_ENTITY)
        power_host: str = user_input.get(CONF_POWER_HOST) or ""
        if bool(power_entity) == bool(power_host):
            return {}, {"base": "power_once"}, None
        if power_entity and self.hass.states.get(power_entity) is None:
            return {}, {CONF_POWER_ENTITY: "entity_not_found"}, None
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
        if power_entity:
            data[CONF_POWER_ENTITY] = power_entity
            return data, {}, info
        power_channel = int(user_input.get(CONF_POWER_CHANNEL, 0))
        power_info, error = await probe_shelly(
            self.hass, power_host, power_channel, user_input.get(CONF_POWER_PASSWORD)
        )
        if power_info is None:
            return {}, {CONF_POWER_HOST: error or "cannot_connect"}, None
        if power_info.mac == info.mac and power_channel == channel:
            return {}, {CONF_POWER_HOST: "same_entity"}, None
        data.update(
            {
                CONF_POWER_HOST: power_host,
                CONF_POWER_CHANNEL: power_channel,
                CONF_POWER_PASSWORD: user_input.get(CONF_POWER_PASSWORD),
                CONF_POWER_GENERATION: power_info.gen,
            }
        )
        return data, {}, info

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """A Shelly refused its stored password: find out which one, the pump or the plug."""
        self._reauth_keys = (CONF_HOST, CONF_CHANNEL, CONF_PASSWORD)
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
        """Change the wrapped entities, or a Shelly's address."""
        entry = self._get_reconfigure_entry()
        if entry.data.get(CONF_BACKEND) == BACKEND_SHELLY:
            return await self.async_step_reconfigure_shelly(user_input)
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_relay_entities(self.hass, user_input)
            if not errors:
                await self.async_set_unique_id(user_input[CONF_PUMP_ENTITY])
                if user_input[CONF_PUMP_ENTITY] != entry.unique_id:
                    self._abort_if_unique_id_configured()
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=user_input[CONF_PUMP_ENTITY],
                    data_updates=user_input,
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_entity_schema(
                {**entry.data, **(user_input or {})}, with_name=False
            ),
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
    """Program defaults, safety limits, shot classification and maintenance intervals."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One form with every number, validated."""
        errors: dict[str, str] = {}
        if user_input is not None:
            values: dict[str, int] = {}
            for key, value in user_input.items():
                try:
                    values[key] = whole_number(value)
                except vol.Invalid:
                    errors[key] = "whole_number"
            if (
                not errors
                and values[OPT_SHOT_MIN_SECONDS] >= values[OPT_SHOT_MAX_SECONDS]
            ):
                errors[OPT_SHOT_MAX_SECONDS] = "shot_range"
            if not errors:
                return self.async_create_entry(data=values)
        current = {**DEFAULT_OPTIONS, **self.config_entry.options, **(user_input or {})}
        schema = vol.Schema(
            {
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
            }
        )
        return self.async_show_form(step_id="init", data_schema=schema, errors=errors)
