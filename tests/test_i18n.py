"""The plugin in French: the catalogue is complete, found under the contexts the plugin looks
strings up in, compiled into the release zip, installed for a French QGIS, and the dock's
Help button opens the guide in the user's language."""

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTranslator, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402

PLACEHOLDER = re.compile(r"\{\}")
TAG = re.compile(r"</?[a-zA-Z]+")


@pytest.fixture(scope="module")
def catalogue():
    messages, dynamic = translations.extract()
    return messages, dynamic


@pytest.fixture(scope="module")
def ts_entries():
    return translations.read_ts(translations.ts_path("fr"))


@pytest.fixture
def french(qgis_app, plugin_zip, tmp_path):
    """The French catalogue of the release zip installed in QGIS, removed afterwards."""
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extract("beod_qgis/i18n/beod_fr.qm", tmp_path)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "beod_qgis" / "i18n" / "beod_fr.qm"))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def user_locale(qgis_app):
    """Set QGIS's ``locale/userLocale`` for one test."""
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)

    def set_locale(value):
        settings.setValue("locale/userLocale", value)

    yield set_locale
    if old is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", old)


# -- the catalogue ---------------------------------------------------------------------------------
def test_every_string_has_a_french_translation():
    """A fresh extraction compared with i18n/beod_fr.ts: names every string left without French.

    After adding or changing strings: ``make translations``, then translate the strings it lists
    in i18n/beod_fr.ts (Qt Linguist or any text editor) and drop their ``type="unfinished"``."""
    missing = translations.missing_translations("fr")
    listed = "\n".join(f"  [{m.context}] {m.source!r} ({', '.join(f'{r}:{n}' for r, n in m.locations[:2])})"
                       for m in missing)
    assert not missing, f"{len(missing)} string(s) without a French translation:\n{listed}"


def test_translations_keep_placeholders_and_markup(catalogue, ts_entries):
    messages, _ = catalogue
    wrong = []
    for key, message in messages.items():
        entry = ts_entries.get(key)
        if entry is None or not entry.translation:
            continue
        if len(PLACEHOLDER.findall(message.source)) != len(PLACEHOLDER.findall(entry.translation)) \
                or TAG.findall(message.source) != TAG.findall(entry.translation) \
                or message.source.count("\n") != entry.translation.count("\n"):
            wrong.append((message.source, entry.translation))
    assert wrong == []


def test_extractor_files_strings_under_the_contexts_the_plugin_uses(catalogue):
    """Module-level tr(), self.tr() of the algorithms, QT_TRANSLATE_NOOP tables and style labels
    in the helper's context; the Designer form under its class, as uic translates it."""
    messages, dynamic = catalogue
    from beod_qgis.core.i18n import CONTEXT
    from beod_qgis.ui import dock

    assert CONTEXT == translations.helper_context()
    form_context = dock.FORM_CLASS.__name__.replace("Ui_", "")
    keys = {(m.context, m.source) for m in messages.values()}
    for expected in ((CONTEXT, "Sign in first (section 1)."),             # tr() in ui/dock.py
                     (CONTEXT, "Run extraction"),                          # self.tr() of an algorithm
                     (CONTEXT, "Land clutter"),                            # QT_TRANSLATE_NOOP table
                     (CONTEXT, "Parks and urban trees"),                   # clutter classes
                     (CONTEXT, "up to 6 m"),                               # building.qml legend
                     (form_context, "2. Area of interest"),                # dock.ui
                     (form_context, "Help")):
        assert expected in keys, expected
    assert {context for context, _ in keys} == {CONTEXT, form_context}
    # the only computed texts are those of the helpers and of tables marked with QT_TRANSLATE_NOOP
    # (ui/view3d.py looks up QGIS's own translation of a label of QGIS's 3D view, to find it)
    allowed = {"core/i18n.py", "core/layer_kinds.py", "core/results_load.py", "processing_provider/base.py",
               "ui/view3d.py"}
    assert {place.split(":")[0] for place in dynamic} <= allowed


def test_extractor_refuses_what_it_cannot_follow(tmp_path):
    (tmp_path / "core").mkdir()
    shutil.copy(ROOT / "core" / "i18n.py", tmp_path / "core" / "i18n.py")
    module = tmp_path / "core" / "sample.py"
    module.write_text('from .i18n import tr\nname = "x"\nTEXT = tr(f"Hello {name}")\n', encoding="utf-8")
    with pytest.raises(translations.ExtractionError, match="f-string"):
        translations.extract(tmp_path)
    module.write_text("class A:\n    def tr(self, text):\n        return text\n", encoding="utf-8")
    with pytest.raises(translations.ExtractionError, match="does not hand its text"):
        translations.extract(tmp_path)


