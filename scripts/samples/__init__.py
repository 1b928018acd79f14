"""One generator per log format for samples/ (run scripts/make_samples.py)."""
