"""The benchmarks are scripts, not tests: pytest must not collect them (see README.md)."""

collect_ignore_glob = ["*.py"]
