"""The shipped blueprints, loaded by Home Assistant's automation integration."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
import shutil
from typing import Any

from homeassistant.components.automation.helpers import async_get_blueprints
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util, slugify
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)
import yaml

from custom_components.espresso_care.const import DOMAIN

from .conftest import Rig
from .helpers import is_on, json_object, settle, state_of

REPO = Path(__file__).parent.parent
BLUEPRINTS = REPO / "blueprints" / "automation" / "espresso_care"
STATE = "sensor.espresso_machine_backflush_state"
BACKFLUSH_DUE = "binary_sensor.espresso_machine_backflush_due"
DESCALE_DUE = "binary_sensor.espresso_machine_descale_due"
POWER_SWITCH = "switch.espresso_machine_power"
READY = "binary_sensor.espresso_machine_ready"
START = f"ESPRESSO_CARE_START_{BACKFLUSH_DUE}"
CONTINUE = f"ESPRESSO_CARE_CONTINUE_{BACKFLUSH_DUE}"
# A Wednesday, 20:00 in the tests' time zone (US/Pacific, summer time).
WEDNESDAY_EVENING = "2025-06-18 20:00:00-07:00"


def state(hass: HomeAssistant) -> str:
    return state_of(hass, STATE).state


@pytest.fixture
def blueprint_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """The repository's blueprints in a fresh config dir."""
    target = tmp_path / "blueprints" / "automation" / "espresso_care"
    shutil.copytree(BLUEPRINTS, target)
    hass.config.config_dir = str(tmp_path)
    return target


@pytest.mark.parametrize("name", sorted(p.name for p in BLUEPRINTS.glob("*.yaml")))
def test_blueprint_metadata(name: str) -> None:
    class Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no stubs here: Any
        pass

    Loader.add_constructor("!input", lambda loader, node: f"!input {node.value}")
    blueprint = yaml.load((BLUEPRINTS / name).read_text(), Loader=Loader)["blueprint"]
    assert blueprint["domain"] == "automation"
    assert blueprint["source_url"].endswith(
        f"/blob/main/blueprints/automation/espresso_care/{name}"
    )
    assert blueprint["homeassistant"]["min_version"] == "2025.4.0"


# --- bedtime reminder ---------------------------------------------------------


@dataclass
class Phone:
    """The user's phone (Mobile App), what it was sent, and the blueprints it gets."""

    hass: HomeAssistant
    device: dr.DeviceEntry
    # What the Companion app would show: calls of its notify action.
    notifications: list[ServiceCall]

    async def bedtime(self, **inputs: Any) -> None:
        """The bedtime reminder set up for this phone."""
        await self._automation(
            "Bedtime backflush",
            "bedtime_backflush_reminder.yaml",
            backflush_due=BACKFLUSH_DUE,
            descale_due=DESCALE_DUE,
            bedtime="21:30:00",
            **inputs,
        )

    async def warm_up(self, **inputs: Any) -> None:
        """The morning warm-up set up for this phone."""
        await self._automation(
            "Warm up",
            "morning_warm_up.yaml",
            power_switch=POWER_SWITCH,
            ready_sensor=READY,
            time="06:45:00",
            **inputs,
        )

    async def tap(self, action: str) -> None:
        """Tap an action of a notification, as the Companion app reports it."""
        self.hass.bus.async_fire("mobile_app_notification_action", {"action": action})
        await settle(self.hass)

    async def _automation(self, alias: str, blueprint: str, **inputs: Any) -> None:
        assert await async_setup_component(
            self.hass,
            "automation",
            {
                "automation": {
                    "alias": alias,
                    "use_blueprint": {
                        "path": f"espresso_care/{blueprint}",
                        "input": {"notify_device": self.device.id, **inputs},
                    },
                }
            },
        )
        await settle(self.hass)
        assert state_of(self.hass, f"automation.{slugify(alias)}").state == "on"


