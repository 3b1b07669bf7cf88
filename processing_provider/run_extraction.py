"""Algorithm "Run extraction" (``beod:runextraction``): polygons in, merged result layers out."""

import os
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.i18n import localized_number, tr
from .base import BeodAlgorithm, account_help, progress_reporter
from .outputs import add_result_outputs, outputs_help, publish_results
from .scenario_parameters import add_scenario_parameters, scenario_help, scenario_values

INPUT = "INPUT"
MODE = "MODE"
NAME = "NAME"
NAME_FIELD = "NAME_FIELD"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
PROJECT_ID = "PROJECT_ID"
SCENARIO_ID = "SCENARIO_ID"
PROJECT_IDS = "PROJECT_IDS"
SCENARIO_IDS = "SCENARIO_IDS"
MAX_OUTAGE = "MAX_OUTAGE_HOURS"

MODE_PER_FEATURE = 0
MODE_MERGED = 1


def _folder_name(index, name):
    """A safe sub-folder name for the run of one feature."""
    cleaned = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "aoi"
    return f"{index:03d}_{cleaned[:60]}"


def default_name() -> str:
    """The extraction name used when none is given, in the user's language."""
    return tr("QGIS extraction")


class RunExtractionAlgorithm(BeodAlgorithm):
    """Runs BEOD extractions over polygons and returns one merged layer per output kind."""

    _name = "runextraction"

    def displayName(self):
        return tr("Run extraction")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            INPUT, tr("Area of interest (polygons)"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterEnum(
            MODE, tr("Extractions"),
            options=[tr("One extraction per feature"), tr("One extraction for all features (merged)")],
            defaultValue=MODE_MERGED))
        self.addParameter(QgsProcessingParameterString(
            NAME, tr("Extraction name"), defaultValue=default_name()))
        self.addParameter(QgsProcessingParameterField(
            NAME_FIELD, tr("Take each extraction's name from this field (one per feature)"),
            parentLayerParameterName=INPUT, optional=True))
        add_scenario_parameters(self)
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Output folder")))
        outage = QgsProcessingParameterNumber(
            MAX_OUTAGE, tr("Wait out an unreachable server for at most (hours)"),
            QgsProcessingParameterNumber.Double, defaultValue=24.0, minValue=0.0)
        self.addParameter(outage)
        self.add_account_parameters()
        add_result_outputs(self)
        self.addOutput(QgsProcessingOutputNumber(PROJECT_ID, tr("Project id")))
        self.addOutput(QgsProcessingOutputNumber(SCENARIO_ID, tr("Scenario id")))
        self.addOutput(QgsProcessingOutputString(PROJECT_IDS, tr("Project ids (comma-separated)")))
        self.addOutput(QgsProcessingOutputString(SCENARIO_IDS, tr("Scenario ids (comma-separated)")))

    def shortHelpString(self):
        return tr(
            "<p>Runs BrightEarth On Demand extractions (buildings, trees, roads, land clutter, "
            "terrain) over polygons, waits for them, downloads the results and merges them into "
            "one layer per output kind. The service charges credits for each extraction.</p>"
            "<p><b>Area of interest</b> (INPUT): polygon features in any CRS (sent in WGS 84); "
            "with \"Selected features only\" only the selection is used.</p>"
            "<p><b>Extractions</b> (MODE): 0 = one extraction per feature (a project and a "
            "scenario for each, results merged together), 1 = one extraction for all features "
            "(their union as a single area).</p>"
            "<p><b>Extraction name</b> (NAME) names the project and scenario; with <b>name "
            "field</b> (NAME_FIELD) each feature's value names its extraction.</p>") + scenario_help() + tr(
            "<p><b>Output folder</b> (OUTPUT_FOLDER): where the results are downloaded (each "
            "feature's run in its own sub-folder) and merged.</p>"
            "<p><b>Time-out</b> (MAX_OUTAGE_HOURS, default 24): while the run is followed and "
            "downloaded, a network outage, a time-out or a server error is waited out with a "
            "growing pause, for at most this many hours; then the algorithm stops and the run, "
            "which goes on on the server, can be fetched with \"Download scenario results\".</p>") \
            + account_help() + outputs_help() + tr(
            "<p><b>Ids</b>: PROJECT_ID and SCENARIO_ID of the (last) extraction, and every id in "
            "PROJECT_IDS and SCENARIO_IDS; \"Download scenario results\" fetches them again.</p>"
            "<p><b>Example</b> (command line):<br><code>qgis_process run beod:runextraction -- "
            "INPUT=aoi.gpkg MODE=1 NAME=Nice OUTPUT_FOLDER=/data/nice</code></p>"
            "<p>Cancelling stops waiting; a scenario already started keeps running on the server "
            "and its ids are in the log.</p>")

    # -- the run ---------------------------------------------------------------------------
    def prepareAlgorithm(self, parameters, context, feedback):
        # WGS 84 is made on the calling (main) thread: a CRS first made on a background run's
        # thread would stop transforming on every other thread once that thread ends (QGIS).
        self._wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        return super().prepareAlgorithm(parameters, context, feedback)

    def processAlgorithm(self, parameters, context, feedback):
        from ..beod.errors import AoiError, BeodError, CancelledError, ScenarioFailedError
        from ..beod.flow import run_extraction
        from ..beod.models import ScenarioParams

        areas = self._areas(parameters, context, feedback)
        out_dir = self.parameterAsString(parameters, OUTPUT_FOLDER, context)
        if os.path.isdir(out_dir) and os.listdir(out_dir):
            feedback.pushWarning(tr(
                "The output folder {} already holds files: they are kept as they are, and a folder "
                "holding another extraction's results is refused. Choose an empty folder to keep runs "
                "apart.", out_dir))
        os.makedirs(out_dir, exist_ok=True)
        max_outage = self.parameterAsDouble(parameters, MAX_OUTAGE, context) * 3600.0
        client = self.client(feedback)
        ids, failures = [], []
        try:
            count = len(areas)
            for index, (name, wkt) in enumerate(areas):
                if feedback.isCanceled():
                    break
                run_dir = out_dir if count == 1 else os.path.join(out_dir, _folder_name(index + 1, name))
                feedback.pushInfo(tr("Extraction {} of {}: \"{}\".", index + 1, count, name))
                params = ScenarioParams.from_dict(scenario_values(self, parameters, context, name))
                current = {}

                def on_ids(project_id, scenario_id, activity_id, current=current):
                    current.update(project=project_id, scenario=scenario_id)
                    feedback.pushInfo(tr("Project {}, scenario {}, activity {}.",
                                         project_id, scenario_id, activity_id))

                try:
                    run = run_extraction(
                        client, wkt, params, run_dir, project_name=name,
                        on_progress=progress_reporter(feedback, 90.0 * index / count, 90.0 / count),
                        is_cancelled=feedback.isCanceled, on_ids=on_ids, max_outage=max_outage)
                except CancelledError:
                    self._report_cancel(current, feedback)
                    break
                except (AoiError, ScenarioFailedError) as exc:
                    # This feature's extraction alone failed: the others still run.
                    message = tr("Extraction \"{}\" failed: {}", name, exc) if current else tr(
                        "The area of \"{}\" cannot be sent: {}", name, exc)
                    if count == 1:
                        raise QgsProcessingException(message) from exc
                    feedback.reportError(message)
                    failures.append(name)
                    continue
                except BeodError as exc:
                    if current:
                        feedback.reportError(tr(
                            "Project {}, scenario {}: use \"Download scenario results\" once it "
                            "is finished.", current["project"], current["scenario"]))
                    raise QgsProcessingException(tr("Extraction \"{}\" failed: {}", name, exc)) from exc
                for note in getattr(run, "notes", None) or []:
                    feedback.pushInfo(note)
                feedback.pushInfo(_cost_text(run.credits))
                ids.append((run.project_id, run.scenario_id))
        finally:
            client.close()
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled."))
        if failures and not ids:
            raise QgsProcessingException(tr("Every extraction failed ({}).", ", ".join(failures)))
        if failures:
            feedback.pushWarning(tr("{} of {} extractions failed: {}; the results of the others follow.",
                                    len(failures), len(areas), ", ".join(failures)))
        results = publish_results(self, out_dir, context, feedback)
        results.update({
            OUTPUT_FOLDER: out_dir,
            PROJECT_ID: ids[-1][0] if ids else None,
            SCENARIO_ID: ids[-1][1] if ids else None,
            PROJECT_IDS: ",".join(str(p) for p, _ in ids),
            SCENARIO_IDS: ",".join(str(s) for _, s in ids),
        })
        feedback.setProgress(100)
        return results

    @staticmethod
    def _report_cancel(current, feedback):
        if current:
            feedback.reportError(tr(
                "Cancelled. Project {}, scenario {} may still run on the server: fetch its results "
                "later with \"Download scenario results\".", current["project"], current["scenario"]))

    def _areas(self, parameters, context, feedback):
        """``[(name, WKT in EPSG:4326)]``: one per feature, or one union of all of them."""
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        mode = self.parameterAsEnum(parameters, MODE, context)
        base_name = (self.parameterAsString(parameters, NAME, context) or "").strip() or default_name()
        name_field = self.parameterAsString(parameters, NAME_FIELD, context) or ""
        request = QgsFeatureRequest()
        wgs84 = getattr(self, "_wgs84", None)
        if wgs84 is None:  # prepareAlgorithm() was not called
            wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        request.setDestinationCrs(wgs84, context.transformContext())
        named = []
        for number, feature in enumerate(source.getFeatures(request), start=1):
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty() or geometry.type() != QgsWkbTypes.PolygonGeometry:
                feedback.pushWarning(tr("Feature {} has no polygon: skipped.", feature.id()))
                continue
            name = f"{base_name} {number}"
            if name_field:
                value = feature[name_field]
                if value is not None and str(value).strip() and str(value) != "NULL":
                    name = str(value).strip()
            named.append((name, geometry))
        if not named:
            raise QgsProcessingException(tr("The area of interest has no polygon feature."))
        if mode == MODE_PER_FEATURE:
            return [(name, _single_area(geometry, name, feedback)) for name, geometry in named]
        name = named[0][0] if len(named) == 1 and name_field else base_name
        return [(name, _single_area([geometry for _, geometry in named], name, feedback))]


