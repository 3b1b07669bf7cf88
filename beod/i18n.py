"""The command line in the user's language, without gettext or QGIS.

``language()`` reads the locale the way POSIX programs do (``LC_ALL``, then ``LC_MESSAGES``,
then ``LANG``; ``LANGUAGE`` takes precedence unless the locale is ``C``/``POSIX``) and ``_()``
looks an English text up in the table of that language, falling back to English. Only what
the command line says to a person goes through ``_()``: help, progress, prompts and errors,
and the client's explanations of an unusable area of interest (``aoi.py``), which the plugin
shows too (it sets the language to QGIS's with ``set_language``). What the command line prints
on the standard output for scripts (``key: value`` lines, tables) stays the same in every
language. The plugin's own texts are translated through Qt (``core/i18n.py``).
"""

import os
from typing import Mapping, Optional

from .i18n_fr import FR

TABLES = {"fr": FR}
_chosen = {"language": None}


def set_language(code: Optional[str]) -> None:
    """Use ``code`` (``fr``, ``en``…) instead of the locale; None goes back to the locale.

    The plugin calls it with QGIS's language, so the client's messages match the panel's."""
    _chosen["language"] = (code or "")[:2].lower() or None


def language(environ: Optional[Mapping[str, str]] = None) -> str:
    """The two-letter language of the user's locale; ``en`` for the C locale or none."""
    if environ is None and _chosen["language"]:
        return _chosen["language"]
    env = os.environ if environ is None else environ
    locale = next((env[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(key)), "")
    if not locale or locale in ("C", "POSIX") or locale.startswith("C."):
        return "en"
    preferred = (env.get("LANGUAGE") or "").split(":")[0] or locale
    return preferred[:2].lower()


def _(text: str, environ: Optional[Mapping[str, str]] = None) -> str:
    """``text`` in the user's language (the English text when there is no translation)."""
    return TABLES.get(language(environ), {}).get(text, text)


def error_text(exc: BaseException, environ: Optional[Mapping[str, str]] = None) -> str:
    """The message of a client error in the user's language.

    The standard sentence of each error class is translated; what follows it (the server's
    explanation, which comes in English) is kept as it is. A message of its own (such as
    "could not reach <server>") comes after the translated sentence of its class, in
    parentheses.
    """
    message = str(exc) or type(exc).__name__
    default = getattr(type(exc), "default_message", None)
    if not default:
        return message
    translated = _(default, environ)
    stem = default.rstrip(".")
    if not message.startswith(stem):
        return message if translated == default else f"{translated} ({message})"
    rest = message[len(stem):]
    if rest in ("", "."):
        return translated
    if rest.startswith(": ") and translated != default and language(environ) == "fr":
        return translated.rstrip(".") + " : " + rest[2:]
    if rest.startswith(":"):
        return translated.rstrip(".") + rest
    return translated + rest[1:] if rest.startswith(".") else translated.rstrip(".") + rest
