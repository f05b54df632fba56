"""The translations: de and it match en, and en has every key the code uses."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
import json
from pathlib import Path
import re
from typing import Any

import pytest
import yaml

from custom_components.espresso_care.binary_sensor import BINARY_SENSORS
from custom_components.espresso_care.button import BUTTONS
from custom_components.espresso_care.const import NUMBER_OPTIONS
from custom_components.espresso_care.program import (
    BackflushState,
    Program,
    UserAction,
)
from custom_components.espresso_care.sensor import SENSORS
from custom_components.espresso_care.switch import SWITCHES
from custom_components.espresso_care.todo import MAINTENANCE_LIST

INTEGRATION = Path(__file__).parent.parent / "custom_components" / "espresso_care"
TRANSLATIONS = INTEGRATION / "translations"
LANGUAGES = ("de", "it")
PLACEHOLDER = re.compile(r"{(\w+)}")

# Calls whose first argument is an ``exceptions.<key>`` translation key.
EXCEPTION_FACTORIES = {"validation_error", "RelayError"}
# Calls whose ``translation_key=`` is an ``issues.<key>`` translation key.
ISSUE_FACTORIES = {"async_create_issue", "create_issue"}


@cache
def load(language: str) -> dict[str, Any]:
    """A translation file, parsed."""
    text = (TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def flatten(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of a translation tree, as (dotted path, value)."""
    for key, value in tree.items():
        if isinstance(value, Mapping):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def strings(language: str) -> dict[str, Any]:
    """A translation file as {dotted path: string}."""
    return dict(flatten(load(language)))


def missing(paths: Iterable[str]) -> list[str]:
    """The paths that en.json lacks."""
    en = strings("en")
    return sorted(path for path in set(paths) if path not in en)


def missing_prefixes(prefixes: Iterable[str]) -> list[str]:
    """The sections (dotted prefixes) with no string at all in en.json."""
    en = strings("en")
    return sorted(
        prefix
        for prefix in set(prefixes)
        if not any(path.startswith(f"{prefix}.") for path in en)
    )


def call_name(call: ast.Call) -> str:
    """The name a call is made by: ``f`` for ``f(...)`` and ``obj.f(...)``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def string_constant(node: ast.expr | None) -> str | None:
    """A literal string, or None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


