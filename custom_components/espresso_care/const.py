"""Constants of Espresso Care: the domain, configuration keys, option defaults and ranges."""

from __future__ import annotations

from dataclasses import dataclass
import logging
from typing import Final

DOMAIN: Final = "espresso_care"
LOGGER = logging.getLogger(__package__)

# Config entry data.
CONF_POWER_ENTITY: Final = "power_entity"
CONF_PUMP_ENTITY: Final = "pump_entity"
CONF_THREE_WAY_VALVE: Final = "three_way_valve"
CONF_BACKEND: Final = "backend"
CONF_CHANNEL: Final = "channel"
CONF_POWER_HOST: Final = "power_host"
CONF_POWER_CHANNEL: Final = "power_channel"
CONF_POWER_PASSWORD: Final = "power_password"
CONF_GENERATION: Final = "generation"
CONF_POWER_GENERATION: Final = "power_generation"
CONF_MODEL: Final = "model"
# Shot signals (all optional): a power meter and a sensor on the brew switch.
CONF_POWER_SENSOR: Final = "power_sensor"
CONF_BREW_SENSOR: Final = "brew_sensor"
# A Shelly's own input wired to the brew switch (detached mode): its input id.
CONF_BREW_INPUT: Final = "brew_input"
# Whether the plug Shelly reports power (then it is the power meter by itself).
CONF_POWER_METERED: Final = "power_metered"
# A pump entity of Home Assistant's Shelly integration: the device-side bounds
# chosen in the flow, and the device's settings from before (relays/shelly_bound).
CONF_SHELLY_BOUND: Final = "shelly_bound"
BACKEND_ENTITY: Final = "entity"
BACKEND_SHELLY: Final = "shelly"
DEFAULT_NAME: Final = "Espresso machine"

# Service call fields.
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_PROGRAM: Final = "program"
ATTR_WARM_UP_MINUTES: Final = "warm_up_minutes"
ATTR_POWER_OFF_AFTER: Final = "power_off_after"
ATTR_COUNT: Final = "count"
ATTR_TASK: Final = "task"
ATTR_WHEN: Final = "when"
ATTR_MINUTES: Final = "minutes"

# Options.
OPT_MAX_PUMP_SECONDS: Final = "max_pump_seconds"
OPT_CYCLES: Final = "cycles"
OPT_PUMP_ON_SECONDS: Final = "pump_on_seconds"
OPT_PUMP_OFF_SECONDS: Final = "pump_off_seconds"
OPT_RINSE_CYCLES: Final = "rinse_cycles"
OPT_FLUSHES: Final = "flushes"
OPT_FLUSH_SECONDS: Final = "flush_seconds"
OPT_GROUP_FLUSHES: Final = "group_flushes"
OPT_GROUP_FLUSH_SECONDS: Final = "group_flush_seconds"
OPT_PROMPT_TIMEOUT_MINUTES: Final = "prompt_timeout_minutes"
OPT_SHOT_MIN_SECONDS: Final = "shot_min_seconds"
OPT_SHOT_MAX_SECONDS: Final = "shot_max_seconds"
OPT_BACKFLUSH_INTERVAL_SHOTS: Final = "backflush_interval_shots"
OPT_BACKFLUSH_INTERVAL_DAYS: Final = "backflush_interval_days"
OPT_DESCALE_INTERVAL_SHOTS: Final = "descale_interval_shots"
OPT_DESCALE_INTERVAL_DAYS: Final = "descale_interval_days"
# The pump's step in watts on the power meter (0 = not known yet).
OPT_PUMP_WATTS: Final = "pump_watts"
# The daily routine: minutes from the heat-up's end to ready, and the auto-off.
OPT_READY_DELAY_MINUTES: Final = "ready_delay_minutes"
OPT_AUTO_OFF_MINUTES: Final = "auto_off_minutes"
# Hand-made backflushes recognized in the pump runs (1) or not (0).
OPT_RECOGNIZE_BACKFLUSH: Final = "recognize_backflush"
# Spoken cues (announce.py): assist satellites and media players, and the tts
# entity the media players speak through. Not numbers, so not in
# NUMBER_OPTIONS nor DEFAULT_OPTIONS: absent means none.
OPT_ANNOUNCE_ENTITIES: Final = "announce_entities"
OPT_ANNOUNCE_TTS: Final = "announce_tts"


