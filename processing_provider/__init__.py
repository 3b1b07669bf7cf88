"""Processing provider and algorithms of the plugin."""
