"""The meeting page, ``05_bijeenkomst.ipynb``: the community contributes from phones, the coach accepts."""
