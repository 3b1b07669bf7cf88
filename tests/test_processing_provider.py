"""The Processing provider lists the three BEOD algorithms, each with its help and outputs."""

import pytest
from qgis.core import QgsApplication, QgsProcessingOutputVectorLayer, QgsProcessingParameterFeatureSource

ALGORITHMS = ("beod:runextraction", "beod:downloadresults", "beod:listprojects")


def test_provider_is_named_and_has_an_icon(provider):
    assert provider.id() == "beod"
    assert provider.name() == "BrightEarth On Demand"
    assert not provider.icon().isNull()


@pytest.mark.parametrize("algorithm_id", ALGORITHMS)
def test_every_algorithm_explains_itself(provider, algorithm_id):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    assert algorithm is not None, algorithm_id
    assert algorithm.group() == "BrightEarth On Demand"
    assert not algorithm.icon().isNull()
    help_text = algorithm.shortHelpString()
    assert "Example" in help_text and "qgis_process run " + algorithm_id in help_text
    # Every parameter is described in the help panel.
    for parameter in algorithm.parameterDefinitions():
        assert parameter.name() in help_text, (algorithm_id, parameter.name())
    # No password parameter: it would end up in the Processing history.
    assert not [p for p in algorithm.parameterDefinitions() if "PASSWORD" in p.name().upper()]


def test_run_extraction_takes_selected_polygons_and_outputs_one_layer_per_kind(provider):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("beod:runextraction")
    source = algorithm.parameterDefinition("INPUT")
    assert isinstance(source, QgsProcessingParameterFeatureSource)
    outputs = {output.name(): output for output in algorithm.outputDefinitions()}
    for name in ("BUILDING", "TREE", "ROAD"):
        assert isinstance(outputs[name], QgsProcessingOutputVectorLayer)
    for name in ("CLUTTER", "DTM", "LAYERS", "PROJECT_ID", "SCENARIO_ID", "OUTPUT_FOLDER"):
        assert name in outputs
    defaults = {p.name(): p.defaultValue() for p in algorithm.parameterDefinitions()}
    assert defaults["SOURCE_IMAGE_TYPE"] == "basemap"
    assert defaults["SOURCE_IMAGE_ID"] == 1
    assert defaults["AUGMENTED"] is False


def test_progress_moves_forward_through_the_stages_of_a_run(qgis_app):
    from beod_qgis.beod.flow import Progress
    from beod_qgis.processing_provider.base import progress_reporter
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        texts = []

        def setProgressText(self, text):
            self.texts.append(text)

    feedback = Feedback()
    seen = []
    feedback.progressChanged.connect(seen.append)
    reporter = progress_reporter(feedback, 45.0, 45.0)  # the second of two extractions
    stages = [("login", 0), ("login", 100), ("project", 0), ("project", 100), ("aoi", 100),
              ("scenario", 100), ("running", 0), ("running", 3), ("running", 50), ("running", 100),
              ("download", 0), ("download", 40), ("download", 100), ("done", 100)]
    for stage, percent in stages:
        reporter(Progress(stage, percent, f"{stage} {percent}"))
    assert seen == sorted(seen)
    assert seen[0] == 45.0 and seen[-1] == 90.0
    # Small steps within a stage are not all logged.
    assert "running 3" not in feedback.texts and "running 50" in feedback.texts
    assert feedback.texts[0] == "login 0" and feedback.texts[-1] == "done 100"


@pytest.mark.parametrize("algorithm_id", ALGORITHMS)
def test_toolbox_dialog_shows_every_parameter_and_the_help(provider, qgis_iface, monkeypatch, algorithm_id):
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.gui import QgsBrowserGuiModel
    from qgis.PyQt.QtWidgets import QTextBrowser

    browser = QgsBrowserGuiModel()  # the test interface has no browser model of its own
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    dialog = AlgorithmDialog(algorithm, False, None)
    try:
        names = {p.name() for p in algorithm.parameterDefinitions()}
        assert set(dialog.mainWidget().wrappers) == names
        help_panel = dialog.findChild(QTextBrowser, "textShortHelp")
        text = help_panel.toPlainText()
        assert text.startswith(algorithm.displayName())
        assert "Example" in text and "AUTHCFG" in text
    finally:
        dialog.close()
        dialog.deleteLater()
