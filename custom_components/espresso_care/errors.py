"""Translated errors: a refusal that switched nothing, and a relay failure as Home Assistant's error.

Every module that refuses or switches raises these, so a user reads the
reason in their language whichever surface (button, action, voice) asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .relays.base import RelayError


def validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated refusal: nothing was switched."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


@contextmanager
def translate_relay_errors() -> Iterator[None]:
    """Turn a relay failure into a translated Home Assistant error."""
    try:
        yield
    except RelayError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key=err.translation_key,
            translation_placeholders=err.placeholders or None,
        ) from err
