"""The design phase, ``02_ontwerp.ipynb``: the notebook's sections and the design report."""
