"""Store postings, run the spaCy extraction, and build pandas frames."""
