"""Development tooling shared by the test suite (``tests/``) and the benchmarks (``bench/``).

It sits at the top level, beside them, because both use it and neither may own it: benchmarks
importing ``tests`` would make the test suite a library, and tests importing ``bench`` would tie
them to code that only ``make bench`` runs. Readers of the site never meet it (it is not in the
wheel); the editable install puts the repository root on ``sys.path``, so ``import devtools``
works wherever ``import figures`` does.
"""
