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
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import selector
import voluptuous as vol

from .const import (
    BACKEND_ENTITY,
    CONF_BACKEND,
    CONF_POWER_ENTITY,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DEFAULT_NAME,
    DEFAULT_OPTIONS,
    DOMAIN,
    NUMBER_OPTIONS,
    OPT_SHOT_MAX_SECONDS,
    OPT_SHOT_MIN_SECONDS,
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


class EspressoCareConfigFlow(ConfigFlow, domain=DOMAIN):
    """Adds an espresso machine: by wrapping two switches, or a Shelly."""

    VERSION = 1
    MINOR_VERSION = 1

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
        """A Shelly relay spoken to over its local API."""
        return self.async_abort(reason="shelly_not_available")

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the wrapped entities of an existing machine."""
        entry = self._get_reconfigure_entry()
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


class EspressoCareOptionsFlow(OptionsFlow):
    """Program defaults, safety limits, shot classification and maintenance intervals."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One form with every number, validated."""
        errors: dict[str, str] = {}
        if user_input is not None:
            values = {key: int(value) for key, value in user_input.items()}
            if values[OPT_SHOT_MIN_SECONDS] >= values[OPT_SHOT_MAX_SECONDS]:
                errors[OPT_SHOT_MAX_SECONDS] = "shot_range"
            else:
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
