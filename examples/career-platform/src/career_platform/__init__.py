"""A small career platform on infoint: many seekers, one database, one Workspace each.

Run it with ``flask --app career_platform run`` (or the ``career-platform``
command); see the README for the settings.
"""

from __future__ import annotations

from career_platform.app import create_app

__version__ = "0.1.0"

__all__ = ["__version__", "create_app"]
