"""The start page, ``index.ipynb``: every case with a link to each phase's dashboard."""