@dataclass(frozen=True, slots=True)
class NumberOption:
    """An integer option: its default and the range the options flow and actions accept."""

    key: str
    default: int
    minimum: int
    maximum: int


NUMBER_OPTIONS: Final[tuple[NumberOption, ...]] = (
    NumberOption(OPT_MAX_PUMP_SECONDS, 60, 5, 300),
    NumberOption(OPT_CYCLES, 5, 1, 20),
    NumberOption(OPT_PUMP_ON_SECONDS, 10, 1, 30),
    NumberOption(OPT_PUMP_OFF_SECONDS, 10, 1, 60),
    NumberOption(OPT_RINSE_CYCLES, 5, 0, 20),
    NumberOption(OPT_FLUSHES, 3, 0, 10),
    NumberOption(OPT_FLUSH_SECONDS, 3, 1, 10),
    NumberOption(OPT_GROUP_FLUSHES, 1, 0, 10),
    NumberOption(OPT_GROUP_FLUSH_SECONDS, 2, 1, 10),
    NumberOption(OPT_PROMPT_TIMEOUT_MINUTES, 15, 1, 240),
    NumberOption(OPT_SHOT_MIN_SECONDS, 15, 1, 60),
    NumberOption(OPT_SHOT_MAX_SECONDS, 120, 10, 600),
    NumberOption(OPT_BACKFLUSH_INTERVAL_SHOTS, 20, 0, 500),
    NumberOption(OPT_BACKFLUSH_INTERVAL_DAYS, 7, 0, 90),
    NumberOption(OPT_DESCALE_INTERVAL_SHOTS, 0, 0, 10000),
    NumberOption(OPT_DESCALE_INTERVAL_DAYS, 90, 0, 365),
    NumberOption(OPT_PUMP_WATTS, 0, 0, 500),
    NumberOption(OPT_READY_DELAY_MINUTES, 0, 0, 60),
    NumberOption(OPT_AUTO_OFF_MINUTES, 0, 0, 720),
    NumberOption(OPT_RECOGNIZE_BACKFLUSH, 1, 0, 1),
)
NUMBER_OPTION_BY_KEY: Final = {option.key: option for option in NUMBER_OPTIONS}
DEFAULT_OPTIONS: Final[dict[str, int]] = {o.key: o.default for o in NUMBER_OPTIONS}

# Seconds a device-side flip-back timer (or our watchdog) runs past a programmed pulse.
AUTO_OFF_MARGIN_SECONDS: Final = 5.0
# How long a relay may take to confirm a command before it counts as failed.
RELAY_CONFIRM_TIMEOUT_SECONDS: Final = 5.0
# How often, and how many times, an off command is retried after a failure.
PUMP_OFF_RETRIES: Final = 5
PUMP_OFF_RETRY_DELAY_SECONDS: Final = 1.0

EVENT_BACKFLUSH_STARTED: Final = f"{DOMAIN}_backflush_started"
EVENT_BACKFLUSH_ACTION_REQUIRED: Final = f"{DOMAIN}_backflush_action_required"
EVENT_BACKFLUSH_FINISHED: Final = f"{DOMAIN}_backflush_finished"
EVENT_READY: Final = f"{DOMAIN}_ready"
EVENT_AUTO_OFF_SOON: Final = f"{DOMAIN}_auto_off_soon"
EVENT_AUTO_OFF: Final = f"{DOMAIN}_auto_off"
EVENT_BACKFLUSH_RECOGNIZED: Final = f"{DOMAIN}_backflush_recognized"
