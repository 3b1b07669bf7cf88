"""Algorithm "Download scenario results" (``beod:downloadresults``): ids in, merged layers out."""

import os
from types import SimpleNamespace

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ..core.i18n import tr
from .base import BeodAlgorithm, account_help, progress_reporter
from .outputs import add_result_outputs, outputs_help, publish_results

PROJECT_ID = "PROJECT_ID"
SCENARIO_ID = "SCENARIO_ID"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
MAX_OUTAGE = "MAX_OUTAGE_HOURS"


class DownloadResultsAlgorithm(BeodAlgorithm):
    """Downloads the results of a finished scenario and merges them per output kind."""

    _name = "downloadresults"

    def displayName(self):
        return tr("Download scenario results")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterNumber(
            PROJECT_ID, tr("Project id"), type=QgsProcessingParameterNumber.Integer, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            SCENARIO_ID, tr("Scenario id"), type=QgsProcessingParameterNumber.Integer, minValue=0))
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Output folder")))
        self.addParameter(QgsProcessingParameterNumber(
            MAX_OUTAGE, tr("Wait out an unreachable server for at most (hours)"),
            QgsProcessingParameterNumber.Double, defaultValue=24.0, minValue=0.0))
        self.add_account_parameters()
        add_result_outputs(self)

    def shortHelpString(self):
        return tr(
            "<p>Downloads the results of a finished BrightEarth On Demand scenario (again) and "
            "merges them into one layer per output kind, as \"Run extraction\" does. Files "
            "already downloaded completely are not fetched again.</p>"
            "<p><b>Project id</b> (PROJECT_ID) and <b>Scenario id</b> (SCENARIO_ID): shown by "
            "\"List projects and scenarios\" and output by \"Run extraction\".</p>"
            "<p><b>Output folder</b> (OUTPUT_FOLDER): where the files are downloaded and merged."
            "</p><p><b>Time-out</b> (MAX_OUTAGE_HOURS, default 24): a network outage or a server "
            "error is waited out this long; the download then goes on from the files already "
            "there.</p>") + account_help() + outputs_help() + tr(
            "<p><b>Example</b> (command line):<br><code>qgis_process run beod:downloadresults -- "
            "PROJECT_ID=789 SCENARIO_ID=543 OUTPUT_FOLDER=/data/run543</code></p>")

    def processAlgorithm(self, parameters, context, feedback):
        from ..beod.errors import BeodError, CancelledError
        from ..beod.flow import download_results

        project_id = self.parameterAsInt(parameters, PROJECT_ID, context)
        scenario_id = self.parameterAsInt(parameters, SCENARIO_ID, context)
        out_dir = self.parameterAsString(parameters, OUTPUT_FOLDER, context)
        max_outage = self.parameterAsDouble(parameters, MAX_OUTAGE, context) * 3600.0
        os.makedirs(out_dir, exist_ok=True)
        client = self.client(feedback)
        reporter = progress_reporter(feedback, 0.0, 90.0)

        def on_progress(progress):  # the download is the whole algorithm: no stage spans
            reporter(SimpleNamespace(percent=progress.percent, message=progress.message))

        try:
            feedback.setProgressText(tr("Downloading the results of scenario {}...", scenario_id))
            result = download_results(
                client, project_id, scenario_id, out_dir, max_outage=max_outage,
                on_progress=on_progress, is_cancelled=feedback.isCanceled)
        except CancelledError as exc:
            raise QgsProcessingException(tr("Cancelled.")) from exc
        except BeodError as exc:
            raise QgsProcessingException(tr(
                "Downloading project {}, scenario {} failed: {}", project_id, scenario_id, exc)) from exc
        finally:
            client.close()
        feedback.pushInfo(tr("{} files downloaded to {}.", len(getattr(result, "files", []) or []), out_dir))
        results = publish_results(self, out_dir, context, feedback)
        results[OUTPUT_FOLDER] = out_dir
        feedback.setProgress(100)
        return results
