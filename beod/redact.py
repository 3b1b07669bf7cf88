"""Keep secrets out of messages, logs and reprs.

``redact(text)`` removes what must never be shown: the query string of any URL or
absolute path (a presigned URL's signature lives there), bearer tokens, JSON/form fields named like
secrets, and every value registered with :func:`register_secret` (the password and
tokens the client handles).
"""

import re
import threading

REDACTED = "***"

# A "word" ends at whitespace, a quote or an angle bracket; a query string ends with its word.
_WORD_BREAKS = re.compile(r"([\s\"'<>]+)")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
_SECRET_FIELDS = re.compile(
    r"(?i)([\"']?(?:access_token|refresh_token|id_token|token|password|passwd|secret|signature"
    r"|x-amz-signature|x-amz-credential|x-amz-security-token|continuation_token)[\"']?\s*[:=]\s*)"
    r"(\"[^\"]*\"|'[^']*'|[^\s,&;}\]]+)")

_lock = threading.Lock()
_secrets = set()


def register_secret(value) -> None:
    """Remember ``value`` (a password or token) so :func:`redact` hides it anywhere."""
    if isinstance(value, str) and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def forget_secret(value) -> None:
    """Stop hiding ``value`` (it is no longer in use)."""
    with _lock:
        _secrets.discard(value)


def redact(text) -> str:
    """``text`` as a string with URL query strings, tokens and known secrets replaced."""
    if text is None:
        return ""
    text = str(text)
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    if "?" in text:
        text = "".join(_redact_word_query(word) for word in _WORD_BREAKS.split(text))
    text = _BEARER.sub(lambda m: m.group(1) + " " + REDACTED, text)
    text = _SECRET_FIELDS.sub(lambda m: m.group(1) + REDACTED, text)
    return text


def _query_start(word: str) -> int:
    """Where the query string of a URL (``scheme://...?``) or of an absolute path
    (``/...?``) starts in ``word``; -1 when it has none. One pass: linear in ``word``."""
    armed = word.startswith("/")  # a path at the start of a word
    index = 0
    length = len(word)
    while index < length:
        char = word[index]
        if char == "?":
            if armed:
                return index
            armed = False
        elif char == "#":
            armed = False
        elif char == ":" and word.startswith("//", index + 1) and index and word[index - 1] in _SCHEME_CHARS:
            armed = True
            index += 3
            continue
        elif char == "/" and index and word[index - 1] == "(":
            armed = True
        index += 1
    return -1


def _redact_word_query(word: str) -> str:
    if "?" not in word:
        return word
    start = _query_start(word)
    return word if start < 0 else word[:start] + "?" + REDACTED


def redact_url(url) -> str:
    """``url`` without its query string (the part a presigned URL keeps its signature in)."""
    url = "" if url is None else str(url)
    base = url.split("#", 1)[0]
    if "?" in base:
        return base.split("?", 1)[0] + "?" + REDACTED
    return base


class RedactingFilter:
    """A ``logging`` filter that redacts every record (attach it to a handler)."""

    def filter(self, record) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        return True
