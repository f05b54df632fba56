"""The dashboard card and the dev instance's copies of the shipped files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.espresso_care.program import BackflushState

REPO = Path(__file__).parent.parent
CARD = yaml.safe_load((REPO / "docs" / "dashboard.yaml").read_text())


class _Loader(yaml.SafeLoader):
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


async def test_card_entities_exist(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    referenced = {
        value
        for node in walk(CARD)
        for key, value in node.items()
        if key == "entity" or (key == "entity_id" and isinstance(value, str))
    }
    assert len(referenced) >= 12
    missing = {entity_id for entity_id in referenced if not hass.states.get(entity_id)}
    assert missing == set()
    # The conditions name states the entities take.
    states = {str(s) for s in BackflushState} | {"on", "off"}
    for node in walk(CARD):
        if node.get("condition") == "state":
            wanted = node.get("state", node.get("state_not"))
            assert set(wanted if isinstance(wanted, list) else [wanted]) <= states


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
