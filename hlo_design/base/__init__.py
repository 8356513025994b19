"""Foundation: settings and paths, the error tree, shared record shapes and the vocabulary.

Every other layer may import from here; this package imports nothing of the workbook.
"""
