"""The plugin's translation pipeline: extract, update ``i18n/beod_<lang>.ts``, release ``.qm``.

``pylupdate5`` files the strings of our module-level ``tr()`` helper under ``@default`` and
those of ``self.tr()`` under the class name, while the plugin looks every one of them up
in the context ``core.i18n.CONTEXT`` ("BEOD"): its catalogue would never match. This
extractor reads the sources the way the plugin translates them:

- Python (``plugin.py``, ``ui/``, ``core/``, ``processing_provider/``): ``tr("...")`` and
  ``self.tr("...")`` in the helper's context; ``QT_TRANSLATE_NOOP(ctx, "...")`` and
  ``QCoreApplication.translate(ctx, "...")`` in the context they name. A ``def tr`` other
  than ``core/i18n.py``'s must hand its text to that helper, otherwise extraction fails;
  an f-string given to ``tr`` fails too (it could never be looked up);
- Designer forms (``ui/*.ui``): every ``<string>`` not marked ``notr``, in the context of the
  form's class, as ``uic`` translates them;
- styles (``core/styles/*.qml``): the legend labels that hold words, in the helper's context
  (``core.results_load`` translates them when it styles a layer).

``update`` merges a fresh extraction into the ``.ts``: translations are kept, new strings
come in as ``unfinished``, strings no longer in the code are kept as ``vanished`` (lrelease
leaves them out), so it can be re-run whenever strings change. ``check`` lists the strings
without a translation; ``release`` builds the ``.qm`` with Qt's ``lrelease``.

The command line (``beod/``, no Qt) has its own tables, ``beod/i18n_<lang>.py``, keyed by the
English text; ``check`` also lists the texts of ``_()`` calls, progress stages and error
classes missing there.

    python scripts/translations.py update [--lang fr]
    python scripts/translations.py check [--lang fr]
    python scripts/translations.py release [--lang fr] [--out DIR]
"""

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "i18n"
LANGUAGES = ("fr",)
PYTHON_SOURCES = ("plugin.py", "__init__.py", "ui", "core", "processing_provider")
UI_SOURCES = ("ui",)
STYLE_SOURCES = ("core/styles",)
HELPER_MODULE = "core/i18n.py"
TRANSLATE_FUNCTIONS = {"translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"}
TS_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


class ExtractionError(Exception):
    """The sources use translation in a way the catalogue could not follow."""


@dataclass
class Message:
    """One translatable text and where it is used."""

    context: str
    source: str
    comment: str = ""
    locations: List[Tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> Tuple[str, str, str]:
        return self.context, self.source, self.comment


# -- extraction -----------------------------------------------------------------------------------
def helper_context(root: Path = ROOT) -> str:
    """The context ``core/i18n.py`` passes to ``QCoreApplication.translate``."""
    tree = ast.parse((root / HELPER_MODULE).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "CONTEXT" for t in node.targets) \
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node.value.value
    raise ExtractionError(f"{HELPER_MODULE} defines no CONTEXT string")


def _files(root: Path, entries: Iterable[str], suffix: str) -> List[Path]:
    found = []
    for entry in entries:
        path = root / entry
        if path.is_file() and path.suffix == suffix:
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in path.rglob(f"*{suffix}") if "__pycache__" not in p.parts)
    return sorted(found)


def _string(node) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _check_helper(path: Path, rel: str, node: ast.FunctionDef, context: str) -> None:
    """A ``def tr`` outside core/i18n.py must pass its text on to the plugin's helper."""
    if rel == HELPER_MODULE:
        return
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "tr":
            return
    raise ExtractionError(f"{rel}:{node.lineno}: this tr() does not hand its text to core.i18n.tr, so its "
                          f"strings would not be looked up in the context {context!r}")