@pytest.fixture
def phone(hass: HomeAssistant, blueprint_dir: Path) -> Phone:
    """A phone of the Mobile App integration, named "Test phone", and the blueprints."""
    mobile_app = MockConfigEntry(domain="mobile_app", data={})
    mobile_app.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=mobile_app.entry_id,
        identifiers={("mobile_app", "phone-1")},
        name="Test phone",
    )
    return Phone(
        hass, device, async_mock_service(hass, "notify", "mobile_app_test_phone")
    )


@pytest.fixture(autouse=True)
async def automations_off(hass: HomeAssistant) -> AsyncGenerator[None]:
    """Turn the automations off at the end: no time trigger outlives a test."""
    yield
    if hass.services.has_service("automation", "turn_off"):
        await hass.services.async_call(
            "automation", "turn_off", {"entity_id": "all"}, blocking=True
        )
        await hass.async_block_till_done()


async def make_shots(hass: HomeAssistant, count: int) -> None:
    while count:
        await hass.services.async_call(
            DOMAIN, "log_shot", {"count": min(count, 10)}, blocking=True
        )
        count -= min(count, 10)


async def record(hass: HomeAssistant, task: str, days_ago: float) -> None:
    when = dt_util.utcnow() - timedelta(days=days_ago)
    await hass.services.async_call(
        DOMAIN,
        "record_maintenance",
        {"task": task, "when": when.isoformat()},
        blocking=True,
    )


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_bedtime_reminder_then_start_from_the_phone(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await record(hass, "backflush", 12)
    await make_shots(hass, 23)
    await phone.bedtime()
    assert state_of(hass, BACKFLUSH_DUE).state == "on"

    await rig.advance(90 * 60 - 1)
    assert phone.notifications == []
    await rig.advance(2)  # 21:30 (the time trigger adds < 1 s)
    [reminder] = phone.notifications
    assert reminder.data["message"] == (
        "Backflush due: 23 shots since the last one, 12 days ago."
        " Insert the blind basket with cleaner, then start the backflush."
    )
    assert [a["title"] for a in reminder.data["data"]["actions"]] == [
        "Start backflush",
        "Tomorrow",
    ]
    assert reminder.data["data"]["actions"][0]["action"] == START

    # "Tomorrow": nothing happens.
    await phone.tap("ESPRESSO_CARE_TOMORROW")
    assert state(hass) == "idle"

    # "Start backflush": the cleaner program runs on this machine.
    await phone.tap(START)
    assert state(hass) == "cleaning"
    assert state_of(hass, STATE).attributes["program"] == "cleaner"
    assert rig.relays.pump.is_on

    # The program waits for the user: the phone says what to do, with Continue.
    await rig.advance(100)
    assert state(hass) == "awaiting_rinse"
    waiting = phone.notifications[-1]
    assert waiting.data["message"].startswith("Rinse the portafilter")
    assert waiting.data["data"]["actions"] == [
        {"action": CONTINUE, "title": "Continue"}
    ]
    await phone.tap(CONTINUE)
    assert state(hass) == "rinsing"

    await rig.advance(100)
    assert phone.notifications[-1].data["message"].startswith("Remove the portafilter")
    await hass.services.async_call(DOMAIN, "continue_backflush", {}, blocking=True)
    await rig.advance(60)
    assert state(hass) == "completed"
    assert phone.notifications[-1].data["message"] == (
        "Backflush finished: the group is clean."
    )
    assert len(phone.notifications) == 4
    # A completed backflush is no longer due: no reminder the next night.
    await rig.advance(24 * 3600)
    assert len(phone.notifications) == 4


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_bedtime_nothing_due(hass: HomeAssistant, rig: Rig, phone: Phone) -> None:
    await make_shots(hass, 3)
    await phone.bedtime()
    await rig.advance(2 * 3600)
    assert phone.notifications == []


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_bedtime_quiet_day(hass: HomeAssistant, rig: Rig, phone: Phone) -> None:
    await make_shots(hass, 25)
    await phone.bedtime(quiet_days=["wed", "sun"])
    await rig.advance(2 * 3600)  # Wednesday: quiet
    assert phone.notifications == []
    await rig.advance(24 * 3600)  # Thursday
    [reminder] = phone.notifications
    assert reminder.data["message"].startswith(
        "Backflush due: 25 shots since the last one."
    )


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_bedtime_descale_only(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await record(hass, "descale", 100)
    await phone.bedtime()
    await rig.advance(2 * 3600)
    [reminder] = phone.notifications
    assert reminder.data["message"] == "Descaling due: last one 100 days ago."
    assert "actions" not in reminder.data["data"]


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_start_refused_is_told(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await phone.bedtime()
    rig.relays.plug.set(False)
    await phone.tap(START)
    assert state(hass) == "idle"
    [told] = phone.notifications
    assert told.data["message"] == (
        "The backflush did not start. Is the machine switched on?"
    )


async def test_program_events_of_another_machine_are_ignored(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await phone.bedtime()
    data = {"config_entry_id": "other", "device_id": None, "program": "cleaner"}
    hass.bus.async_fire(f"{DOMAIN}_backflush_finished", {**data, "result": "completed"})
    await settle(hass)
    assert phone.notifications == []
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_finished",
        {
            **data,
            "config_entry_id": rig.entry.entry_id,
            "result": "failed",
            "reason": "relay_unavailable",
        },
    )
    await settle(hass)
    assert phone.notifications[-1].data["message"] == (
        "Backflush failed (relay unavailable). The pump is off."
    )
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_finished",
        {
            **data,
            "config_entry_id": rig.entry.entry_id,
            "result": "aborted",
            "reason": "user",
        },
    )
    await settle(hass)
    assert phone.notifications[-1].data["message"] == "Backflush aborted (user)."


FLUSH = f"ESPRESSO_CARE_FLUSH_{BACKFLUSH_DUE}"


async def hand_backflush(rig: Rig) -> None:
    """Five pulses with cleaner by hand on the pump relay, a rinse, five with water."""
    for pauses in ((9, 12, 8, 11, 120), (10, 12, 9, 10, 60)):
        for on, off in zip((8, 10, 7, 9, 10), pauses, strict=True):
            await rig.pulse(on, off)


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_recognized_backflush_is_told(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await make_shots(hass, 25)
    await phone.bedtime(backflush_recognized="notify")
    await hand_backflush(rig)
    assert state_of(hass, BACKFLUSH_DUE).state == "off"
    [told] = phone.notifications
    assert told.data["message"] == (
        "Backflush recognized and recorded: 10 pulses, 20:00 to 20:04."
    )
    assert told.data["data"] == {"tag": f"espresso_care_{rig.entry.entry_id}"}

    # Another machine's: nothing.
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_recognized",
        {"config_entry_id": "other", "device_id": None, "pulses": 10},
    )
    await settle(hass)
    assert len(phone.notifications) == 1


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_recognized_backflush_asks_for_a_group_flush(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    await phone.bedtime(backflush_recognized="ask")
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_recognized",
        {
            "config_entry_id": rig.entry.entry_id,
            "device_id": None,
            "pulses": 1,
            "started": "2025-06-19T03:58:00+00:00",
            "ended": "2025-06-19T04:05:30+00:00",
        },
    )
    await settle(hass)
    [asked] = phone.notifications
    assert asked.data["message"] == (
        "Backflush recognized and recorded: 1 pulse, 20:58 to 21:05."
        " Take the portafilter out, then flush the group?"
    )
    assert asked.data["data"]["actions"] == [{"action": FLUSH, "title": "Flush group"}]

    # "Flush group": the flush program runs on this machine.
    await phone.tap(FLUSH)
    assert state(hass) == "flushing"
    assert state_of(hass, STATE).attributes["program"] == "flush"
    assert rig.relays.pump.is_on
    await rig.advance(120)
    assert state(hass) == "completed"
    assert phone.notifications[-1].data["message"] == (
        "Backflush finished: the group is clean."
    )

    # Refused (the machine is off): the phone says so.
    rig.relays.plug.set(False)
    await phone.tap(FLUSH)
    assert state(hass) == "completed"
    assert phone.notifications[-1].data["message"] == (
        "The group flush did not start. Is the machine switched on?"
    )


@pytest.mark.freeze_time(WEDNESDAY_EVENING)
async def test_recognized_backflush_silent_by_default(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    """Existing automations see no change: the input defaults to say nothing."""
    await make_shots(hass, 25)
    await phone.bedtime()
    await hand_backflush(rig)
    assert state_of(hass, BACKFLUSH_DUE).state == "off"
    assert phone.notifications == []


async def test_guided_brew_prompts_are_not_sent_to_the_phone(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    """A guided program's brew on/off are for the card and speakers, not the phone."""
    await phone.bedtime()
    data = {
        "config_entry_id": rig.entry.entry_id,
        "device_id": None,
        "program": "cleaner",
    }
    for action in ("brew_on", "brew_off"):
        hass.bus.async_fire(
            f"{DOMAIN}_backflush_action_required", {**data, "action": action}
        )
    await settle(hass)
    assert phone.notifications == []
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_action_required",
        {**data, "action": "remove_portafilter"},
    )
    await settle(hass)
    assert phone.notifications[-1].data["message"].startswith("Remove the portafilter")


# --- voice ----------------------------------------------------------------------


@pytest.fixture
async def voice_blueprint(
    hass: HomeAssistant, entry: MockConfigEntry, blueprint_dir: Path
) -> None:
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Voice backflush",
                "use_blueprint": {
                    "path": "espresso_care/voice_backflush.yaml",
                    "input": {
                        "backflush_state": STATE,
                        "backflush_due": BACKFLUSH_DUE,
                    },
                },
            }
        },
    )
    await settle(hass)


