"""QGIS-side services of the plugin (no widgets): tasks, results, credentials, settings."""
