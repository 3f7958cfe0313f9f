"""Benchmarks for Network Coach: ``python -m benchmarks`` (see ``benchmarks/README.md``)."""
