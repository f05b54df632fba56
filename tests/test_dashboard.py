"""The dashboard card and the dev instance's copies of the shipped files."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.template import Template
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from translate_card import (
    ENGLISH,
    NAMES,
    PHRASES,
    translate,
    translated_path,
)
import yaml

from custom_components.espresso_care.const import CONF_POWER_SENSOR
from custom_components.espresso_care.heat_up import HeatUpState
from custom_components.espresso_care.program import BackflushState

from .conftest import Relays, machine_entry
from .helpers import advance, settle

REPO = Path(__file__).parent.parent
CARD = yaml.safe_load(ENGLISH.read_text())
# The card in each language: German and Italian made from the English one.
CARDS = {"en": CARD} | {
    language: yaml.safe_load(translated_path(language).read_text())
    for language in NAMES
}
TRANSLATIONS = REPO / "custom_components" / "espresso_care" / "translations"


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


def shown_texts(hass: HomeAssistant, card: dict[str, Any] = CARD) -> list[str]:
    """The markdown the card shows now: conditions checked, templates rendered.

    A missing entity reads "unknown" in the 2025.4 frontend and "unavailable"
    in others: the card must show the same under both.
    """
    texts = [
        _shown_texts(hass, card, missing) for missing in ("unknown", "unavailable")
    ]
    assert texts[0] == texts[1]
    return texts[0]


def _shown_texts(hass: HomeAssistant, root: dict[str, Any], missing: str) -> list[str]:
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

    return list(visit(root))


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


@pytest.mark.parametrize("language", sorted(NAMES))
def test_translated_card_is_made_from_the_english_one(language: str) -> None:
    """The German and Italian cards are the English one with its texts translated.

    Written by scripts/translate_card.py, never by hand: the same cards,
    conditions, entities and templates; only names and markdown phrases differ,
    and no English phrase is left.
    """
    english = ENGLISH.read_text()
    translated = translated_path(language).read_text()
    assert translated == translate(english, language)

    def skeleton(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: skeleton(value)
                for key, value in node.items()
                if key not in ("name", "content")
            }
        if isinstance(node, list):
            return [skeleton(item) for item in node]
        return node

    assert skeleton(CARDS[language]) == skeleton(CARD)
    texts = [
        node[key]
        for node in walk(CARDS[language])
        for key in ("name", "content")
        if key in node
    ]
    assert len(texts) == len(
        [1 for node in walk(CARD) for key in ("name", "content") if key in node]
    )
    for text in texts:
        assert not [p for p in PHRASES[language] if p in text]
        assert text not in NAMES[language]


@pytest.mark.parametrize("language", sorted(NAMES))
def test_translated_card_names_entities_as_the_integration_does(
    language: str,
) -> None:
    """A tile or row named as its entity carries the entity's translated name."""
    own = json.loads((TRANSLATIONS / f"{language}.json").read_text())["entity"]
    english = json.loads((TRANSLATIONS / "en.json").read_text())["entity"]
    checked = 0
    for node, translated in zip(walk(CARD), walk(CARDS[language]), strict=True):
        if "name" not in node or "entity" not in node:
            continue
        platform, object_id = node["entity"].split(".")
        key = object_id.removeprefix("espresso_machine_")
        if english[platform][key]["name"] == node["name"]:
            assert translated["name"] == own[platform][key]["name"]
            checked += 1
    assert checked >= 10


@pytest.mark.freeze_time("2025-06-18 07:00:00-07:00")
async def test_translated_cards_read_in_their_language(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """What the German and Italian cards say while heating, due and guiding."""
    relays.plug.set(False)
    entry = machine_entry(
        pump=None,
        options={
            "ready_delay_minutes": 12,
            "auto_off_minutes": 30,
            "backflush_interval_shots": 1,
        },
    )
    await _load(hass, entry)
    relays.plug.set(True)
    await settle(hass)
    await hass.services.async_call("espresso_care", "log_shot", {}, blocking=True)
    await settle(hass)
    assert "**Backflush due**: 1 shots since the last one." in shown_texts(hass)
    assert {language: shown_texts(hass, CARDS[language]) for language in NAMES} == {
        "de": [
            "Heizt auf, bereit um 07:12",
            "Schaltet sich um 07:30 ab, falls unbenutzt.",
            "**Rückspülung fällig**: 1 Bezüge seit der letzten.",
        ],
        "it": [
            "In riscaldamento, pronta alle 07:12",
            "Si spegne alle 07:30 se non usata.",
            "**Controlavaggio da fare**: 1 erogazioni dall'ultimo.",
        ],
    }
    await hass.services.async_call(
        "espresso_care", "run_backflush", {"program": "cleaner"}, blocking=True
    )
    await advance(hass, freezer, 3)
    assert shown_texts(hass, CARDS["de"])[-1] == (
        "# ☕ Bezug starten # 7 s bis zum Stoppen Nicht geprüft: kein Brühsensor,"
        " und der Leistungsmesser erkennt die Pumpe nicht."
    )
    await advance(hass, freezer, 8)
    assert shown_texts(hass, CARDS["it"])[-1] == (
        "# ✋ Ferma l'erogazione # 9 s all'avvio Non verificato: nessun sensore di"
        " erogazione, e il misuratore di potenza non distingue la pompa."
    )
    await hass.services.async_call(
        "espresso_care", "abort_backflush", {}, blocking=True
    )
    await hass.config_entries.async_unload(entry.entry_id)
