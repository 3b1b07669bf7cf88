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
from qgis.PyQt import sip

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

    # The context deletes the C++ object when it is done with it, but the Python subclass must
    # stay referenced until then, or Processing calls a bare interface and the style is lost.
    _alive = []

    def __init__(self, kind_name, value_range=None):
        super().__init__()
        self.kind_name = kind_name
        self.value_range = value_range

    @classmethod
    def create(cls, kind_name, value_range=None):
        """A new post-processor, kept alive until its context deletes it."""
        cls._alive = [item for item in cls._alive if not sip.isdeleted(item)]
        processor = cls(kind_name, value_range)
        cls._alive.append(processor)
        return processor

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        from ..core.results_load import apply_kind_style

        if layer is None:
            return
        notes = []
        apply_kind_style(layer, self.kind_name, self.value_range, notes)
        for note in notes:
            feedback.pushWarning(note)


def publish_results(algorithm, out_dir, context, feedback):
    """Merge ``out_dir`` and return the layer outputs; schedule the layers to be loaded."""
    from ..beod.errors import CancelledError
    from ..beod.redact import redact
    from ..core.results import merge_outputs

    feedback.setProgressText(tr("Merging the results..."))
    try:
        merged = merge_outputs(out_dir, is_cancelled=feedback.isCanceled,
                               on_progress=lambda percent: feedback.setProgress(90.0 + percent / 10.0))
    except CancelledError as exc:
        raise QgsProcessingException(tr("Cancelled.")) from exc
    except Exception as exc:  # noqa: BLE001 (GDAL and file errors end the algorithm cleanly)
        raise QgsProcessingException(
            tr("The results in {} could not be merged: {}", out_dir, redact(exc))) from exc
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
        if hasattr(details, "forceName"):  # QGIS 3.32+ would otherwise name the layer after its file
            details.forceName = True
        # The context owns (and deletes) the post-processor: a new one for each layer.
        details.setPostProcessor(StylePostProcessor.create(kind.name, item.value_range))
        context.addLayerToLoadOnCompletion(uri, details)
    for tileset in getattr(merged, "tilesets", []) or []:
        feedback.pushInfo(tr("3D tiles of {}: {}", tileset.kind, tileset.path))
    if not every:
        feedback.pushWarning(tr("No result layer was found in {}.", out_dir))
    results[LAYERS] = every
    return results
