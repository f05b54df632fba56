#!/usr/bin/env python3
"""Write the dashboard card in German and Italian from the English one.

The card (docs/dashboard.yaml) is built from Home Assistant's own cards, whose
texts cannot be looked up in the integration's translations, so each language
gets a copy. The copies are made here, never by hand, so that they keep the
English card's structure: only the tiles' and rows' names and the phrases of
the markdown change. The names are the entities' own translated names where
the card uses them (tests/test_dashboard.py checks it).

    python3 scripts/translate_card.py           # rewrite the copies
    python3 scripts/translate_card.py --check   # exit 1 if a copy is stale
"""

from __future__ import annotations

import argparse
from pathlib import Path
import re
import sys

DOCS = Path(__file__).resolve().parent.parent / "docs"
ENGLISH = DOCS / "dashboard.yaml"

# The names of tiles and rows (a whole ``name:`` value), by language.
NAMES: dict[str, dict[str, str]] = {
    "de": {
        "Backflush": "Rückspülung",
        "Keep on": "Anlassen",
        "Continue backflush": "Rückspülung fortsetzen",
        "Abort backflush": "Rückspülung abbrechen",
        "Start backflush": "Rückspülung starten",
        "Flush group": "Brühgruppe spülen",
        "Power": "Stromversorgung",
        "Pump": "Pumpe",
        "Power draw": "Leistungsaufnahme",
        "Shots": "Bezüge",
        "Progress": "Fortschritt",
        "Shots since backflush": "Bezüge seit Rückspülung",
        "Backflush due": "Rückspülung fällig",
        "Descale due": "Entkalkung fällig",
        "Next descale": "Nächste Entkalkung",
    },
    "it": {
        "Backflush": "Controlavaggio",
        "Keep on": "Tieni accesa",
        "Continue backflush": "Continua controlavaggio",
        "Abort backflush": "Annulla controlavaggio",
        "Start backflush": "Avvia controlavaggio",
        "Flush group": "Lava il gruppo",
        "Power": "Alimentazione",
        "Pump": "Pompa",
        "Power draw": "Potenza assorbita",
        "Shots": "Erogazioni",
        "Progress": "Avanzamento",
        "Shots since backflush": "Erogazioni dall'ultimo controlavaggio",
        "Backflush due": "Controlavaggio da fare",
        "Descale due": "Decalcificazione da fare",
        "Next descale": "Prossima decalcificazione",
    },
}

# Phrases of the markdown, each on one line of the English card, by language.
PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "Heating, ready at": "Heizt auf, bereit um",
        "{% else %}Heating{%": "{% else %}Heizt auf{%",
        "Switches off at": "Schaltet sich um",
        "unless used.": "ab, falls unbenutzt.",
        "**Backflush due**:": "**Rückspülung fällig**:",
        "shots since the last one.": "Bezüge seit der letzten.",
        "**Descaling due**: last one": "**Entkalkung fällig**: die letzte vor",
        "days ago.": "Tagen.",
        "**Rinse the portafilter**, put it back with the blind basket and no"
        " cleaner, then press **Continue backflush**.": "**Spüle den Siebträger"
        " aus**, setze ihn mit dem Blindsieb ohne Reiniger wieder ein und drücke"
        " dann **Rückspülung fortsetzen**.",
        "**Remove the portafilter**, then press **Continue backflush** to rinse"
        " the group.": "**Nimm den Siebträger heraus** und drücke dann"
        " **Rückspülung fortsetzen**, um die Brühgruppe zu spülen.",
        "# ☕ Brew on": "# ☕ Bezug starten",
        "# ✋ Brew off": "# ✋ Bezug stoppen",
        '"until brew off"': '"bis zum Stoppen"',
        '"until brew on"': '"bis zum Starten"',
        "Not checked: no brew sensor, and the power meter cannot tell the pump.": (
            "Nicht geprüft: kein Brühsensor, und der Leistungsmesser erkennt die"
            " Pumpe nicht."
        ),
    },
    "it": {
        "Heating, ready at": "In riscaldamento, pronta alle",
        "{% else %}Heating{%": "{% else %}In riscaldamento{%",
        "Switches off at": "Si spegne alle",
        "unless used.": "se non usata.",
        "**Backflush due**:": "**Controlavaggio da fare**:",
        "shots since the last one.": "erogazioni dall'ultimo.",
        "**Descaling due**: last one": "**Decalcificazione da fare**: l'ultima",
        "days ago.": "giorni fa.",
        "**Rinse the portafilter**, put it back with the blind basket and no"
        " cleaner, then press **Continue backflush**.": "**Sciacqua il"
        " portafiltro**, rimettilo con il filtro cieco senza detergente, poi"
        " premi **Continua controlavaggio**.",
        "**Remove the portafilter**, then press **Continue backflush** to rinse"
        " the group.": "**Togli il portafiltro**, poi premi **Continua"
        " controlavaggio** per lavare il gruppo.",
        "# ☕ Brew on": "# ☕ Avvia l'erogazione",
        "# ✋ Brew off": "# ✋ Ferma l'erogazione",
        '"until brew off"': '"allo stop"',
        '"until brew on"': '"all\'avvio"',
        "Not checked: no brew sensor, and the power meter cannot tell the pump.": (
            "Non verificato: nessun sensore di erogazione, e il misuratore di"
            " potenza non distingue la pompa."
        ),
    },
}

HEADER = {
    "de": "# Deutsch. Nicht von Hand ändern: scripts/translate_card.py schreibt"
    " diese Datei aus docs/dashboard.yaml.\n",
    "it": "# Italiano. Non modificare a mano: scripts/translate_card.py scrive"
    " questo file da docs/dashboard.yaml.\n",
}

_NAME = re.compile(r"^(\s*name: )(.+)$", re.MULTILINE)


def translated_path(language: str) -> Path:
    """Where the card in ``language`` lives."""
    return DOCS / f"dashboard.{language}.yaml"


def translate(english: str, language: str) -> str:
    """The card in ``language``; a name or phrase it does not know is an error."""
    names = NAMES[language]

    def name(match: re.Match[str]) -> str:
        if match[2] not in names:
            raise KeyError(f"no {language} name for {match[2]!r}")
        return match[1] + names[match[2]]

    text = _NAME.sub(name, english)
    # Longest first: a phrase may hold a shorter one.
    for phrase in sorted(PHRASES[language], key=len, reverse=True):
        if phrase not in text:
            raise KeyError(f"{phrase!r} is not in the English card")
        text = text.replace(phrase, PHRASES[language][phrase])
    return HEADER[language] + text


def main() -> int:
    """Rewrite the copies, or with ``--check`` report the stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    english = ENGLISH.read_text(encoding="utf-8")
    stale = []
    for language in NAMES:
        path = translated_path(language)
        text = translate(english, language)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)} (run scripts/translate_card.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