def extract_python(path: Path, rel: str, context: str, messages: "OrderedDict", dynamic: list) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            _check_helper(path, rel, node, context)
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _call_name(node)
        if name == "tr":
            first = node.args[0]
            if isinstance(first, ast.JoinedStr):
                raise ExtractionError(f"{rel}:{node.lineno}: tr() of an f-string cannot be translated; "
                                      "use tr(\"... {} ...\", value)")
            text = _string(first)
            if text is None:
                dynamic.append(f"{rel}:{node.lineno}")
                continue
            _add(messages, context, text, "", rel, node.lineno)
        elif name in TRANSLATE_FUNCTIONS and len(node.args) >= 2:
            ctx, text = _string(node.args[0]), _string(node.args[1])
            if ctx is None or text is None:
                dynamic.append(f"{rel}:{node.lineno}")
                continue
            comment = _string(node.args[2]) if len(node.args) > 2 and name != "translate" else ""
            _add(messages, ctx, text, comment or "", rel, node.lineno)


def extract_ui(path: Path, rel: str, messages: "OrderedDict") -> None:
    """The strings of a Designer form, in the context ``uic`` uses: the form's class."""
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # noqa: S314 (the repository's own form)
    class_node = root.find("class")
    context = class_node.text.strip() if class_node is not None and class_node.text else ""
    if not context:
        raise ExtractionError(f"{rel}: the form has no <class>")
    lines = text.splitlines()
    searched_from = 0
    for element in root.iter("string"):
        source = element.text or ""
        if not source or element.get("notr") == "true":
            continue
        escaped = _xml_escape(source)
        line = next((i for i in range(searched_from, len(lines)) if f">{escaped}</string>" in lines[i]), None)
        if line is not None:
            searched_from = line
        _add(messages, context, source, element.get("comment", ""), rel, (line or 0) + 1)


def extract_styles(path: Path, rel: str, context: str, messages: "OrderedDict") -> None:
    """Legend labels holding words (``up to 6 m``, ``Water``), not bare numbers."""
    root = ET.parse(path).getroot()  # noqa: S314 (the repository's own style)
    for element in root.iter():
        label = element.get("label")
        if label and any(ch.isalpha() for ch in label) and element.tag in ("range", "category", "rule",
                                                                             "paletteEntry", "item"):
            _add(messages, context, label, "", rel, 0)


def _add(messages: "OrderedDict", context: str, source: str, comment: str, rel: str, line: int) -> None:
    key = (context, source, comment)
    message = messages.get(key)
    if message is None:
        message = messages[key] = Message(context, source, comment)
    if (rel, line) not in message.locations:
        message.locations.append((rel, line))


def extract(root: Path = ROOT) -> Tuple["OrderedDict[Tuple[str, str, str], Message]", List[str]]:
    """Every translatable string of the plugin; also the ``tr`` calls of computed texts."""
    context = helper_context(root)
    messages: OrderedDict[Tuple[str, str, str], Message] = OrderedDict()
    dynamic: List[str] = []
    for path in _files(root, PYTHON_SOURCES, ".py"):
        extract_python(path, path.relative_to(root).as_posix(), context, messages, dynamic)
    for path in _files(root, UI_SOURCES, ".ui"):
        extract_ui(path, path.relative_to(root).as_posix(), messages)
    for path in _files(root, STYLE_SOURCES, ".qml"):
        extract_styles(path, path.relative_to(root).as_posix(), context, messages)
    return messages, dynamic


# -- the .ts file -----------------------------------------------------------------------------------
@dataclass
class Entry:
    """A message of a ``.ts`` file with its translation and state."""

    context: str
    source: str
    comment: str
    translation: str
    kind: str  # "" (finished), "unfinished", "vanished" or "obsolete"


def ts_path(lang: str, root: Path = ROOT) -> Path:
    return root / "i18n" / f"beod_{lang}.ts"


def read_ts(path: Path) -> Dict[Tuple[str, str, str], Entry]:
    entries: Dict[Tuple[str, str, str], Entry] = OrderedDict()
    if not path.is_file():
        return entries
    root = ET.parse(path).getroot()  # noqa: S314 (the repository's own catalogue)
    for context in root.findall("context"):
        name = context.findtext("name", "")
        for message in context.findall("message"):
            source = message.findtext("source", "")
            comment = message.findtext("comment", "")
            translation_node = message.find("translation")
            translation = (translation_node.text or "") if translation_node is not None else ""
            kind = translation_node.get("type", "") if translation_node is not None else "unfinished"
            entries[(name, source, comment)] = Entry(name, source, comment, translation, kind)
    return entries


