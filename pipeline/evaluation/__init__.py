"""The hand-labeled evaluation set (JSONL package data) that `jobtrends eval` scores."""
