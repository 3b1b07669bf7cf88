"""The BEOD Processing algorithms run against the emulator: layers with features come out,
one scenario per feature or one for all, the selection and the name field are honoured,
cancelling and a wrong account end with a clear error, and the algorithms work in batch
(background tasks) and in a model chained to a native algorithm."""

import os
import time

import processing
import pytest
from beod_qgis.core import auth
from beod_qgis.core.settings import Settings
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.test_core_auth import unlock_test_auth_db

WRONG_PASSWORD = "wrong-fake-password"  # pragma: allowlist secret

# Three small squares (about 0.1 km² each) near Nice, in Web Mercator: any CRS is accepted.
SQUARES = [(775000.0, 5407000.0, "Cagnes"), (776000.0, 5407000.0, "Villeneuve"),
           (777000.0, 5407000.0, "Antibes")]


@pytest.fixture
def account(provider, emulator):
    """The emulator's demo account stored in the test auth DB: its authcfg id."""
    unlock_test_auth_db()
    authcfg = auth.store_credentials(emulator.email, emulator.password)
    yield authcfg
    auth.remove_credentials(authcfg)


@pytest.fixture
def aoi_layer(qgis_app):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857&field=place:string", "aoi", "memory")
    features = []
    for x, y, name in SQUARES:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, y, x + 300.0, y + 300.0)))
        feature.setAttributes([name])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def common(account, emulator, out_dir, **extra):
    values = {"AUTHCFG": account, "SERVER": emulator.api_url, "OUTPUT_FOLDER": str(out_dir)}
    values.update(extra)
    return values


def vector(uri):
    layer = QgsVectorLayer(uri, "result", "ogr")
    assert layer.isValid(), uri
    return layer


def scenarios_created(emulator):
    created = emulator.stats()["scenarios_created"]
    return sum(created.values()) if isinstance(created, dict) else int(created)


def listed_rows(account, emulator):
    result = processing.run("beod:listprojects", {
        "AUTHCFG": account, "SERVER": emulator.api_url, "OUTPUT": "TEMPORARY_OUTPUT"})
    return list(result["OUTPUT"].getFeatures())


# -- run extraction ---------------------------------------------------------------------
def test_merged_mode_runs_one_extraction_and_returns_layers(account, emulator, aoi_layer, tmp_path):
    feedback = QgsProcessingFeedback()
    result = processing.run("beod:runextraction", common(
        account, emulator, tmp_path / "out", INPUT=aoi_layer, MODE=1, NAME="Riviera"), feedback=feedback)

    assert scenarios_created(emulator) == 1
    buildings = vector(result["BUILDING"])
    assert buildings.featureCount() > 0
    assert buildings.geometryType() == QgsWkbTypes.PolygonGeometry
    assert vector(result["ROAD"]).featureCount() > 0
    assert QgsRasterLayer(result["DTM"], "dtm").isValid()
    assert result["OUTPUT_FOLDER"] == str(tmp_path / "out")
    assert os.path.isfile(result["BUILDING"].split("|")[0])
    assert set(result["LAYERS"]) >= {result["BUILDING"], result["TREE"], result["ROAD"]}
    assert result["PROJECT_ID"] and result["SCENARIO_ID"]
    names = {row["scenario_name"] for row in listed_rows(account, emulator)
             if row["scenario_id"] == result["SCENARIO_ID"]}
    assert names == {"Riviera"}
    log = feedback.textLog()
    assert "Buildings" in log and "features" in log
    assert emulator.password not in log and "Bearer" not in log and "X-Amz" not in log


