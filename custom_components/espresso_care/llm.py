"""LLM tools (Home Assistant 2026 and later): the intents, offered to the Assist API.

Since Home Assistant 2026 the Assist LLM API only offers the tools that
integrations return from this ``llm`` platform, named ``<domain>__<name>``.
Home Assistant 2025.x has no such platform and never imports this module: its
Assist API offers every registered intent with a description by itself.
"""

from __future__ import annotations

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, intent
from homeassistant.helpers.llm import (  # type: ignore[attr-defined,unused-ignore]
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
)

from .const import DOMAIN
from .intent import (
    INTENT_ABORT,
    INTENT_CONTINUE,
    INTENT_KEEP_ON,
    INTENT_PULSES_LEFT,
    INTENT_READY,
    INTENT_START,
    INTENT_STATUS,
)

# Every tool acts on the machine's relays through Home Assistant, none reaches
# an outside service. Starting and continuing act again on each call.
TOOLS = {
    INTENT_START: (
        "Start espresso machine cleaning",
        ToolAnnotations(open_world=False),
    ),
    INTENT_CONTINUE: (
        "Continue espresso machine cleaning",
        ToolAnnotations(destructive=False, open_world=False),
    ),
    INTENT_ABORT: (
        "Abort espresso machine cleaning",
        ToolAnnotations(idempotent=True, open_world=False),
    ),
    INTENT_STATUS: (
        "Espresso machine maintenance status",
        ToolAnnotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
    ),
    INTENT_READY: (
        "Espresso machine ready",
        ToolAnnotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
    ),
    INTENT_KEEP_ON: (
        "Keep the espresso machine on",
        ToolAnnotations(destructive=False, idempotent=True, open_world=False),
    ),
    INTENT_PULSES_LEFT: (
        "Espresso machine cleaning pulses left",
        ToolAnnotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
    ),
}


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> LLMTools | None:
    """The machine's tools, when one of its entities is exposed to the assistant."""
    if api_id != LLM_API_ASSIST:
        return None
    registry = er.async_get(hass)
    if not any(
        entity.platform == DOMAIN
        and async_should_expose(hass, llm_context.assistant or "", entity.entity_id)
        for entity in registry.entities.values()
    ):
        return None
    tools: list[Tool] = [
        IntentTool(  # type: ignore[call-arg,unused-ignore]
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            title=TOOLS[handler.intent_type][0],
            integration=DOMAIN,
            annotations=TOOLS[handler.intent_type][1],
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in TOOLS
    ]
    return LLMTools(tools=tools)
