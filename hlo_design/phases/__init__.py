"""The phases a learning community goes through; each module backs one notebook."""