def _xml_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def write_ts(path: Path, lang: str, messages, entries: Dict[Tuple[str, str, str], Entry]) -> None:
    """Write the catalogue: current messages in extraction order per context, then the
    vanished ones (translations kept for strings that may come back)."""
    by_context: OrderedDict[str, list] = OrderedDict()
    for key, message in messages.items():
        by_context.setdefault(message.context, []).append((message, entries.get(key)))
    for key, entry in entries.items():
        if key not in messages and entry.translation:
            by_context.setdefault(entry.context, []).append((None, entry))
    out = [TS_HEADER, f'<TS version="2.1" language="{lang}" sourcelanguage="en">\n']
    for context, items in by_context.items():
        out.append("<context>\n")
        out.append(f"    <name>{_xml_escape(context)}</name>\n")
        for message, entry in items:
            out.append("    <message>\n")
            if message is not None:
                for rel, line in message.locations:
                    out.append(f'        <location filename="../{rel}" line="{line}"/>\n')
                source, comment = message.source, message.comment
            else:
                source, comment = entry.source, entry.comment
            out.append(f"        <source>{_xml_escape(source)}</source>\n")
            if comment:
                out.append(f"        <comment>{_xml_escape(comment)}</comment>\n")
            translation = entry.translation if entry is not None else ""
            if message is None:
                kind = "vanished"
            elif not translation or entry.kind == "unfinished":
                kind = "unfinished"
            else:
                kind = ""
            type_attr = f' type="{kind}"' if kind else ""
            out.append(f"        <translation{type_attr}>{_xml_escape(translation)}</translation>\n")
            out.append("    </message>\n")
        out.append("</context>\n")
    out.append("</TS>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")


def update(lang: str, root: Path = ROOT) -> Tuple[int, int]:
    """Merge a fresh extraction into the ``.ts`` of ``lang``; (strings, untranslated)."""
    messages, _ = extract(root)
    path = ts_path(lang, root)
    entries = read_ts(path)
    # A string that comes back (or was vanished in another branch) gets its translation again.
    for key, entry in entries.items():
        if entry.kind in ("vanished", "obsolete") and key in messages and entry.translation:
            entry.kind = ""
    write_ts(path, lang, messages, entries)
    return len(messages), len(missing_translations(lang, root, messages))


def missing_translations(lang: str, root: Path = ROOT, messages=None) -> List[Message]:
    """The strings of the code with no finished translation in the ``.ts`` of ``lang``."""
    if messages is None:
        messages, _ = extract(root)
    entries = read_ts(ts_path(lang, root))
    missing = []
    for key, message in messages.items():
        entry = entries.get(key)
        if entry is None or not entry.translation.strip() \
                or entry.kind in ("unfinished", "vanished", "obsolete"):
            missing.append(message)
    return missing


# -- .qm --------------------------------------------------------------------------------------------
def lrelease_command() -> Optional[str]:
    for name in ("lrelease", "lrelease-qt5"):
        found = shutil.which(name)
        if found:
            return found
    candidate = Path("/usr/lib/qt5/bin/lrelease")
    return str(candidate) if candidate.is_file() else None