def test_update_keeps_translations_and_names_new_strings(tmp_path, capsys):
    """``make translations`` after a change: French kept, the new string listed, the old one
    kept aside (vanished) so its translation comes back if the string does."""
    (tmp_path / "core").mkdir()
    shutil.copy(ROOT / "core" / "i18n.py", tmp_path / "core" / "i18n.py")
    module = tmp_path / "core" / "sample.py"
    module.write_text('from .i18n import tr\nA = tr("Stop following")\nB = tr("Old text")\n',
                      encoding="utf-8")
    assert translations.update("fr", tmp_path) == (2, 2)
    path = translations.ts_path("fr", tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("<source>Old text</source>\n        <translation type=\"unfinished\"></translation>",
                        "<source>Old text</source>\n        <translation>Ancien texte</translation>")
    path.write_text(text, encoding="utf-8")
    module.write_text('from .i18n import tr\nA = tr("Stop following")\nC = tr("Show in 3D")\n',
                      encoding="utf-8")
    assert translations.update("fr", tmp_path) == (2, 2)
    entries = translations.read_ts(path)
    assert entries[("BEOD", "Old text", "")].translation == "Ancien texte"
    assert entries[("BEOD", "Old text", "")].kind == "vanished"
    assert {m.source for m in translations.missing_translations("fr", tmp_path)} == {"Stop following",
                                                                                     "Show in 3D"}
    module.write_text('from .i18n import tr\nB = tr("Old text")\n', encoding="utf-8")
    translations.update("fr", tmp_path)
    assert translations.missing_translations("fr", tmp_path) == []
    # the check command names what is missing and fails
    module.write_text('from .i18n import tr\nB = tr("Old text")\nD = tr("Brand new")\n', encoding="utf-8")
    translations.update("fr", tmp_path)
    assert translations.main(["check", "--root", str(tmp_path)]) == 1
    assert "'Brand new'" in capsys.readouterr().out


# -- the compiled catalogue in QGIS ------------------------------------------------------------------
def test_release_zip_ships_the_french_catalogue(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
    assert "beod_qgis/i18n/beod_fr.qm" in names
    assert not [name for name in names if name.endswith(".ts")]


def test_french_strings_in_code_form_layers_and_processing(french, qgis_iface):
    from beod_qgis.core.i18n import tr
    from beod_qgis.core.layer_kinds import clutter_class_title, hillshade_title, kind_for
    from beod_qgis.processing_provider.run_extraction import RunExtractionAlgorithm
    from beod_qgis.ui import dock

    assert tr("Sign in first (section 1).") == "Connectez-vous d'abord (section 1)."
    assert tr("Credits: {} before, {} now.", 10, 8) == "Crédits : 10 avant, 8 maintenant."
    assert [kind_for(name).title for name in ("building", "tree", "road", "clutter", "dtm")] == \
        ["Bâti", "Végétation", "Routes", "Occupation du sol", "Terrain (MNT)"]
    assert hillshade_title() == "Terrain (ombrage)"
    assert clutter_class_title(1) == "Eau"
    widget = QWidget()
    form = dock.FORM_CLASS()
    form.setupUi(widget)
    assert form.aoiGroup.title() == "2. Zone d'intérêt"
    assert form.helpButton.text() == "Aide"
    algorithm = RunExtractionAlgorithm()
    assert algorithm.displayName() == "Lancer l'extraction"
    assert "Zone d'intérêt" in algorithm.shortHelpString()


def test_building_legend_in_french(french, tmp_path):
    from beod_qgis.core.results_load import apply_kind_style
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:3857&field=height:double", "b", "memory")
    assert apply_kind_style(layer, "building")
    labels = [item.label() for item in layer.renderer().ranges()]
    assert labels[0] == "jusqu'à 6 m" and labels[-1] == "plus de 60 m"


def test_plugin_installs_french_for_a_french_qgis(qgis_iface, user_locale):
    from beod_qgis.beod import i18n as client_i18n
    from beod_qgis.core.i18n import tr
    from beod_qgis.plugin import BeodPlugin

    user_locale("fr_FR")
    plugin = BeodPlugin(qgis_iface)
    try:
        assert plugin.translator is not None
        assert tr("Sign in first.") == "Connectez-vous d'abord."
        assert client_i18n.language() == "fr"  # the client's area messages too
    finally:
        if plugin.translator is not None:
            QCoreApplication.removeTranslator(plugin.translator)
    assert tr("Sign in first.") == "Sign in first."
    user_locale("en_US")
    assert BeodPlugin(qgis_iface).translator is None
    assert client_i18n.language() == "en"


# -- the guide ------------------------------------------------------------------------------------------
class UrlCatcher(QObject):
    """Receives what QDesktopServices.openUrl would give the web browser."""

    def __init__(self):
        super().__init__()
        self.urls = []

    @pyqtSlot(QUrl)
    def open(self, url):
        self.urls.append(url.toString())


def test_guides_exist_and_homepage_points_to_one():
    import configparser

    from beod_qgis.core.i18n import GUIDES, guide_url

    for path in GUIDES.values():
        assert (ROOT / path).is_file(), path
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    repository = parser["general"]["repository"]
    english = f"{repository}/blob/main/docs/user-guide.md"
    assert parser["general"]["homepage"] == guide_url("en", ROOT) == english
    assert guide_url("fr", ROOT) == f"{repository}/blob/main/docs/guide-utilisateur.md"
    assert guide_url("de", ROOT) == guide_url("en", ROOT)
    # QGIS's plugin manager shows these to a user whose system is in French
    assert "bâti" in parser["general"]["description[fr]"]
    assert "guide-utilisateur" in parser["general"]["about[fr]"]


@pytest.mark.parametrize("locale, guide", [("fr_FR", "guide-utilisateur.md"), ("en_GB", "user-guide.md")])
def test_help_button_opens_the_guide_in_the_users_language(qgis_iface, qgis_new_project, user_locale,
                                                          locale, guide):
    from beod_qgis.ui.dock import BeodDock
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest

    user_locale(locale)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    dock = BeodDock(qgis_iface)
    try:
        dock.show()
        QTest.mouseClick(dock.form.helpButton, Qt.MouseButton.LeftButton)
        assert len(catcher.urls) == 1 and catcher.urls[0].endswith("/docs/" + guide)
    finally:
        QDesktopServices.unsetUrlHandler("https")
        dock.cleanup()
        dock.deleteLater()


def test_numbers_use_the_users_decimal_separator(qgis_app, user_locale):
    from beod_qgis.core.tasks import _number
    from beod_qgis.ui.account_panel import format_credits
    from beod_qgis.ui.aoi_panel import _area

    user_locale("fr_FR")
    assert format_credits(999994.22) == "999 994,22" and _area(0.578) == "0,578"
    # a run's cost and balances, as its message says them
    assert (_number(5.78), _number(999994.22), _number(1000000.0)) == ("5,78", "999 994,22", "1 000 000")
    user_locale("en_GB")
    assert format_credits(999994.22) == "999 994.22" and _area(12.5) == "12.50"
    assert (_number(5.78), _number(999994.22), _number(1000000.0)) == ("5.78", "999,994.22", "1,000,000")


def test_dock_explains_client_errors_in_french(french):
    from beod_qgis.beod import errors
    from beod_qgis.beod import i18n as client_i18n
    from beod_qgis.ui.messages import describe_error

    client_i18n.set_language("fr")
    try:
        credits = describe_error(errors.InsufficientCreditsError(details="this run costs 12 credits"))
        assert credits == ("Pas assez de crédits pour cette extraction : ajoutez des crédits ou "
                           "choisissez une zone plus petite. (this run costs 12 credits)")
        failed = describe_error(errors.ScenarioFailedError(details="No imagery here"))
        assert failed == "L'extraction a échoué sur le serveur : No imagery here"
        assert describe_error(errors.NetworkError(), "https://api.example").startswith(
            "Le serveur BrightEarth On Demand est injoignable (api.example).")
    finally:
        client_i18n.set_language(None)


@pytest.mark.parametrize("guide, language_suffix", [("user-guide.md", ""), ("guide-utilisateur.md", "-fr")])
def test_guides_show_screenshots_of_their_language(guide, language_suffix):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 4
    for image in images:
        assert (ROOT / "docs" / image).is_file(), image
        assert ("-fr" in image) == bool(language_suffix), image
    for section in ("qgis_process", "BEOD_PASSWORD", "proxy", "QGIS_AUTH_PASSWORD_FILE", "python3 -m beod"):
        assert section in text, section
