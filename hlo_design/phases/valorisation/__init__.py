"""The valorisation phase, ``03_valorisatie.ipynb``: the notebook's sections and the valorisation report."""
