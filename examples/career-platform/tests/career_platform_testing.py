"""Helpers for the career platform's tests: the app on a test database, and a seeker's
session through Flask's test client. (A module of its own, named so that no other test
folder of infoint has one by that name.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.test import TestResponse

from career_platform.app import Platform, create_app

PASSWORD = "correct horse battery"


def make_app(folder: Path, url: str | None = None, **config: Any) -> Flask:
    """The app with its instance folder in ``folder`` (and its database there, by default)."""
    settings: dict[str, Any] = {"TESTING": True, **config}
    if url is not None:
        settings["DATABASE"] = url
    return create_app(settings, instance_path=str(folder / "instance"))


def platform_of(app: Flask) -> Platform:
    found: Platform = app.extensions["career_platform"]
    return found


class Seeker:
    """Someone with a browser session (a test client) on the platform."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def token(self) -> str:
        """The session's CSRF token (a page is fetched first if the session has none)."""
        with self.client.session_transaction() as session:
            token = session.get("csrf")
        if token is None:
            self.client.get("/sign-in")
            with self.client.session_transaction() as session:
                token = session["csrf"]
        assert isinstance(token, str)
        return token

    def get(self, url: str) -> TestResponse:
        return self.client.get(url)

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> TestResponse:
        """A form POST with the session's CSRF token (unless ``data`` sets one)."""
        form = {"csrf_token": self.token(), **(data or {})}
        return self.client.post(url, data=form, **kwargs)

    def sign_up(self, username: str, *, name: str = "", zone: str = "Europe/Berlin") -> None:
        response = self.post(
            "/sign-up",
            {
                "username": username,
                "name": name,
                "password": PASSWORD,
                "password_again": PASSWORD,
                "time_zone": zone,
            },
        )
        assert response.status_code == 303, response.text

    def add_contact(self, name: str, **fields: str) -> str:
        """Add a contact; its ID (read back from the contacts page)."""
        response = self.post("/contacts", {"name": name, **fields})
        assert response.status_code == 303, response.text
        page = self.get("/contacts").text
        shown = re.escape(str(escape(name)))
        found = re.search(rf'href="/contacts/([0-9a-f]{{32}})">{shown}<', page)
        assert found, page
        return found.group(1)

    def plan(self, contact_id: str, target: str = "Data engineer", **fields: Any) -> str:
        """Plan an interview; its ID (from where the page sends the seeker)."""
        form = {
            "contact": contact_id,
            "target_kind": "occupation",
            "target_name": target,
            "purposes": ["break-in"],
            "goals": "What does a typical week look like?",
            "mode": "in-person",
            "minutes": "20",
            **fields,
        }
        response = self.post("/interviews/new", form)
        assert response.status_code == 303, response.text
        location = response.headers["Location"]
        found = re.fullmatch(r"/interviews/([0-9a-f]{32})", location)
        assert found, location
        return found.group(1)
