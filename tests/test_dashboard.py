"""The dashboard card and the dev instance's copies of the shipped files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.template import Template
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.espresso_care.const import CONF_POWER_SENSOR
from custom_components.espresso_care.heat_up import HeatUpState
from custom_components.espresso_care.program import BackflushState

from .conftest import Relays, machine_entry
from .helpers import advance, settle

REPO = Path(__file__).parent.parent
CARD = yaml.safe_load((REPO / "docs" / "dashboard.yaml").read_text())


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no stubs here: Any
    """Home Assistant's YAML tags, read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a card tree."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def test_dev_dashboard_shows_the_documented_card() -> None:
    dashboard = yaml.safe_load((REPO / "config/dashboards/espresso.yaml").read_text())
    assert dashboard["views"][0]["cards"] == [CARD]
    configuration = yaml.load(
        (REPO / "config/configuration.yaml").read_text(), Loader=_Loader
    )
    dashboards = configuration["lovelace"]["dashboards"]
    assert dashboards["espresso-care"]["mode"] == "yaml"
    assert dashboards["espresso-care"]["filename"] == "dashboards/espresso.yaml"


def test_card_uses_built_in_cards_only() -> None:
    types = {node["type"] for node in walk(CARD) if "type" in node}
    assert types <= {"vertical-stack", "tile", "entities", "conditional", "markdown"}


def referenced_entities() -> set[str]:
    """Every entity id the card names."""
    return {
        value
        for node in walk(CARD)
        for key, value in node.items()
        if key == "entity" or (key == "entity_id" and isinstance(value, str))
    }


def guarded_entities() -> set[str]:
    """Entities the card shows only while they exist (not unavailable, not unknown)."""
    return {
        node["entity"]
        for node in walk(CARD)
        if node.get("condition") == "state"
        and set(node.get("state_not") or []) == {"unavailable", "unknown"}
    }


async def _load(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    hass.states.async_set("sensor.machine_power", "3.0", {"unit_of_measurement": "W"})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def test_card_entities_exist(hass: HomeAssistant, relays: Relays) -> None:
    """With a pump relay and a power sensor, every entity the card names exists.

    All but the machine's own power sensor: a power sensor entity shows itself,
    so the machine makes no copy (only a Shelly plug's meter gets one).
    """
    entry = machine_entry()
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_POWER_SENSOR: "sensor.machine_power"}
    )
    await _load(hass, entry)
    referenced = referenced_entities()
    assert len(referenced) >= 12
    missing = {entity_id for entity_id in referenced if not hass.states.get(entity_id)}
    assert missing == {"sensor.espresso_machine_power"}
    assert missing <= guarded_entities()
    # The conditions name states the entities take.
    states = {str(s) for s in BackflushState} | {"on", "off", "unavailable"}
    states |= {str(s) for s in HeatUpState} | {"unknown"}
    for node in walk(CARD):
        if node.get("condition") == "state":
            wanted = node.get("state", node.get("state_not"))
            assert set(wanted if isinstance(wanted, list) else [wanted]) <= states


async def test_card_for_a_plug_only_machine(
    hass: HomeAssistant, relays: Relays
) -> None:
    """Without a pump relay, what the card names but the machine lacks is guarded.

    The program buttons and the pump row hang on the pump switch existing, so a
    plug-only machine shows no button it cannot run.
    """
    entry = machine_entry(pump=None)
    await _load(hass, entry)
    missing = {e for e in referenced_entities() if not hass.states.get(e)}
    assert "switch.espresso_machine_pump" in missing
    assert missing <= guarded_entities()
    assert hass.states.get("sensor.espresso_machine_shots") is not None


def test_dev_custom_sentences_are_the_shipped_ones() -> None:
    shipped = sorted(
        p.relative_to(REPO / "custom_sentences")
        for p in (REPO / "custom_sentences").rglob("*.yaml")
    )
    assert shipped == [
        Path(f"{lang}/espresso_care.yaml") for lang in ("de", "en", "it")
    ]
    for path in shipped:
        assert (REPO / "config/custom_sentences" / path).read_text() == (
            REPO / "custom_sentences" / path
        ).read_text()