def _cost_text(window) -> str:
    if window.cost is not None:
        return tr("Cost: {} credits.", localized_number(f"{window.cost:g}"))
    if window.status == "shared":
        return tr("Cost: cannot be told apart from other runs of the account started at the same time.")
    return tr("Cost: unknown (the balance could not be read).")


def _single_area(geometries, name, feedback):
    """The WKT of one polygon covering ``geometries``: their union, or the outline enclosing
    them (convex hull) when they form separate areas (a BEOD project has one polygon)."""
    if isinstance(geometries, QgsGeometry):
        geometries = [geometries]
    union = QgsGeometry.unaryUnion(geometries)
    if union is None or union.isNull() or union.isEmpty():
        union = QgsGeometry.unaryUnion([geometry.makeValid() for geometry in geometries])
    if union is None or union.isNull() or union.isEmpty():
        raise QgsProcessingException(tr("The area of \"{}\" is empty.", name))
    parts = [part for part in union.asGeometryCollection()
             if part.type() == QgsWkbTypes.PolygonGeometry and not part.isEmpty()] \
        if union.isMultipart() else [union]
    if len(parts) > 1:
        feedback.pushWarning(tr(
            "\"{}\": the {} separate areas are joined by the outline enclosing them; choose one "
            "extraction per feature to extract them separately.", name, len(parts)))
        union = union.convexHull()
    elif parts:
        union = QgsGeometry(parts[0])
    return union.asWkt(8)
