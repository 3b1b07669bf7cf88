"""Widgets and map tools of the plugin."""