@cache
def code_translation_keys() -> dict[str, frozenset[str]]:
    """Literal translation keys in the integration's code, by en.json section.

    ``validation_error("key")`` and ``RelayError("key")`` name exceptions;
    ``translation_key="key"`` names an issue in ``async_create_issue`` and an
    exception anywhere else, except in entity descriptions (the platforms'
    tuples, checked on their own). Computed keys (f-strings) are left to the
    tests that know their values.
    """
    found: dict[str, set[str]] = {"exceptions": set(), "issues": set()}
    for module in sorted(INTEGRATION.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = call_name(call)
            if name in EXCEPTION_FACTORIES and call.args:
                if (key := string_constant(call.args[0])) is not None:
                    found["exceptions"].add(key)
                continue
            for keyword in call.keywords:
                key = string_constant(keyword.value)
                if keyword.arg != "translation_key" or key is None:
                    continue
                if name.endswith("Description"):
                    continue
                found["issues" if name in ISSUE_FACTORIES else "exceptions"].add(key)
    return {section: frozenset(keys) for section, keys in found.items()}


def test_code_scan_finds_keys() -> None:
    """The scan itself works: it sees keys of each kind."""
    keys = code_translation_keys()
    assert {"program_running", "relay_timeout", "cannot_connect"} <= keys["exceptions"]
    assert {"program_failed", "pump_not_off"} <= keys["issues"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_keys_as_english(language: str) -> None:
    en = set(strings("en"))
    other = set(strings(language))
    assert sorted(en - other) == [], f"{language}.json lacks these keys"
    assert sorted(other - en) == [], f"{language}.json has keys en.json lacks"


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_placeholders_as_english(language: str) -> None:
    other = strings(language)
    differences = {
        path: (
            sorted(set(PLACEHOLDER.findall(text))),
            sorted(set(PLACEHOLDER.findall(other[path]))),
        )
        for path, text in strings("en").items()
        if path in other
        and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(other[path]))
    }
    assert differences == {}


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_no_empty_strings(language: str) -> None:
    bad = [
        path
        for path, text in strings(language).items()
        if not isinstance(text, str) or not text.strip()
    ]
    assert bad == []


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_files_are_formatted_like_english(language: str) -> None:
    text = (TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8")
    assert text == json.dumps(load(language), indent=2, ensure_ascii=False) + "\n"


def test_entity_names() -> None:
    descriptions = {
        "binary_sensor": BINARY_SENSORS,
        "button": BUTTONS,
        "sensor": SENSORS,
        "switch": SWITCHES,
        "todo": (MAINTENANCE_LIST,),
    }
    paths = [
        f"entity.{platform}.{description.translation_key}.name"
        for platform, group in descriptions.items()
        for description in group
    ]
    assert missing(paths) == []


def test_backflush_state_states() -> None:
    sensor = "entity.sensor.backflush_state"
    paths = [
        *(f"{sensor}.state.{state}" for state in BackflushState),
        *(f"{sensor}.state_attributes.program.state.{p}" for p in Program),
        *(f"{sensor}.state_attributes.action.state.{a}" for a in UserAction),
    ]
    assert missing(paths) == []


def test_exception_and_issue_keys_used_in_code() -> None:
    keys = code_translation_keys()
    paths = [f"exceptions.{key}.message" for key in keys["exceptions"]]
    for key in keys["issues"]:
        paths += [f"issues.{key}.title", f"issues.{key}.description"]
    assert missing(paths) == []


def test_spoken_sentences() -> None:
    """The sentences intent.py speaks, literal and composed."""
    source = (INTEGRATION / "intent.py").read_text(encoding="utf-8")
    keys = set(re.findall(r"\"(speech_\w+)\"", source))
    keys |= {f"speech_started_{program}" for program in Program}
    keys |= {
        f"speech_backflush_{state}{never}"
        for state in ("due", "ok")
        for never in ("", "_never")
    }
    assert "speech_shots" in keys
    assert missing(f"exceptions.{key}.message" for key in keys) == []


def test_services() -> None:
    services = yaml.safe_load((INTEGRATION / "services.yaml").read_text("utf-8"))
    paths: list[str] = []
    for service, spec in services.items():
        paths += [f"services.{service}.name", f"services.{service}.description"]
        for field, field_spec in (spec or {}).get("fields", {}).items():
            prefix = f"services.{service}.fields.{field}"
            paths += [f"{prefix}.name", f"{prefix}.description"]
            for selector in (field_spec.get("selector") or {}).values():
                if selector and (key := selector.get("translation_key")):
                    paths += [
                        f"selector.{key}.options.{option}"
                        for option in selector["options"]
                    ]
    assert missing(paths) == []


def _flow_sources() -> dict[str, str]:
    """config_flow.py split into the options flow's source and everything else."""
    source = (INTEGRATION / "config_flow.py").read_text(encoding="utf-8")
    options = ""
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id.endswith("OptionsFlow")
            for base in node.bases
        ):
            segment = ast.get_source_segment(source, node) or ""
            options += segment
            source = source.replace(segment, "")
    assert options, "no options flow found in config_flow.py"
    return {"config": source, "options": options}


# async_show_menu(step_id="step", menu_options=["a", "b"])
MENUS = re.compile(r"step_id=\"(\w+)\",\s*menu_options=\[([^\]]*)\]")
FORM_ERRORS = (
    # errors[key] = "error" / errors["base"] = error or "error"
    re.compile(r"errors\[[^\]]+\]\s*=\s*(?:\w+ or )?\"(\w+)\""),
    # {"base": "error"} / {CONF_X: error or "error"}
    re.compile(r"\{\s*(?:\"\w+\"|\w+)\s*:\s*(?:\w+ or )?\"(\w+)\"\s*\}"),
    # probe_shelly: return None, "error"
    re.compile(r"return None, \"(\w+)\""),
)


def test_config_and_options_flows() -> None:
    steps: list[str] = []
    paths: list[str] = []
    for section, source in _flow_sources().items():
        steps += [
            f"{section}.step.{step}"
            for step in re.findall(r"step_id=\"(\w+)\"", source)
        ]
        for pattern in FORM_ERRORS:
            paths += [f"{section}.error.{e}" for e in pattern.findall(source)]
        paths += [
            f"{section}.abort.{r}" for r in re.findall(r"reason=\"(\w+)\"", source)
        ]
        for step, menu in MENUS.findall(source):
            paths += [
                f"{section}.step.{step}.menu_options.{option}"
                for option in re.findall(r"\"(\w+)\"", menu)
            ]
        paths += [
            f"{section}.progress.{action}"
            for action in re.findall(r"progress_action=\"(\w+)\"", source)
        ]
    config = _flow_sources()["config"]
    implicit_aborts = {
        "_abort_if_unique_id_configured": "already_configured",
        "async_step_reauth": "reauth_successful",
        "async_step_reconfigure": "reconfigure_successful",
    }
    paths += [
        f"config.abort.{reason}"
        for marker, reason in implicit_aborts.items()
        if marker in config
    ]
    paths += [f"options.step.settings.data.{option.key}" for option in NUMBER_OPTIONS]
    assert {"config.step.user", "options.step.init", "options.step.settings"} <= set(
        steps
    )
    assert "config.step.user.menu_options.shelly" in paths
    assert "options.step.init.menu_options.calibrate" in paths
    assert "options.progress.calibrate_wait" in paths
    assert "options.progress.calibrate_wait_runs" in paths
    assert "options.step.calibrate_runs" in steps
    assert "config.error.power_once" in paths
    assert "options.error.shot_range" in paths
    assert missing_prefixes(steps) == []
    assert missing(paths) == []
