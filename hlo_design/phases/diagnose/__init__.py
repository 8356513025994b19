"""The diagnosis phase, ``01_diagnose.ipynb``: the notebook's sections and the diagnosis report."""
