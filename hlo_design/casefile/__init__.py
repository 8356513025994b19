"""Case files on disk: YAML with line numbers, loading with every problem at once, atomic saving."""