@pytest.mark.parametrize("layout", ["zip", "tree"])
def test_per_feature_mode_runs_one_extraction_per_selected_feature_named_by_field(
        account, emulator, aoi_layer, tmp_path, layout):
    if layout == "tree":  # results as a paged tree of tiles instead of one zip
        emulator.configure(zip_max_km2=0.0, page_size=7)
    aoi_layer.selectByIds([feature.id() for feature in aoi_layer.getFeatures()][1:])
    source = QgsProcessingFeatureSourceDefinition(aoi_layer.id(), True)

    result = processing.run("beod:runextraction", common(
        account, emulator, tmp_path / "out", INPUT=source, MODE=0, NAME_FIELD="place",
        VECTOR_FORMATS=[1], OUTPUT_CRS=1))

    assert scenarios_created(emulator) == 2
    scenario_ids = [int(s) for s in result["SCENARIO_IDS"].split(",")]
    assert len(scenario_ids) == 2 and len(set(result["PROJECT_IDS"].split(","))) == 2
    rows = {row["scenario_id"]: row for row in listed_rows(account, emulator)}
    assert {rows[sid]["scenario_name"] for sid in scenario_ids} == {"Villeneuve", "Antibes"}
    assert {rows[sid]["project_name"] for sid in scenario_ids} == {"Villeneuve", "Antibes"}
    # The results of both extractions are merged in one layer per kind.
    buildings = vector(result["BUILDING"])
    assert buildings.featureCount() > 0
    assert len({feature["tile"] for feature in buildings.getFeatures()}) >= 2
    assert buildings.crs().authid() == "EPSG:4326"


def test_a_failed_scenario_is_reported_and_the_other_features_still_run(
        account, emulator, aoi_layer, tmp_path):
    emulator.configure(fail_next_runs=1)

    class Feedback(QgsProcessingFeedback):
        errors = []

        def reportError(self, error, fatal=False):
            self.errors.append(error)
            super().reportError(error, fatal)

    feedback = Feedback()
    result = processing.run("beod:runextraction", common(
        account, emulator, tmp_path / "out", INPUT=aoi_layer, MODE=0, NAME_FIELD="place"),
        feedback=feedback)

    assert len(result["SCENARIO_IDS"].split(",")) == 2
    assert vector(result["BUILDING"]).featureCount() > 0
    assert any("Cagnes" in error and "source imagery could not be processed" in error
               for error in feedback.errors), feedback.errors


def test_a_failed_single_extraction_ends_with_the_server_explanation(account, emulator, aoi_layer, tmp_path):
    emulator.configure(fail_next_runs=1)
    with pytest.raises(QgsProcessingException, match="source imagery could not be processed"):
        processing.run("beod:runextraction", common(account, emulator, tmp_path / "out",
                                                    INPUT=aoi_layer, MODE=1, NAME="Doomed"))


def test_cancel_through_feedback_stops_with_a_message(account, emulator, aoi_layer, tmp_path):
    class CancelWhenRunning(QgsProcessingFeedback):
        def setProgressText(self, text):
            super().setProgressText(text)
            if "Following" in text or "running" in text.lower():
                self.cancel()

    feedback = CancelWhenRunning()
    started = time.monotonic()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run("beod:runextraction", common(account, emulator, tmp_path / "out",
                                                    INPUT=aoi_layer, MODE=1), feedback=feedback)
    assert time.monotonic() - started < 30
    assert scenarios_created(emulator) == 1
    assert not (tmp_path / "out" / "merged").exists()


def test_wrong_account_gives_a_clear_error(provider, emulator, aoi_layer, tmp_path):
    unlock_test_auth_db()
    wrong = auth.store_credentials(emulator.email, WRONG_PASSWORD)
    try:
        with pytest.raises(QgsProcessingException, match="Sign-in to BrightEarth On Demand failed"):
            processing.run("beod:runextraction", common(wrong, emulator, tmp_path / "out",
                                                        INPUT=aoi_layer, MODE=1))
    finally:
        auth.remove_credentials(wrong)
    assert scenarios_created(emulator) == 0


def test_unknown_authcfg_and_no_account_are_explained(provider, emulator, aoi_layer, tmp_path, monkeypatch):
    with pytest.raises(QgsProcessingException, match="holds no BrightEarth On Demand account"):
        processing.run("beod:listprojects", {"AUTHCFG": "zzzzzzz", "SERVER": emulator.api_url,
                                             "OUTPUT": "TEMPORARY_OUTPUT"})
    monkeypatch.delenv("BEOD_EMAIL", raising=False)
    monkeypatch.delenv("BEOD_PASSWORD", raising=False)
    settings = Settings()
    saved = settings.authcfg
    settings.authcfg = ""
    try:
        with pytest.raises(QgsProcessingException, match="No BrightEarth On Demand account"):
            processing.run("beod:listprojects", {"SERVER": emulator.api_url, "OUTPUT": "TEMPORARY_OUTPUT"})
    finally:
        settings.authcfg = saved


