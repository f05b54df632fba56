"""Config flow steps for a pump in Home Assistant's Shelly integration.

After the ``entities`` step (and its reconfigure), a pump entity that is a
relay of the Shelly integration leads here: the device is read (its host,
channel, generation and password come from the Shelly integration, never
typed), its current auto-off is kept for the day the machine is removed, and
the user chooses the device-side bounds (see ``relays.shelly_bound``). A
device that wants a password the Shelly entry does not have asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_PASSWORD
from homeassistant.helpers import selector

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from .const import (
    CONF_PUMP_ENTITY,
    CONF_SHELLY_BOUND,
    DEFAULT_OPTIONS,
    OPT_MAX_PUMP_SECONDS,
)
from .relays.shelly_bound import (
    BOUND_AUTO_OFF,
    BOUND_CHANNEL,
    BOUND_GENERATION,
    BOUND_HOST,
    BOUND_PASSWORD,
    BOUND_PREVIOUS,
    BOUND_PULSE_TIMER,
    BOUND_SHELLY_ENTRY,
    ShellyTarget,
    async_restore_previous,
    bound_client,
    previous_settings,
    shelly_target,
)
from .shelly.client import ShellyAuthError, ShellyError, SwitchConfig

PASSWORD_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)


def _target_bound(target: ShellyTarget, password: str | None) -> dict[str, Any]:
    """The bound's device part (the password only when typed in this flow)."""
    return {
        BOUND_SHELLY_ENTRY: target.shelly_entry_id,
        BOUND_HOST: target.host,
        BOUND_CHANNEL: target.channel,
        BOUND_GENERATION: target.generation,
        BOUND_PASSWORD: password,
    }


def _same_device(old: Mapping[str, Any], target: ShellyTarget) -> bool:
    return (
        old.get(BOUND_SHELLY_ENTRY) == target.shelly_entry_id
        and old.get(BOUND_CHANNEL) == target.channel
    )


