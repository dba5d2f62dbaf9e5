"""Test helpers for infoint and its plugin authors.

- :mod:`infoint.testing.plugin` is a pytest plugin, loaded automatically
  (``pytest11`` entry point): fixtures for a memory-backed Workspace and a
  fixed clock.
- :mod:`infoint.testing.contract` holds :class:`~infoint.testing.contract.StoreContract`,
  the suite every store passes: subclass it and provide a ``store`` fixture.
- :mod:`infoint.testing.strategies` has hypothesis strategies for every aggregate.

The contract and strategies need ``pip install infoint[testing]`` (pytest and
hypothesis); this package itself imports neither, so that merely having
infoint installed never breaks someone's pytest run.
"""
