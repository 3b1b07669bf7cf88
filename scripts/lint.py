"""Lint the repository the way plugins.qgis.org and our rules need it; exit non-zero on any finding.

Checks, in order (all run; every failure is printed):
1. ruff (configuration in pyproject.toml) over the whole repository;
2. bandit over the plugin code (the files that go into the release zip, as plugins.qgis.org scans it);
3. detect-secrets: a clean scan of every tracked or new file (fake test passwords carry
   ``# pragma: allowlist secret``);
4. no module imports PyQt5/PyQt6/PySide directly (the plugin must use ``qgis.PyQt``);
5. no unscoped Qt enum (``Qt.AlignLeft``): Qt 6 (QGIS 4) only knows ``Qt.AlignmentFlag.AlignLeft``.
"""

import ast
import json
import subprocess  # nosec B404: runs the lint tools of the virtual environment
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_zip  # noqa: E402

BIN = Path(sys.executable).parent
FORBIDDEN_QT = ("PyQt4", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip")
SKIP_DIRS = {".git", ".venv", "dist", "__pycache__", ".pytest_cache", ".ruff_cache", "demo-output",
             "bench-output"}


def repository_files() -> list:
    """Tracked files plus new files git does not ignore (falls back to walking the tree)."""
    try:
        out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                             capture_output=True, check=True).stdout
        names = [name for name in out.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
                 if p.is_file() and not SKIP_DIRS.intersection(p.relative_to(ROOT).parts)]
    return sorted(name for name in names if (ROOT / name).is_file())


def tool(name: str) -> str:
    """A tool of the virtual environment running this script (or from PATH)."""
    path = BIN / name
    return str(path) if path.exists() else name


def run(label: str, command: list) -> bool:
    print(f"--- {label}: {' '.join(command[:4])}{' ...' if len(command) > 4 else ''}", flush=True)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, flush=True)
    return result.returncode == 0


def check_ruff() -> bool:
    return run("ruff", [tool("ruff"), "check", "--no-cache", "."])


def check_bandit() -> bool:
    files = [rel for _, rel in build_zip.plugin_files(ROOT) if rel.endswith(".py")]
    if not files:
        print("bandit: no plugin Python files found")
        return False
    return run("bandit", [tool("bandit"), "-q", "-f", "txt", *files])


def check_secrets(files: list, root: Path = ROOT) -> bool:
    """Scan ``files`` (paths relative to ``root``; detect-secrets skips files outside it)."""
    print("--- detect-secrets: scan of every repository file", flush=True)
    command = [tool("detect-secrets"), "scan", "--all-files", *files]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr)
        return False
    findings = json.loads(result.stdout).get("results", {})
    for filename, secrets in sorted(findings.items()):
        for secret in secrets:
            print(f"{filename}:{secret['line_number']}: {secret['type']} "
                  "(use an obviously fake value and mark it with '# pragma: allowlist secret')")
    return not findings


def direct_qt_imports(path: Path) -> list:
    """(line, module) for every import of a Qt binding other than qgis.PyQt in ``path``."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        return [(exc.lineno or 0, f"syntax error: {exc.msg}")]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [(node.lineno, m) for m in modules if m.split(".")[0] in FORBIDDEN_QT]
    return found


def check_qt_imports(files: list) -> bool:
    print("--- Qt imports: only through qgis.PyQt", flush=True)
    ok = True
    for rel in files:
        if rel.endswith(".py"):
            for line, module in direct_qt_imports(ROOT / rel):
                print(f"{rel}:{line}: imports {module} directly; use qgis.PyQt")
                ok = False
    return ok


def unscoped_qt_enums(path: Path) -> list:
    """(line, expression) for every Qt enum value named without its enum, e.g. ``Qt.AlignLeft``.

    A Qt class is a name imported from ``qgis.PyQt.<module>`` (or ``QtCore.Qt`` after
    ``from qgis.PyQt import QtCore``). ``Class.Capitalised`` is refused unless it is itself
    qualified further (``Qt.AlignmentFlag.AlignLeft``) or called (a nested class such as
    ``QgsLayoutExporter.ImageExportSettings()``).
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        return [(exc.lineno or 0, f"syntax error: {exc.msg}")]
    classes, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qgis.PyQt"):
            for alias in node.names:
                name = alias.asname or alias.name
                (modules if node.module == "qgis.PyQt" else classes).add(name)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node

    def is_qt_class(node) -> bool:
        if isinstance(node, ast.Name):
            return node.id in classes
        return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr[:1].isupper())

    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr[:1].isupper() and is_qt_class(node.value)):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            continue  # Qt.AlignmentFlag(.AlignLeft)
        if isinstance(parent, ast.Call) and parent.func is node:
            continue  # a nested class or an enum built from a value
        found.append((node.lineno, node.col_offset, ast.unparse(node)))
    return [(line, text) for line, _, text in sorted(found)]


def check_qt_enums(files: list) -> bool:
    print("--- Qt enums: fully scoped (Qt 6)", flush=True)
    ok = True
    for rel in files:
        if rel.endswith(".py"):
            for line, expression in unscoped_qt_enums(ROOT / rel):
                print(f"{rel}:{line}: {expression} is an unscoped Qt enum; name its enum "
                      "(e.g. Qt.AlignmentFlag.AlignLeft), as Qt 6 requires")
                ok = False
    return ok


def main() -> int:
    files = repository_files()
    results = {
        "ruff": check_ruff(),
        "bandit": check_bandit(),
        "detect-secrets": check_secrets(files),
        "Qt imports": check_qt_imports(files),
        "Qt enums": check_qt_enums(files),
    }
    failed = [name for name, ok in results.items() if not ok]
    if failed:
        print(f"LINT FAILED: {', '.join(failed)}")
        return 1
    print("lint: ruff, bandit, detect-secrets, Qt-import and Qt-enum checks all clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
