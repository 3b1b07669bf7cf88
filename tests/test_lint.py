"""The lint script catches what plugins.qgis.org and our rules reject."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import lint  # noqa: E402

FAKE_AWS_KEY = "AKIA" + "Q3EXAMPLEFAKEKEY"


def test_direct_pyqt_imports_are_reported(tmp_path):
    module = tmp_path / "widget.py"
    module.write_text(
        "from qgis.PyQt.QtCore import QTimer\n"
        "from PyQt5.QtWidgets import QDialog\n"
        "import PyQt6.QtCore\n"
        "from qgis.PyQt import sip\n",
        encoding="utf-8",
    )
    assert lint.direct_qt_imports(module) == [(2, "PyQt5.QtWidgets"), (3, "PyQt6.QtCore")]


def test_qgis_pyqt_imports_pass(tmp_path):
    module = tmp_path / "ok.py"
    module.write_text("from qgis.PyQt.QtWidgets import QDialog\nfrom .ui import dock\n", encoding="utf-8")
    assert lint.direct_qt_imports(module) == []


def test_secret_in_a_file_fails_the_scan(tmp_path, capsys):
    leaked = tmp_path / "settings.py"
    leaked.write_text(f'KEY = "{FAKE_AWS_KEY}"\n', encoding="utf-8")
    assert lint.check_secrets([leaked.name], root=tmp_path) is False
    assert "AWS Access Key" in capsys.readouterr().out


def test_allowlisted_fake_secret_passes(tmp_path):
    marked = tmp_path / "fixture.py"
    marked.write_text(f'KEY = "{FAKE_AWS_KEY}"  # pragma: allowlist secret\n', encoding="utf-8")
    assert lint.check_secrets([marked.name], root=tmp_path) is True


def test_plugin_code_scanned_by_bandit_is_the_shipped_code():
    shipped = {rel for _, rel in lint.build_zip.plugin_files(lint.ROOT) if rel.endswith(".py")}
    assert "plugin.py" in shipped and "__init__.py" in shipped
    assert not any(rel.startswith(("tests/", "scripts/")) for rel in shipped)
