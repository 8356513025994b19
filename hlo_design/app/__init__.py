"""Entry points: the command line, the papermill batch and the Voilà server."""
