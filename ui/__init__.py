"""The PySide6 desktop front end of oneaqita. It calls `oneaqita` services and never writes
rows or builds queries itself; `ui.app.run` is the entry point."""
