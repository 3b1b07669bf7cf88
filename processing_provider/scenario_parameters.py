"""The scenario parameters of a BEOD extraction as Processing parameters, and back."""

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.i18n import tr

SOURCE_IMAGE_TYPE = "SOURCE_IMAGE_TYPE"
SOURCE_IMAGE_ID = "SOURCE_IMAGE_ID"
AUGMENTED = "AUGMENTED"
OUTPUT_CRS = "OUTPUT_CRS"
VECTOR_FORMATS = "VECTOR_FORMATS"
RASTER_FORMATS = "RASTER_FORMATS"
THREE_D_FORMATS = "THREE_D_FORMATS"
DL_MODELS = "DL_MODELS"

# Values sent to the API, in the order of the enum options.
OUTPUT_CRS_CODES = [3857, 4326]
VECTOR_FORMAT_VALUES = ["shapefile", "geopackage"]
RASTER_FORMAT_VALUES = ["geotiff"]
THREE_D_FORMAT_VALUES = ["3d_tiles"]


def scenario_help():
    """The help paragraph of the scenario parameters."""
    return tr(
        "<p><b>Scenario</b> (the defaults are those of the BEOD tutorial):</p><ul>"
        "<li><b>Source image type</b> (SOURCE_IMAGE_TYPE): the kind of imagery; <i>basemap</i>.</li>"
        "<li><b>Source image id</b> (SOURCE_IMAGE_ID): the basemap id; 1 is the global ESRI basemap.</li>"
        "<li><b>Augmented buildings</b> (AUGMENTED): augment the output buildings.</li>"
        "<li><b>Output CRS</b> (OUTPUT_CRS): 0 = EPSG:3857 (Web Mercator), 1 = EPSG:4326 (WGS 84).</li>"
        "<li><b>Vector formats</b> (VECTOR_FORMATS): 0 = Shapefile, 1 = GeoPackage; several allowed.</li>"
        "<li><b>Raster formats</b> (RASTER_FORMATS): 0 = GeoTIFF.</li>"
        "<li><b>3D formats</b> (THREE_D_FORMATS): 0 = 3D Tiles of buildings and trees (the only 3D "
        "format of non-augmented scenarios); none selected = no 3D output.</li>"
        "<li><b>Deep-learning models</b> (DL_MODELS): alternate model names, comma-separated; "
        "empty = the default models.</li></ul>")


def add_scenario_parameters(algorithm):
    """Add every scenario parameter of an ``extraction-mono`` scenario to ``algorithm``."""
    algorithm.addParameter(QgsProcessingParameterString(
        SOURCE_IMAGE_TYPE, tr("Source image type"), defaultValue="basemap"))
    algorithm.addParameter(QgsProcessingParameterNumber(
        SOURCE_IMAGE_ID, tr("Source image id (1 = global ESRI basemap)"),
        type=QgsProcessingParameterNumber.Integer, defaultValue=1, minValue=0))
    algorithm.addParameter(QgsProcessingParameterBoolean(
        AUGMENTED, tr("Augmented buildings"), defaultValue=False))
    algorithm.addParameter(QgsProcessingParameterEnum(
        OUTPUT_CRS, tr("Output CRS"),
        options=[tr("EPSG:3857 (Web Mercator)"), tr("EPSG:4326 (WGS 84)")], defaultValue=0))
    algorithm.addParameter(QgsProcessingParameterEnum(
        VECTOR_FORMATS, tr("Vector formats"), options=[tr("Shapefile"), tr("GeoPackage")],
        allowMultiple=True, defaultValue=[0, 1]))
    algorithm.addParameter(QgsProcessingParameterEnum(
        RASTER_FORMATS, tr("Raster formats"), options=[tr("GeoTIFF")],
        allowMultiple=True, defaultValue=[0], optional=True))
    algorithm.addParameter(QgsProcessingParameterEnum(
        THREE_D_FORMATS, tr("3D formats"), options=[tr("3D Tiles")],
        allowMultiple=True, defaultValue=[0], optional=True))
    algorithm.addParameter(QgsProcessingParameterString(
        DL_MODELS, tr("Deep-learning models (comma-separated; empty = defaults)"),
        defaultValue="", optional=True))


def _picked(algorithm, parameters, name, context, values):
    indexes = algorithm.parameterAsEnums(parameters, name, context) or []
    return ",".join(values[i] for i in indexes if 0 <= i < len(values))


def scenario_values(algorithm, parameters, context, name):
    """The scenario body fields (as :meth:`beod.models.ScenarioParams.from_dict` reads them)."""
    crs_index = algorithm.parameterAsEnum(parameters, OUTPUT_CRS, context)
    models = algorithm.parameterAsString(parameters, DL_MODELS, context) or ""
    return {
        "name": name,
        "source_image_type": (algorithm.parameterAsString(parameters, SOURCE_IMAGE_TYPE, context)
                              or "basemap").strip(),
        "source_image_id": algorithm.parameterAsInt(parameters, SOURCE_IMAGE_ID, context),
        "augmented": algorithm.parameterAsBoolean(parameters, AUGMENTED, context),
        "output_crs": OUTPUT_CRS_CODES[crs_index if 0 <= crs_index < len(OUTPUT_CRS_CODES) else 0],
        "vector_formats": _picked(algorithm, parameters, VECTOR_FORMATS, context, VECTOR_FORMAT_VALUES),
        "raster_formats": _picked(algorithm, parameters, RASTER_FORMATS, context, RASTER_FORMAT_VALUES),
        "three_d_formats": _picked(algorithm, parameters, THREE_D_FORMATS, context,
                                   THREE_D_FORMAT_VALUES),
        "dl_models": [m.strip() for m in models.split(",") if m.strip()],
    }
