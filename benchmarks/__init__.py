"""Benchmarks, run by `make bench`: each prints a table with ratios against a baseline measured
in the same run (machines are noisy: medians of repeated runs, and ratios, not absolute times)."""
