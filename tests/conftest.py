"""Shared test settings: hypothesis without deadlines (these machines are shared and noisy)."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, max_examples=100, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
