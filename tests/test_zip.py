"""The release zip (``make zip``): what a user installs with "Install from ZIP" in QGIS."""

import configparser
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP = "beod_qgis/"

# Fields plugins.qgis.org and qgis-plugin-ci need to publish a plugin.
REQUIRED_FIELDS = ["name", "qgisMinimumVersion", "qgisMaximumVersion", "description", "about", "version",
                   "author", "email", "repository", "tracker", "homepage", "icon", "category", "tags",
                   "changelog", "hasProcessingProvider"]
# Nothing of the development set-up may ship.
FORBIDDEN_PARTS = {"tests", "scripts", "emulator", ".git", ".ci", ".venv", "dist", "docs", "__pycache__",
                   ".pytest_cache", ".ruff_cache", "demo-output", "bench-output"}
FORBIDDEN_NAMES = {"Makefile", "pyproject.toml", "requirements-dev.txt", ".gitignore", ".secrets.baseline",
                   "conftest.py", ".deps.stamp"}
FORBIDDEN_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".swp"}


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory) -> Path:
    """Run the same command as ``make zip`` into a temporary folder."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_zip.py"), "--out", str(out)],
                            capture_output=True, text=True, check=True)
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def names(release_zip) -> list:
    with zipfile.ZipFile(release_zip) as archive:
        assert archive.testzip() is None
        return archive.namelist()


@pytest.fixture(scope="module")
def metadata(release_zip) -> configparser.SectionProxy:
    parser = configparser.ConfigParser()
    with zipfile.ZipFile(release_zip) as archive:
        parser.read_string(archive.read(TOP + "metadata.txt").decode("utf-8"))
    return parser["general"]


def client_version() -> str:
    text = (ROOT / "beod" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def test_zip_is_named_after_the_version(release_zip, metadata):
    assert release_zip.name == f"beod_qgis-{metadata['version']}.zip"


def test_single_top_folder(names):
    assert names
    assert all(name.startswith(TOP) for name in names), [n for n in names if not n.startswith(TOP)]
    assert not any(".." in Path(name).parts or name.startswith("/") for name in names)


def test_runtime_files_present(names):
    for required in ("metadata.txt", "__init__.py", "plugin.py", "LICENSE", "icons/beod.svg",
                     "beod/__init__.py", "core/__init__.py", "ui/__init__.py",
                     "processing_provider/__init__.py"):
        assert TOP + required in names, required


def test_only_runtime_files(names):
    for name in names:
        parts = Path(name).parts[1:]
        assert not FORBIDDEN_PARTS.intersection(parts), name
        assert parts[-1] not in FORBIDDEN_NAMES, name
        assert Path(name).suffix not in FORBIDDEN_SUFFIXES, name


def test_python_files_compile(release_zip, names):
    with zipfile.ZipFile(release_zip) as archive:
        for name in names:
            if name.endswith(".py"):
                compile(archive.read(name), name, "exec")


def test_metadata_complete(metadata):
    missing = [field for field in REQUIRED_FIELDS if not metadata.get(field, "").strip()]
    assert missing == []
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["qgisMaximumVersion"] == "4.99"
    assert metadata["category"] == "Web"
    assert metadata["hasProcessingProvider"].lower() in ("yes", "true")
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", metadata["email"])
    for url_field in ("repository", "tracker", "homepage"):
        assert metadata[url_field].startswith("https://"), url_field
    assert len(metadata["about"]) > len(metadata["description"])
    assert metadata["version"] in metadata["changelog"]


def test_icon_is_in_the_zip(metadata, names):
    assert TOP + metadata["icon"] in names


def test_version_matches_the_client(metadata):
    assert metadata["version"] == client_version()


def test_license_is_gpl(release_zip):
    with zipfile.ZipFile(release_zip) as archive:
        text = archive.read(TOP + "LICENSE").decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 2" in text


def test_french_translation_is_compiled_into_the_zip(release_zip, names, tmp_path):
    """``make zip`` builds i18n/beod_fr.qm from the .ts (which itself stays out)."""
    from qgis.PyQt.QtCore import QTranslator

    assert TOP + "i18n/beod_fr.qm" in names
    assert not [name for name in names if name.endswith(".ts")]
    with zipfile.ZipFile(release_zip) as archive:
        archive.extract(TOP + "i18n/beod_fr.qm", tmp_path)
    translator = QTranslator()
    assert translator.load(str(tmp_path / TOP / "i18n" / "beod_fr.qm"))
    assert translator.translate("BEOD", "Sign in first.") == "Connectez-vous d'abord."