def shown_texts(hass: HomeAssistant) -> list[str]:
    """The markdown the card shows now: conditions checked, templates rendered.

    A missing entity reads "unknown" in the 2025.4 frontend and "unavailable"
    in others: the card must show the same under both.
    """
    texts = [_shown_texts(hass, missing) for missing in ("unknown", "unavailable")]
    assert texts[0] == texts[1]
    return texts[0]


def _shown_texts(hass: HomeAssistant, missing: str) -> list[str]:
    def holds(condition: dict[str, Any]) -> bool:
        state = hass.states.get(condition["entity"])
        value = state.state if state else missing
        if "state" in condition:
            wanted = condition["state"]
            return value in (wanted if isinstance(wanted, list) else [wanted])
        unwanted = condition["state_not"]
        return value not in (unwanted if isinstance(unwanted, list) else [unwanted])

    def visit(card: dict[str, Any]) -> Iterator[str]:
        if card["type"] == "conditional":
            if all(holds(c) for c in card["conditions"]):
                yield from visit(card["card"])
        elif card["type"] == "vertical-stack":
            for inner in card["cards"]:
                yield from visit(inner)
        elif card["type"] == "markdown":
            text = Template(card["content"], hass).async_render(parse_result=False)
            yield " ".join(re.sub(r"<[^>]+>", "", text).split())

    return list(visit(CARD))


@pytest.mark.freeze_time("2025-06-18 07:00:00-07:00")
async def test_card_heat_up_and_auto_off_lines(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """The card says "Heating, ready at 07:12" while heating, the auto-off time while on."""
    relays.plug.set(False)
    entry = machine_entry(options={"ready_delay_minutes": 12, "auto_off_minutes": 30})
    await _load(hass, entry)
    assert not [t for t in shown_texts(hass) if "Heating" in t or "Switches" in t]
    relays.plug.set(True)
    await settle(hass)
    texts = shown_texts(hass)
    assert "Heating, ready at 07:12" in texts
    assert "Switches off at 07:30 unless used." in texts
    await advance(hass, freezer, 12 * 60)
    texts = shown_texts(hass)
    assert not [t for t in texts if "Heating" in t]
    assert "Switches off at 07:30 unless used." in texts
    await hass.config_entries.async_unload(entry.entry_id)


async def test_card_guides_a_plug_only_machine(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """Plug only: Start backflush is offered, and a guided pulse shows the instruction and seconds."""
    entry = machine_entry(pump=None)
    await _load(hass, entry)
    # The programs are offered without a pump switch: they run as guides.
    offering = [
        node
        for node in walk(CARD)
        if node.get("type") == "conditional"
        and "button.espresso_machine_start_backflush" in str(node.get("card"))
    ]
    assert offering
    assert all(
        c["entity"] != "switch.espresso_machine_pump"
        for node in offering
        for c in node["conditions"]
    )
    await hass.services.async_call(
        "espresso_care", "run_backflush", {"program": "cleaner"}, blocking=True
    )
    await advance(hass, freezer, 3)
    texts = shown_texts(hass)
    # Nothing to check against: it says so, and runs by the clock.
    assert (
        "# ☕ Brew on # 7 s until brew off Not checked: no brew sensor, and the power meter cannot tell the pump."
        in texts
    )
    await advance(hass, freezer, 8)
    assert (
        "# ✋ Brew off # 9 s until brew on Not checked: no brew sensor, and the power meter cannot tell the pump."
        in shown_texts(hass)
    )
    await hass.services.async_call(
        "espresso_care", "abort_backflush", {}, blocking=True
    )
    await settle(hass)
    assert not [t for t in shown_texts(hass) if "Brew" in t]
    await hass.config_entries.async_unload(entry.entry_id)
