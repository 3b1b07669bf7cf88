"""The result outputs of the BEOD algorithms: one layer per output kind, merged over tiles.

Each kind of ``core.layer_kinds`` is an output named after it in capitals (``BUILDING``,
``TREE``, ``ROAD``, ``CLUTTER``, ``DTM``) so a model can chain it, plus ``LAYERS`` with all
of them. When run from the toolbox, Processing loads them at the end, styled.
"""

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputRasterLayer,
    QgsProcessingOutputVectorLayer,
    QgsProcessingUtils,
)

from ..core.i18n import tr
from ..core.layer_kinds import KINDS, kind_for

LAYERS = "LAYERS"


def outputs_help():
    """The help paragraph describing the layer outputs."""
    return tr(
        "<p><b>Outputs</b>: one layer per output kind, merged over every tile (a GeoPackage for "
        "vectors, a VRT mosaic for rasters): BUILDING, TREE, ROAD, CLUTTER, DTM (empty when the "
        "extraction has no such output), LAYERS (all of them) and OUTPUT_FOLDER. From the "
        "toolbox they are added to the map, styled.</p>")


def output_name(kind) -> str:
    return kind.name.upper()


def add_result_outputs(algorithm):
    """Declare the per-kind layer outputs and ``LAYERS`` on ``algorithm``."""
    for kind in KINDS:
        output_class = QgsProcessingOutputRasterLayer if kind.is_raster else QgsProcessingOutputVectorLayer
        algorithm.addOutput(output_class(output_name(kind), kind.title))
    algorithm.addOutput(QgsProcessingOutputMultipleLayers(LAYERS, tr("All result layers")))


def layer_uri(merged_layer) -> str:
    """The data source of a merged layer (``path|layername=...`` for a GeoPackage layer)."""
    if merged_layer.is_raster or not merged_layer.layer_name \
            or not merged_layer.path.lower().endswith(".gpkg"):
        return merged_layer.path
    return f"{merged_layer.path}|layername={merged_layer.layer_name}"


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies a kind's ``.qml`` style to the layer Processing loads for it."""

    _alive = {}

    def __init__(self, kind_name):
        super().__init__()
        self.kind_name = kind_name

    @classmethod
    def for_kind(cls, kind_name):
        # Processing keeps a plain pointer: the Python object must outlive the run.
        if kind_name not in cls._alive:
            cls._alive[kind_name] = cls(kind_name)
        return cls._alive[kind_name]

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        kind = kind_for(self.kind_name)
        if kind is None or layer is None or not kind.style_path.exists():
            return
        message, ok = layer.loadNamedStyle(str(kind.style_path))
        if not ok:
            feedback.pushWarning(tr("Style of {} not applied: {}", kind.title, message))
        layer.triggerRepaint()


def publish_results(algorithm, out_dir, context, feedback):
    """Merge ``out_dir`` and return the layer outputs; schedule the layers to be loaded."""
    from ..core.results import merge_outputs

    feedback.setProgressText(tr("Merging the results..."))
    try:
        merged = merge_outputs(out_dir, is_cancelled=feedback.isCanceled)
    except Exception as exc:  # noqa: BLE001 (GDAL and file errors end the algorithm cleanly)
        raise QgsProcessingException(tr("The results in {} could not be merged: {}", out_dir, exc)) from exc
    for note in getattr(merged, "notes", []) or []:
        feedback.pushWarning(note)
    results = {output_name(kind): None for kind in KINDS}
    every = []
    for item in merged.layers:
        kind = kind_for(item.kind)
        if kind is None:
            continue
        uri = layer_uri(item)
        results[output_name(kind)] = uri
        every.append(uri)
        count = "" if item.feature_count is None else tr(" ({} features)", item.feature_count)
        feedback.pushInfo(tr("{}: {}{}", kind.title, uri, count))
        hint = QgsProcessingUtils.LayerHint.Raster if kind.is_raster else QgsProcessingUtils.LayerHint.Vector
        details = QgsProcessingContext.LayerDetails(kind.title, context.project(), output_name(kind), hint)
        details.setPostProcessor(StylePostProcessor.for_kind(kind.name))
        context.addLayerToLoadOnCompletion(uri, details)
    for tileset in getattr(merged, "tilesets", []) or []:
        feedback.pushInfo(tr("3D tiles of {}: {}", tileset.kind, tileset.path))
    if not every:
        feedback.pushWarning(tr("No result layer was found in {}.", out_dir))
    results[LAYERS] = every
    return results
