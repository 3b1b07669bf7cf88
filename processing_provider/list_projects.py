"""Algorithm "List projects and scenarios" (``beod:listprojects``) → a table without geometry."""

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

from ..core.i18n import tr
from .base import BeodAlgorithm, account_help

OUTPUT = "OUTPUT"

FIELDS = (
    ("project_id", int),
    ("project_name", str),
    ("project_date", str),
    ("scenario_id", int),
    ("scenario_name", str),
    ("scenario_state", str),
)


def _field(name: str, python_type) -> QgsField:
    """A field of ``python_type`` (int or str): QGIS 3.38 and newer take a QMetaType, older ones a
    QVariant type (deprecated since 3.38, gone in Qt 6)."""
    if Qgis.QGIS_VERSION_INT >= 33800:
        return QgsField(name, QMetaType.Type.LongLong if python_type is int else QMetaType.Type.QString)
    return QgsField(name, QVariant.Type.LongLong if python_type is int else QVariant.Type.String)


def table_fields() -> QgsFields:
    fields = QgsFields()
    for name, python_type in FIELDS:
        fields.append(_field(name, python_type))
    return fields


def _text(value):
    return None if value is None else str(value)


class ListProjectsAlgorithm(BeodAlgorithm):
    """Lists the account's projects with their scenarios, one row per scenario."""

    _name = "listprojects"

    def displayName(self):
        return tr("List projects and scenarios")

    def initAlgorithm(self, config=None):
        self.add_account_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT, tr("Projects and scenarios"), QgsProcessing.TypeVector))

    def shortHelpString(self):
        return tr(
            "<p>Lists the BrightEarth On Demand projects of the account with their scenarios in "
            "a table (no geometry): one row per scenario (a project without scenario has one row "
            "with empty scenario fields), with the fields project_id, project_name, "
            "project_date, scenario_id, scenario_name and scenario_state.</p>"
            "<p>Use the ids with \"Download scenario results\".</p>") + account_help() + tr(
            "<p><b>Output</b> (OUTPUT): the table.</p>"
            "<p><b>Example</b> (command line):<br><code>qgis_process run beod:listprojects -- "
            "OUTPUT=/data/beod_projects.csv</code></p>")

    def processAlgorithm(self, parameters, context, feedback):
        from ..beod.errors import BeodError

        sink, dest_id = self.parameterAsSink(
            parameters, OUTPUT, context, table_fields(), QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        client = self.client(feedback)
        rows = 0
        try:
            projects = client.list_projects()
            feedback.pushInfo(tr("{} projects.", len(projects)))
            for index, project in enumerate(projects):
                if feedback.isCanceled():
                    break
                scenarios = client.list_scenarios(project.id) or [None]
                for scenario in scenarios:
                    feature = QgsFeature(table_fields())
                    feature.setAttributes([
                        project.id, _text(project.name), _text(project.creation_date),
                        None if scenario is None else scenario.id,
                        None if scenario is None else _text(scenario.name),
                        None if scenario is None else _text(scenario.state),
                    ])
                    sink.addFeature(feature, QgsFeatureSink.FastInsert)
                    rows += 1
                feedback.setProgress(100.0 * (index + 1) / max(1, len(projects)))
        except BeodError as exc:
            raise QgsProcessingException(tr("Listing the projects failed: {}", exc)) from exc
        finally:
            client.close()
        feedback.pushInfo(tr("{} rows.", rows))
        return {OUTPUT: dest_id}