class ShellyBoundFlow(ConfigFlow):
    """The steps; ``EspressoCareConfigFlow`` inherits them."""

    _bound_target: ShellyTarget | None = None
    _bound_data: dict[str, Any] | None = None
    _bound_title: str | None = None
    _bound_entry: ConfigEntry[Any] | None = None
    _bound_password: str | None = None
    _bound_config: SwitchConfig | None = None
    _bound_unique_id: str | None = None

    async def async_finish_with_shelly_bound(
        self,
        data: dict[str, Any],
        *,
        title: str | None = None,
        entry: ConfigEntry[Any] | None = None,
        unique_id: str | None = None,
    ) -> ConfigFlowResult:
        """Create (``title``) or update (``entry``, ``unique_id``) the machine.

        Through the bound step first when the pump is a Shelly integration's relay.
        """
        self._bound_data = data
        self._bound_unique_id = unique_id
        self._bound_title = title
        self._bound_entry = entry
        self._bound_target = shelly_target(self.hass, data.get(CONF_PUMP_ENTITY))
        if self._bound_target is None:
            return await self._async_bound_finish(None)
        self._bound_password = None
        self._bound_config = None
        old = data.get(CONF_SHELLY_BOUND)
        if isinstance(old, Mapping) and _same_device(old, self._bound_target):
            self._bound_password = old.get(BOUND_PASSWORD)
        return await self.async_step_shelly_bound()

    async def _async_read_device(self, password: str | None) -> str | None:
        """Read the relay's settings; None, or the form error."""
        target = self._bound_target
        assert target is not None
        bound = _target_bound(target, password or target.password)
        client = bound_client(self.hass, bound, follow_entry=False)
        try:
            self._bound_config = await client.get_switch_config(target.channel)
        except ShellyAuthError:
            return "invalid_auth"
        except ShellyError:
            return "cannot_connect"
        return None

    async def async_step_shelly_bound(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the device's auto-off and the flip-back timer on every pulse."""
        target = self._bound_target
        assert target is not None
        errors: dict[str, str] = {}
        wanted = user_input is not None and (
            user_input[BOUND_AUTO_OFF] or user_input[BOUND_PULSE_TIMER]
        )
        if user_input is not None and not wanted:
            return await self._async_bound_finish(None)
        if self._bound_config is None:
            error = await self._async_read_device(self._bound_password)
            if error == "invalid_auth":
                return await self.async_step_shelly_bound_auth()
            if error is not None:
                errors["base"] = error
        if user_input is not None and not errors:
            return await self._async_bound_finish(user_input)
        seconds = (self._bound_entry.options if self._bound_entry else {}).get(
            OPT_MAX_PUMP_SECONDS, DEFAULT_OPTIONS[OPT_MAX_PUMP_SECONDS]
        )
        defaults = self._defaults()
        return self.async_show_form(
            step_id="shelly_bound",
            data_schema=vol.Schema(
                {
                    vol.Required(
                        BOUND_AUTO_OFF, default=defaults[BOUND_AUTO_OFF]
                    ): selector.BooleanSelector(),
                    vol.Required(
                        BOUND_PULSE_TIMER, default=defaults[BOUND_PULSE_TIMER]
                    ): selector.BooleanSelector(),
                }
            ),
            description_placeholders={
                "device": target.title,
                "channel": str(target.channel),
                "seconds": str(seconds),
            },
            errors=errors,
        )

    def _defaults(self) -> dict[str, bool]:
        """Both bounds on, or what this machine had chosen for the same device."""
        old = (self._bound_data or {}).get(CONF_SHELLY_BOUND)
        if (
            isinstance(old, Mapping)
            and self._bound_target is not None
            and _same_device(old, self._bound_target)
        ):
            return {
                BOUND_AUTO_OFF: bool(old.get(BOUND_AUTO_OFF)),
                BOUND_PULSE_TIMER: bool(old.get(BOUND_PULSE_TIMER)),
            }
        return {BOUND_AUTO_OFF: True, BOUND_PULSE_TIMER: True}

    async def async_step_shelly_bound_auth(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The Shelly wants a password its Shelly entry does not have."""
        assert self._bound_target is not None
        errors: dict[str, str] = {}
        if user_input is not None:
            error = await self._async_read_device(user_input[CONF_PASSWORD])
            if error is None:
                self._bound_password = user_input[CONF_PASSWORD]
                return await self.async_step_shelly_bound()
            errors["base"] = error
        return self.async_show_form(
            step_id="shelly_bound_auth",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR}),
            description_placeholders={"device": self._bound_target.title},
            errors=errors,
        )

    async def _async_bound_finish(
        self, choice: Mapping[str, Any] | None
    ) -> ConfigFlowResult:
        """Store the bound (None: none) and create or update the machine.

        A machine that had set another device's auto-off (or turns its own
        off now) puts that device back as it was first.
        """
        data = dict(self._bound_data or {})
        old = data.pop(CONF_SHELLY_BOUND, None)
        target = self._bound_target
        if choice is not None and target is not None:
            assert self._bound_config is not None
            bound = _target_bound(target, self._bound_password)
            previous = previous_settings(self._bound_config)
            if (
                isinstance(old, Mapping)
                and _same_device(old, target)
                and old.get(BOUND_AUTO_OFF)
                and isinstance(old.get(BOUND_PREVIOUS), Mapping)
            ):
                # The device carries our auto-off now: what it had before stays.
                previous = dict(old[BOUND_PREVIOUS])
            data[CONF_SHELLY_BOUND] = bound | {
                BOUND_AUTO_OFF: bool(choice[BOUND_AUTO_OFF]),
                BOUND_PULSE_TIMER: bool(choice[BOUND_PULSE_TIMER]),
                BOUND_PREVIOUS: previous,
            }
        if isinstance(old, Mapping) and (
            CONF_SHELLY_BOUND not in data
            or target is None
            or not _same_device(old, target)
            or not data[CONF_SHELLY_BOUND][BOUND_AUTO_OFF]
        ):
            await async_restore_previous(self.hass, old)
        if self._bound_entry is not None:
            return self.async_update_reload_and_abort(
                self._bound_entry,
                unique_id=self._bound_unique_id or self._bound_entry.unique_id,
                data=data,
            )
        return self.async_create_entry(title=self._bound_title or "", data=data)

    async def async_step_reauth_shelly_bound(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The pump's Shelly refused the password: ask for the new one."""
        entry = self._get_reauth_entry()
        bound = dict(entry.data[CONF_SHELLY_BOUND])
        errors: dict[str, str] = {}
        if user_input is not None:
            bound[BOUND_PASSWORD] = user_input[CONF_PASSWORD]
            try:
                await bound_client(self.hass, bound).get_switch_config(
                    bound[BOUND_CHANNEL]
                )
            except ShellyAuthError:
                errors["base"] = "invalid_auth"
            except ShellyError:
                errors["base"] = "cannot_connect"
            else:
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_SHELLY_BOUND: bound}
                )
        return self.async_show_form(
            step_id="reauth_shelly_bound",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR}),
            description_placeholders={"entity": entry.data[CONF_PUMP_ENTITY]},
            errors=errors,
        )
