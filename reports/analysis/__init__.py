"""Statistics behind the pages: shares, intervals, significance tests and claim checks."""