async def say(hass: HomeAssistant, text: str) -> str:
    result = await hass.services.async_call(
        "conversation",
        "process",
        {"text": text, "language": "en"},
        blocking=True,
        return_response=True,
    )
    await settle(hass)
    speech: str = json_object(result)["response"]["speech"]["plain"]["speech"]
    return speech


@pytest.mark.usefixtures("voice_blueprint")
async def test_voice_blueprint(hass: HomeAssistant, rig: Rig) -> None:
    assert await say(hass, "continue the backflush") == (
        "No program is waiting for you."
    )
    assert await say(hass, "abort the backflush") == "No program is running."
    rig.relays.plug.set(False)
    assert await say(hass, "start the backflush") == (
        "The backflush did not start: is the machine switched on?"
    )
    rig.relays.plug.set(True)
    assert (await say(hass, "start the backflush")).startswith(
        "Backflush with cleaner started."
    )
    assert state(hass) == "cleaning"
    assert await say(hass, "start the backflush") == "A program is already running."
    await rig.advance(100)
    assert await say(hass, "the portafilter is rinsed") == "Continuing the program."
    assert state(hass) == "rinsing"
    assert await say(hass, "stop the backflush") == "Program aborted. The pump is off."
    assert state(hass) == "aborted"
    assert not rig.relays.pump.is_on
    assert await say(hass, "how many shots since the last backflush") == (
        "No backflush is due yet: 0 shots since the last one."
    )
    await make_shots(hass, 21)
    assert await say(hass, "is the espresso machine due for a backflush") == (
        "The espresso machine is due for a backflush: 21 shots since the last one."
    )


