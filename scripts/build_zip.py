"""Build dist/beod_qgis-<version>.zip: one top folder ``beod_qgis/`` holding only
what runs in QGIS (no tests, emulator, development files or caches). The translations
(``i18n/*.qm``) are compiled from the ``.ts`` files with lrelease on the way."""

import argparse
import configparser
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translations import release_all  # noqa: E402  (a sibling script)

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_NAME = "beod_qgis"
# What the plugin is made of; everything else in the repository stays out.
INCLUDED = ["metadata.txt", "__init__.py", "plugin.py", "LICENSE", "README.md",
            "ui", "core", "beod", "icons", "processing_provider", "i18n"]
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts", ".pro", ".orig", ".rej", ".swp"}
EXCLUDED_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", "tests"}


def plugin_version(root: Path = ROOT) -> str:
    parser = configparser.ConfigParser()
    parser.read(root / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def plugin_files(root: Path = ROOT):
    """Yield (path on disk, path inside the plugin folder), sorted."""
    found = []
    for name in INCLUDED:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for sub in path.rglob("*"):
                rel_parts = sub.relative_to(root).parts
                if sub.is_file() and not EXCLUDED_DIRS.intersection(rel_parts) \
                        and sub.suffix not in EXCLUDED_SUFFIXES:
                    found.append(sub)
    for path in sorted(found):
        yield path, path.relative_to(root).as_posix()


def build_zip(out_dir: Path, root: Path = ROOT) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN_NAME}-{plugin_version(root)}.zip"
    with tempfile.TemporaryDirectory(prefix="beod-qm-") as qm_dir, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, rel in plugin_files(root):
            if path.suffix != ".qm":  # built fresh from the .ts below
                archive.write(path, f"{PLUGIN_NAME}/{rel}")
        for qm_file in release_all(Path(qm_dir), root):
            archive.write(qm_file, f"{PLUGIN_NAME}/i18n/{qm_file.name}")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "dist"), help="output folder")
    args = parser.parse_args(argv)
    target = build_zip(Path(args.out))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
