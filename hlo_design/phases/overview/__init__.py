"""The overview across cases, ``04_overzicht.ipynb``: the notebook's sections and the overview report."""
