"""Helpers the tests share that are bigger than a fixture (tests/ is on ``sys.path`` when
pytest runs, as for ``conftest``; docs/failures.md's cog block puts it there itself)."""