def release(lang: str, out_dir: Path, root: Path = ROOT) -> Path:
    """Build ``beod_<lang>.qm`` from the ``.ts`` into ``out_dir`` with Qt's lrelease."""
    tool = lrelease_command()
    if tool is None:
        raise ExtractionError("lrelease not found: install qttools5-dev-tools (make deps)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"beod_{lang}.qm"
    result = subprocess.run([tool, "-silent", "-nounfinished",
                             str(ts_path(lang, root)), "-qm", str(target)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not target.is_file():
        raise ExtractionError(f"lrelease failed: {result.stderr.strip() or result.stdout.strip()}")
    return target


def release_all(out_dir: Path, root: Path = ROOT) -> List[Path]:
    return [release(lang, out_dir, root) for lang in LANGUAGES if ts_path(lang, root).is_file()]


# -- the command line's own table (beod/, no Qt) ------------------------------------------------------
CLI_SOURCES = ("beod",)


def _module_strings(tree) -> Dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and _string(node.value) is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def cli_strings(root: Path = ROOT) -> "OrderedDict[str, List[Tuple[str, int]]]":
    """The texts of the command line in English: ``_()`` calls (of literals or module-level
    constants), the ``STAGE_TITLES`` of ``beod/cli.py`` and the ``default_message`` of every
    error class of ``beod/errors.py``; each with its locations."""
    found: OrderedDict[str, List[Tuple[str, int]]] = OrderedDict()
    for path in _files(root, CLI_SOURCES, ".py"):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        constants = _module_strings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and (
                    (isinstance(node.func, ast.Name) and node.func.id == "_")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "_")):
                first = node.args[0]
                text = _string(first)
                if text is None and isinstance(first, ast.Name):
                    text = constants.get(first.id)
                if text is None:  # a computed text: one of the tables read below
                    continue
                found.setdefault(text, []).append((rel, node.lineno))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) \
                    and any(getattr(t, "id", None) == "STAGE_TITLES" for t in node.targets):
                for value in node.value.values:
                    if _string(value) is not None:
                        found.setdefault(value.value, []).append((rel, value.lineno))
            elif isinstance(node, ast.ClassDef) and rel.endswith("errors.py"):
                for item in node.body:
                    if isinstance(item, ast.Assign) and _string(item.value) is not None \
                            and any(getattr(t, "id", None) == "default_message" for t in item.targets):
                        found.setdefault(item.value.value, []).append((rel, item.lineno))
    return found


def cli_table(lang: str, root: Path = ROOT) -> Dict[str, str]:
    """The ``FR``-style table of ``beod/i18n_<lang>.py``, read without importing it."""
    path = root / "beod" / f"i18n_{lang}.py"
    if not path.is_file():
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            return ast.literal_eval(node.value)
    return {}


def missing_cli_translations(lang: str, root: Path = ROOT) -> List[Tuple[str, List[Tuple[str, int]]]]:
    table = cli_table(lang, root)
    return [(text, where) for text, where in cli_strings(root).items() if not table.get(text, "").strip()]


# -- command line -------------------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "check", "release", "list"))
    parser.add_argument("--lang", action="append", help="language code (default: every language)")
    parser.add_argument("--out", default=str(I18N_DIR), help="folder of the .qm files (release)")
    parser.add_argument("--root", default=str(ROOT), help="the plugin's source folder")
    args = parser.parse_args(argv)
    langs = args.lang or list(LANGUAGES)
    root = Path(args.root)
    try:
        if args.command == "list":
            messages, dynamic = extract(root)
            for message in messages.values():
                print(f"{message.context}\t{message.source!r}")
            print(f"{len(messages)} strings; computed texts at: {', '.join(dynamic)}", file=sys.stderr)
            return 0
        status = 0
        for lang in langs:
            if args.command == "update":
                total, missing = update(lang, root)
                name = ts_path(lang, root).relative_to(root)
                print(f"{name}: {total} strings, {missing} without translation")
            elif args.command == "check":
                missing = missing_translations(lang, root)
                for message in missing:
                    where = ", ".join(f"{rel}:{line}" for rel, line in message.locations[:3])
                    print(f"{lang}: no translation for [{message.context}] {message.source!r} ({where})")
                cli_missing = missing_cli_translations(lang, root) if (root / "beod").is_dir() else []
                for text, places in cli_missing:
                    where = ", ".join(f"{rel}:{line}" for rel, line in places[:3])
                    print(f"{lang}: no translation in beod/i18n_{lang}.py for {text!r} ({where})")
                status = status or (1 if missing or cli_missing else 0)
            else:
                print(release(lang, Path(args.out), root))
        return status
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
