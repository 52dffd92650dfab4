"""Fetch and parse job postings from public job sources. Never imports pipeline or reports."""
