"""Read-only: what a screen, a PDF or the share page shows, built from rows and `policy/`."""