def test_environment_account_and_signed_in_account(provider, account, emulator, monkeypatch):
    settings = Settings()
    saved = settings.authcfg
    try:
        settings.authcfg = ""
        monkeypatch.setenv("BEOD_EMAIL", emulator.email)
        monkeypatch.setenv("BEOD_PASSWORD", emulator.password)
        table = processing.run("beod:listprojects", {"SERVER": emulator.api_url,
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        assert table.wkbType() == QgsWkbTypes.NoGeometry
        assert [f.name() for f in table.fields()][:3] == ["project_id", "project_name", "project_date"]
        monkeypatch.delenv("BEOD_EMAIL")
        monkeypatch.delenv("BEOD_PASSWORD")
        settings.authcfg = account  # the account signed in from the panel
        again = processing.run("beod:listprojects", {"SERVER": emulator.api_url,
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        assert again.featureCount() == table.featureCount()
    finally:
        settings.authcfg = saved
    assert emulator.stats()["logins"] >= 2


# -- download and list --------------------------------------------------------------------
def test_download_results_of_a_finished_scenario(account, emulator, aoi_layer, tmp_path):
    first = processing.run("beod:runextraction", common(account, emulator, tmp_path / "run",
                                                        INPUT=aoi_layer, MODE=1))
    result = processing.run("beod:downloadresults", common(
        account, emulator, tmp_path / "again", PROJECT_ID=first["PROJECT_ID"],
        SCENARIO_ID=first["SCENARIO_ID"]))

    again = vector(result["BUILDING"])
    assert again.featureCount() == vector(first["BUILDING"]).featureCount() > 0
    assert result["BUILDING"].startswith(str(tmp_path / "again"))
    rows = [row for row in listed_rows(account, emulator) if row["scenario_id"] == first["SCENARIO_ID"]]
    assert len(rows) == 1 and rows[0]["project_id"] == first["PROJECT_ID"]
    assert rows[0]["scenario_state"]


def test_download_of_an_unknown_scenario_fails_clearly(account, emulator, tmp_path):
    with pytest.raises(QgsProcessingException, match="Downloading project 999999, scenario 888888 failed"):
        processing.run("beod:downloadresults", common(account, emulator, tmp_path / "x",
                                                      PROJECT_ID=999999, SCENARIO_ID=888888))


# -- batch and model ------------------------------------------------------------------------
def _wait(tasks, timeout=120):
    deadline = time.monotonic() + timeout
    while any(not done for done in tasks.values()) and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.05)
    assert all(tasks.values()), "the background runs did not finish"


def test_batch_of_runs_in_background_tasks_loads_styled_layers(account, emulator, aoi_layer, tmp_path,
                                                               qgis_iface, monkeypatch):
    from processing.gui.Postprocessing import handleAlgorithmResults
    from qgis.core import QgsLayerTreeModel
    from qgis.gui import QgsLayerTreeView

    # QGIS 3.44 adds the results through the Layers panel of iface: give the test iface a real one
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot()))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    registry = QgsApplication.processingRegistry()
    finished, results, keep, errors = {}, {}, [], []
    for index in range(2):
        algorithm = registry.createAlgorithmById("beod:runextraction")
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = QgsProcessingFeedback()
        params = common(account, emulator, tmp_path / f"batch{index}", MODE=1, NAME=f"Batch {index}",
                        INPUT=QgsProcessingFeatureSourceDefinition(aoi_layer.id(), False))
        task = QgsProcessingAlgRunnerTask(algorithm, params, context, feedback)
        finished[index] = False

        def on_executed(ok, values, index=index, algorithm=algorithm, context=context, feedback=feedback):
            results[index] = (ok, values)
            try:  # an exception escaping a Qt slot would abort the whole test run
                if ok:
                    handleAlgorithmResults(algorithm, context, feedback, False)
            except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
                errors.append(repr(exc))
            finished[index] = True

        task.executed.connect(on_executed)
        keep.append((algorithm, context, feedback, task))
        QgsApplication.taskManager().addTask(task)
    _wait(finished)

    assert errors == []
    assert all(ok for ok, _ in results.values()), results
    assert scenarios_created(emulator) == 2
    loaded = QgsProject.instance().mapLayersByName("Buildings")
    try:
        sources = {layer.source() for layer in loaded}
        assert {values["BUILDING"] for _, values in results.values()} <= sources
        for layer in loaded:
            assert layer.featureCount() > 0
            assert layer.renderer().type() == "graduatedSymbol"  # the kind's style
    finally:
        for name in ("Buildings", "Trees", "Roads", "Land clutter", "Terrain (DTM)"):
            for layer in QgsProject.instance().mapLayersByName(name):
                QgsProject.instance().removeMapLayer(layer.id())


def test_model_chains_run_extraction_to_a_native_buffer(account, emulator, aoi_layer, tmp_path):
    model = QgsProcessingModelAlgorithm("BEOD buffered buildings", "tests")
    model.addModelParameter(
        QgsProcessingParameterFeatureSource("aoi", "AOI", [QgsProcessing.TypeVectorPolygon]),
        QgsProcessingModelParameter("aoi"))

    def static(value):
        return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]

    run = QgsProcessingModelChildAlgorithm("beod:runextraction")
    run.setChildId("run")
    run.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("aoi")])
    for name, value in common(account, emulator, tmp_path / "model", MODE=1, NAME="Modelled").items():
        run.addParameterSources(name, static(value))
    model.addChildAlgorithm(run)

    buffer = QgsProcessingModelChildAlgorithm("native:buffer")
    buffer.setChildId("buffer")
    buffer.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput(
        "run", "BUILDING")])
    buffer.addParameterSources("DISTANCE", static(2.0))
    output = QgsProcessingModelOutput("buffered", "Buffered buildings")
    output.setChildOutputName("OUTPUT")
    output.setChildId("buffer")
    buffer.setModelOutputs({"buffered": output})
    model.addChildAlgorithm(buffer)

    # The ids chain too: download the same scenario again into another folder.
    download = QgsProcessingModelChildAlgorithm("beod:downloadresults")
    download.setChildId("download")
    for name in ("PROJECT_ID", "SCENARIO_ID"):
        download.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromChildOutput(
            "run", name)])
    for name, value in common(account, emulator, tmp_path / "model-again").items():
        download.addParameterSources(name, static(value))
    roads = QgsProcessingModelOutput("roads", "Roads downloaded again")
    roads.setChildOutputName("ROAD")
    roads.setChildId("download")
    download.setModelOutputs({"roads": roads})
    model.addChildAlgorithm(download)
    model.updateDestinationParameters()

    # Saved and opened again as the graphical modeler does.
    path = str(tmp_path / "beod_buildings.model3")
    assert model.toFile(path)
    reopened = QgsProcessingModelAlgorithm()
    assert reopened.fromFile(path)

    # QGIS names a model's outputs "child:output" up to 3.3x, after their description since
    names = {output.description(): output.name() for output in reopened.outputDefinitions()}
    buffered_name = names["Buffered buildings"]
    roads_name = names.get("Roads downloaded again", "download:roads")
    target = str(tmp_path / "buffered.gpkg")
    result = processing.run(reopened, {"aoi": aoi_layer, buffered_name: target})

    buffered = vector(result[buffered_name])
    assert buffered.featureCount() > 0
    assert scenarios_created(emulator) == 1
    # QGIS 3.40+ returns only the models' file outputs; the others stay in the child's results
    roads = result[roads_name] if roads_name in result else result["CHILD_RESULTS"]["download"]["ROAD"]
    assert roads.startswith(str(tmp_path / "model-again"))
    assert vector(roads).featureCount() > 0
