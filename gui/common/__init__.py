"""What every part of the window shares: settings, theme colours, resources, Qt names, turns of the event loop."""
