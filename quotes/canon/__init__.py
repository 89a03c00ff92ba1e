"""Canonical speakers, offices and statements across articles: pure functions over names and words."""
