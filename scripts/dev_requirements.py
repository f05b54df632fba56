"""Install the Python packages the development configuration's integrations need.

scripts/develop runs this with the venv's Python before starting Home
Assistant: the test requirements bring Home Assistant itself, not e.g. the
frontend's package, which Home Assistant would otherwise install silently in
the middle of its first start. Reads the top-level keys of
CONFIG/configuration.yaml, follows the integrations' dependencies, and pip
installs (with Home Assistant's own constraints) whatever is missing, along
with what the integrations Home Assistant always sets up need. A package that
cannot be installed is only reported: Home Assistant says what it lacks.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
import subprocess
import sys

import homeassistant
from homeassistant.const import Platform
from homeassistant.util.package import is_installed
from homeassistant.util.yaml import load_yaml_dict

HA_DIR = Path(homeassistant.__file__).parent


def manifest(domain: str, config_dir: Path) -> dict[str, object] | None:
    """Return an integration's manifest (custom first, as Home Assistant does)."""
    for folder in (config_dir / "custom_components", HA_DIR / "components"):
        path = folder / domain / "manifest.json"
        if path.is_file():
            loaded: dict[str, object] = json.loads(path.read_text())
            return loaded
    return None


def default_integrations() -> set[str]:
    """Integrations Home Assistant sets up whatever the configuration says.

    Read from homeassistant/bootstrap.py's DEFAULT_INTEGRATIONS without
    importing it (that takes seconds): its strings, plus the entity platforms
    when it includes BASE_PLATFORMS (as 2026 does).
    """
    tree = ast.parse((HA_DIR / "bootstrap.py").read_text())
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if not any(getattr(t, "id", "") == "DEFAULT_INTEGRATIONS" for t in targets):
            continue
        value = getattr(node, "value", None)
        nodes = list(ast.walk(value)) if value is not None else []
        names = {
            n.value
            for n in nodes
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        }
        if any(isinstance(n, ast.Name) and n.id == "BASE_PLATFORMS" for n in nodes):
            names |= {platform.value for platform in Platform}
        return names
    return set()


def requirements(config_dir: Path) -> list[str]:
    """All requirements of the configured integrations and their dependencies."""
    config = load_yaml_dict(config_dir / "configuration.yaml")
    todo = [key.split(" ")[0] for key in config if key != "homeassistant"]
    # Custom integrations are set up from config entries, not from YAML.
    custom = config_dir / "custom_components"
    todo += sorted(path.parent.name for path in custom.glob("*/manifest.json"))
    # Set up whatever the configuration says (e.g. all entity platforms in 2026).
    todo += sorted(default_integrations())
    seen: set[str] = set()
    found: list[str] = []
    while todo:
        domain = todo.pop()
        if domain in seen:
            continue
        seen.add(domain)
        data = manifest(domain, config_dir)
        if data is None:
            print(f"dev_requirements: no integration named {domain!r}", file=sys.stderr)
            continue
        found.extend(str(req) for req in data.get("requirements", []) or [])  # type: ignore[attr-defined]
        todo.extend(str(dep) for dep in data.get("dependencies", []) or [])  # type: ignore[attr-defined]
    return sorted(set(found))


def main() -> int:
    """Install what is missing; report what could not be."""
    config_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "config")
    missing = [req for req in requirements(config_dir) if not is_installed(req)]
    if not missing:
        return 0
    print(f"dev_requirements: installing {' '.join(missing)}", flush=True)
    command = [sys.executable, "-m", "pip", "install", "--quiet"]
    command += ["--constraint", str(HA_DIR / "package_constraints.txt")]
    if subprocess.call([*command, *missing]) == 0:
        return 0
    # One at a time, to get all that can be installed.
    failed = [req for req in missing if subprocess.call([*command, req]) != 0]
    if failed:
        print(
            f"dev_requirements: could not install {' '.join(failed)}; the "
            "integrations needing them will fail to set up (see above)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
