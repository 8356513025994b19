"""Pure functions over model objects: sums, comparisons, checks. No figures, no widgets, no files."""
