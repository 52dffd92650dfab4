"""The real-posting evaluation corpus: `dev.jsonl`, `test.jsonl` and their README (package data)."""