# --- morning warm-up ------------------------------------------------------------

# A Wednesday, 06:00 in the tests' time zone (US/Pacific, summer time).
WEDNESDAY_MORNING = "2025-06-18 06:00:00-07:00"


async def test_warm_up_blueprint_is_valid(
    hass: HomeAssistant, blueprint_dir: Path
) -> None:
    """Home Assistant's own blueprint loader reads and validates it."""
    assert await async_setup_component(hass, "automation", {})
    blueprint = await async_get_blueprints(hass).async_get_blueprint(
        "espresso_care/morning_warm_up.yaml"
    )
    assert blueprint.name.endswith("espresso machine warm-up")
    assert set(blueprint.inputs) >= {
        "power_switch",
        "ready_sensor",
        "time",
        "days",
        "presence",
        "notify_device",
        "backflush_due",
        "descale_due",
    }


@pytest.mark.freeze_time(WEDNESDAY_MORNING)
@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 12}])
async def test_warm_up_on_time_then_ready_on_the_phone(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    rig.relays.plug.set(False)
    await record(hass, "backflush", 12)
    await make_shots(hass, 23)
    await record(hass, "descale", 100)
    await phone.warm_up(backflush_due=BACKFLUSH_DUE, descale_due=DESCALE_DUE)
    await rig.advance(45 * 60 - 1)
    assert not is_on(rig.relays.plug)
    await rig.advance(2)  # 06:45 (the time trigger adds < 1 s)
    assert is_on(rig.relays.plug)
    assert state_of(hass, "sensor.espresso_machine_heat_up").state == "heating"
    assert phone.notifications == []
    await rig.advance(12 * 60)
    assert state_of(hass, READY).state == "on"
    [ready] = phone.notifications
    assert ready.data["title"] == "Espresso machine"
    assert ready.data["message"] == (
        "The espresso machine is ready."
        " Backflush due: 23 shots since the last one, 12 days ago."
        " Descaling due: last one 100 days ago."
    )
    assert ready.data["data"]["tag"].startswith("espresso_care_warm_up_")
    # Once a day only.
    await rig.advance(3600)
    assert len(phone.notifications) == 1


@pytest.mark.freeze_time(WEDNESDAY_MORNING)
async def test_warm_up_plain_message_and_not_on_other_days(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    rig.relays.plug.set(False)
    await phone.warm_up(days=["wed"], backflush_due=BACKFLUSH_DUE)
    await rig.advance(46 * 60)
    assert is_on(rig.relays.plug)  # no power sensor, no delay: ready at once
    [ready] = phone.notifications
    assert ready.data["message"] == "The espresso machine is ready."
    rig.relays.plug.set(False)
    await rig.advance(24 * 3600)  # Thursday: not a chosen day
    assert not is_on(rig.relays.plug)
    assert len(phone.notifications) == 1


@pytest.mark.freeze_time(WEDNESDAY_MORNING)
@pytest.mark.parametrize(
    ("states", "warms_up"),
    [
        ({"person.anna": "not_home", "zone.home": "0"}, False),
        ({"person.anna": "home", "zone.home": "1"}, True),
        ({"person.anna": "not_home", "zone.home": "1"}, True),
    ],
)
async def test_warm_up_only_when_someone_is_home(
    hass: HomeAssistant, rig: Rig, phone: Phone, states: dict[str, str], warms_up: bool
) -> None:
    rig.relays.plug.set(False)
    for entity_id, value in states.items():
        hass.states.async_set(entity_id, value)
    await phone.warm_up(presence=["person.anna", "zone.home"])
    await rig.advance(46 * 60)
    assert rig.relays.plug.is_on is warms_up
    assert len(phone.notifications) == int(warms_up)


@pytest.mark.freeze_time(WEDNESDAY_MORNING)
@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 12}])
async def test_warm_up_leaves_a_machine_in_use_alone(
    hass: HomeAssistant, rig: Rig, phone: Phone
) -> None:
    """Already on: nothing switched, nothing sent. Switched off while heating: silent."""
    await phone.warm_up()
    await rig.advance(60 * 60)
    assert rig.relays.plug.commands == []
    assert phone.notifications == []
    rig.relays.plug.set(False)
    await rig.advance(23 * 3600 + 46 * 60)  # Thursday 06:46
    assert rig.relays.plug.is_on
    rig.relays.plug.set(False)  # changed their mind
    await rig.advance(30 * 60)
    assert phone.notifications == []
