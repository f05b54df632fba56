"""The README's device-side bounds: its ESPHome and Zigbee2MQTT snippets are valid.

The ESPHome snippet goes through ESPHome's own ``esphome config`` (the
configuration check, nothing is compiled or flashed), installed by
scripts/setup into a venv of its own inside the test venv. Where it could
not be installed there, the test is skipped with the reason setup recorded,
except on CI's Python 3.13 lane, where ESPHome installs and the test must
run. The Zigbee2MQTT snippet is an MQTT switch for Home Assistant's
configuration, checked against Home Assistant's own MQTT switch schema
(no broker, no Zigbee2MQTT: only the configuration is checked).
"""

from __future__ import annotations

from collections.abc import Callable
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
from typing import Any

from homeassistant.util.yaml import parse_yaml
import pytest
import voluptuous as vol

from .helpers import json_object

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
ESPHOME_SNIPPET = ROOT / "docs" / "snippets" / "esphome_pump.yaml"
Z2M_SNIPPET = ROOT / "docs" / "snippets" / "zigbee2mqtt_pump.yaml"
ESPHOME = Path(sys.prefix) / "esphome" / "bin" / "esphome"
ESPHOME_UNAVAILABLE = Path(sys.prefix) / "esphome.unavailable"


def _esphome() -> Path:
    """ESPHome's command, or a skip (a failure on CI's 3.13 lane) saying why not."""
    if ESPHOME.exists():
        return ESPHOME
    reason = (
        ESPHOME_UNAVAILABLE.read_text(encoding="utf-8").strip()
        if ESPHOME_UNAVAILABLE.exists()
        else f"scripts/setup has not installed it into {ESPHOME.parent.parent}"
    )
    if os.environ.get("CI") and sys.version_info < (3, 14):
        pytest.fail(f"ESPHome must run on this lane, but it is missing: {reason}")
    pytest.skip(f"ESPHome is not installed for this Python: {reason}")


def _esphome_config(tmp_path: Path, yaml_text: str) -> subprocess.CompletedProcess[str]:
    """Run ``esphome config`` on ``yaml_text`` in a folder of its own, with secrets."""
    (tmp_path / "secrets.yaml").write_text(
        'wifi_ssid: "Espresso"\nwifi_password: "not-a-real-one"\n', encoding="utf-8"
    )
    config = tmp_path / "espresso-pump.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    return subprocess.run(
        [str(_esphome()), "config", str(config)],
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path), "PLATFORMIO_CORE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_esphome_snippet_is_valid(tmp_path: Path) -> None:
    result = _esphome_config(tmp_path, ESPHOME_SNIPPET.read_text(encoding="utf-8"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Configuration is valid!" in output
    # The validated configuration, as ESPHome read it: the limit is there.
    validated = result.stdout
    assert "mode: restart" in validated
    assert "delay: 60s" in validated
    assert "restore_mode: ALWAYS_OFF" in validated


def test_esphome_refuses_a_broken_snippet(tmp_path: Path) -> None:
    """The check is real: a wrong script mode is refused."""
    broken = ESPHOME_SNIPPET.read_text(encoding="utf-8").replace(
        "mode: restart", "mode: sometimes"
    )
    result = _esphome_config(tmp_path, broken)
    assert result.returncode != 0
    assert "sometimes" in result.stdout + result.stderr
    shutil.rmtree(tmp_path, ignore_errors=True)


def _mqtt_switch_schema() -> Callable[[Any], Any]:
    try:
        from homeassistant.components.mqtt.switch import (
            PLATFORM_SCHEMA_MODERN,
        )
    except ImportError as err:  # pragma: no cover (a Home Assistant that moved it)
        pytest.skip(f"Home Assistant's MQTT switch schema is not where it was: {err}")
    # A voluptuous schema, a probatio one from Home Assistant 2026: a validator.
    schema: Callable[[Any], Any] = PLATFORM_SCHEMA_MODERN
    return schema


def test_zigbee2mqtt_switch_is_valid_and_carries_on_time() -> None:
    config = json_object(parse_yaml(Z2M_SNIPPET.read_text(encoding="utf-8")))
    switches = config["mqtt"]["switch"]
    assert len(switches) == 1
    validated = _mqtt_switch_schema()(switches[0])
    assert json.loads(validated["payload_on"]) == {"state": "ON", "on_time": 60}
    assert json.loads(validated["payload_off"]) == {"state": "OFF"}
    assert validated["command_topic"].endswith("/set")
    with pytest.raises(vol.Invalid):
        _mqtt_switch_schema()({**switches[0], "on_time": 60})  # not an MQTT option


@pytest.mark.parametrize("snippet", [ESPHOME_SNIPPET, Z2M_SNIPPET])
def test_readme_shows_the_checked_snippets(snippet: Path) -> None:
    """The README carries each file as it is, so what users copy is what was checked."""
    readme = README.read_text(encoding="utf-8")
    assert f"```yaml\n{snippet.read_text(encoding='utf-8')}```" in readme
    assert f"(docs/snippets/{snippet.name})" in readme


def test_readme_tasmota_pulse_time_is_sixty_seconds() -> None:
    """``PulseTime`` above 111 counts seconds plus 100: 160 is the minute the README says."""
    readme = README.read_text(encoding="utf-8")
    assert "PulseTime1 160" in readme
    value = 160
    assert (value / 10 if value <= 111 else value - 100) == 60
