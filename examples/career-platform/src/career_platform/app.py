"""The application factory: one infoint store for the platform, one Workspace per request.

The platform opens its store once, from one URL (``CAREER_PLATFORM_DB``),
with :func:`infoint.open_store`, which resolves it as :func:`infoint.open`
does (the ``infoint_storage_backends`` hook: ``sqlite:///...`` is built in,
``postgresql+psycopg://...`` comes from the infoint-sql plugin). Each
request of a signed-in seeker gets a :class:`~infoint.workspace.Workspace`
bound to that seeker's account ID, so nothing in a request can read or
change another seeker's records. The Workspaces borrow the store; only the
platform closes it.

Security, briefly: Flask's signed session cookie (HttpOnly, SameSite=Lax)
holds the account ID and a CSRF token that every POST must echo; the secret
key comes from ``CAREER_PLATFORM_SECRET_KEY`` or a 0600 file in the instance
folder; Jinja autoescapes every template; a Content-Security-Policy allows
nothing but the app's own style sheet and frames.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import sqlalchemy as sa
from flask import Flask, Response, abort, g, render_template, request, session
from infoint.errors import InfointError, NotFound, StoreError
from infoint.rules import Policy
from infoint.storage import Store
from infoint.workspace import Workspace
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from career_platform.accounts import Account, Accounts

if TYPE_CHECKING:
    from infoint.plugins import InfointPluginManager

DB_ENV = "CAREER_PLATFORM_DB"
SECRET_ENV = "CAREER_PLATFORM_SECRET_KEY"
TIME_ZONE_ENV = "CAREER_PLATFORM_TIME_ZONE"
SECURE_COOKIE_ENV = "CAREER_PLATFORM_SECURE_COOKIE"
INSTANCE_ENV = "CAREER_PLATFORM_INSTANCE"

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self';"
    " form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""The app's pages: its own style sheet and frames (the prep sheet), nothing else."""

log = logging.getLogger(__name__)


def machine_now() -> datetime:
    """The machine's clock, as an aware time (the platform's clock unless it is given one)."""
    return datetime.now(UTC)


@attrs.define
class Platform:
    """What every request shares: the store, the plugin manager, the policy and the accounts."""

    url: str
    store: Store
    plugins: InfointPluginManager
    accounts: Accounts
    policy: Policy = attrs.field(factory=Policy)
    clock: Callable[[], datetime] = attrs.field(default=machine_now)
    """The current aware time (tests pass a fake one); each seeker reads it in their zone."""
    _own_engine: sa.Engine | None = None

    def workspace(self, account: Account) -> Workspace:
        """The seeker's Workspace: their records only, with their time zone's clock."""
        clock, zone = self.clock, account.zone
        return Workspace(
            self.store,
            owner=account.id,
            plugins=self.plugins,
            policy=self.policy,
            clock=lambda: clock().astimezone(zone),
        )

    def close(self) -> None:
        """Close the accounts' engine (if the platform made it) and the store."""
        if self._own_engine is not None:
            self._own_engine.dispose()
        self.store.close()


def open_platform(
    url: str,
    *,
    policy: Policy | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Platform:
    """The store at ``url`` (resolved by infoint's plugins) and the accounts beside it.

    ``clock`` returns the current aware time (default: the machine's).
    """
    import infoint
    from infoint.plugins import make_plugin_manager

    plugins = make_plugin_manager()  # one manager: installed plugins hear every change
    store = infoint.open_store(url, plugins=plugins)
    try:
        engine, own = _accounts_engine(url, store)
        accounts = Accounts(engine)
    except BaseException:
        store.close()
        raise
    return Platform(
        url=url,
        store=store,
        plugins=plugins,
        accounts=accounts,
        policy=policy or Policy(),
        own_engine=engine if own else None,
        clock=machine_now if clock is None else clock,
    )


def _accounts_engine(url: str, store: Store) -> tuple[sa.Engine, bool]:
    """Where the accounts table lives: the same database as the store's records.

    Returns the engine and whether the platform made it (and so disposes of it).
    """
    borrowed = getattr(store, "engine", None)  # the infoint-sql store shares its pool
    if isinstance(borrowed, sa.Engine):
        return borrowed, False
    scheme = url.split("://", 1)[0] if "://" in url else "sqlite"
    if scheme == "sqlite":
        from infoint.builtin.sqlite import path_from_url

        path = path_from_url(url)
        if path != ":memory:":
            path = str(Path(path).expanduser())
            return sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 30}), True
    elif scheme != "memory":
        raise StoreError(
            f"{scheme}:// stores have no SQL database for the accounts: use sqlite:///PATH"
            " or postgresql+psycopg://..."
        )
    # memory:// (demos, tests): accounts in memory too, one connection shared by all threads.
    memory = sa.create_engine(
        "sqlite://", poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False}
    )
    return memory, True


def secret_key(instance: Path) -> str:
    """``CAREER_PLATFORM_SECRET_KEY``, else the instance's ``secret_key`` file (made 0600)."""
    from_env = os.environ.get(SECRET_ENV, "").strip()
    if from_env:
        return from_env
    file = instance / "secret_key"
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = file.read_text("ascii").strip()
        if len(key) < 32:
            raise RuntimeError(
                f"{file}: too short for a secret key; delete it to make a new one"
            ) from None
        return key
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


def default_time_zone() -> str:
    """The zone new accounts start with: ``CAREER_PLATFORM_TIME_ZONE``, the machine's, or UTC."""
    from_env = os.environ.get(TIME_ZONE_ENV, "").strip()
    if from_env:
        return from_env
    from infoint.timezones import local_zone

    zone = local_zone()
    return str(getattr(zone, "key", "") or "UTC")


class HexIdConverter(BaseConverter):
    """The 32 hexadecimal digits of an infoint ID: the only IDs URLs accept.

    The SDK also resolves prefixes and names; a URL names one record exactly.
    """

    regex = "[0-9a-f]{32}"


def create_app(
    config: Mapping[str, Any] | None = None, *, instance_path: str | None = None
) -> Flask:
    """The Flask app (``flask --app career_platform run``).

    ``config`` overrides the settings from the environment; its keys:
    ``DATABASE`` (the store URL), ``SECRET_KEY``, ``DEFAULT_TIME_ZONE``,
    ``POLICY`` (an infoint :class:`~infoint.rules.Policy`), ``CLOCK`` (returns the
    current aware datetime: tests pass a fake one) and Flask's own.
    """
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get(INSTANCE_ENV) or None,
        instance_relative_config=True,
    )
    instance = Path(app.instance_path)
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    given = dict(config or {})
    app.config.update(
        DATABASE=os.environ.get(DB_ENV, "").strip()
        or "sqlite:///" + str(instance / "career-platform.db"),
        DEFAULT_TIME_ZONE=default_time_zone(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get(SECURE_COOKIE_ENV, "") == "1",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.update(given)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(instance)

    platform = open_platform(
        app.config["DATABASE"], policy=app.config.get("POLICY"), clock=app.config.get("CLOCK")
    )
    app.extensions["career_platform"] = platform
    app.url_map.converters["hexid"] = HexIdConverter

    from career_platform import views

    app.register_blueprint(views.auth)
    app.register_blueprint(views.seeker)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.filters["when"] = views.when
    app.jinja_env.filters["day"] = views.day

    app.before_request(_check_csrf)
    app.before_request(_load_account)
    app.after_request(_secure_headers)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(StoreError, _store_unavailable)
    app.register_error_handler(InfointError, _refused)
    app.register_error_handler(HTTPException, _http_error)
    return app


def platform() -> Platform:
    """The running app's platform."""
    from flask import current_app

    found: Platform = current_app.extensions["career_platform"]
    return found


# ---------------------------------------------------------------- per request


def csrf_token() -> str:
    """The session's CSRF token (made on first use); every form posts it back."""
    token = session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _check_csrf() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = session.get("csrf")
    sent = request.form.get("csrf_token", "").encode()  # bytes: any text compares, not only ASCII
    if (
        not isinstance(expected, str)
        or not expected
        or not hmac.compare_digest(sent, expected.encode())
    ):
        abort(400, "This form has expired or came from another site: reload the page, try again.")


def _load_account() -> None:
    g.account = None
    g.workspace = None
    if request.endpoint == "static":
        return
    account_id = session.get("account")
    if not isinstance(account_id, str):
        return
    account = platform().accounts.get(account_id)
    if account is None:  # the account is gone: the cookie is worth nothing
        session.pop("account", None)
        return
    g.account = account
    g.workspace = platform().workspace(account)


def _secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if g.get("account") is not None:
        # Personal records: not kept in caches, not shown by Back after signing out.
        response.headers["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- errors


def _error_page(code: int, title: str, message: str) -> tuple[str, int]:
    return render_template("error.html", code=code, title=title, message=message), code


def _not_found(err: Exception) -> tuple[str, int]:
    # One page for "missing" and "someone else's": the message names nothing.
    return _error_page(404, "Not found", "There is nothing here, or it is not yours to see.")


def _store_unavailable(err: Exception) -> tuple[str, int]:
    log.error("store error: %s", err)
    return _error_page(503, "Unavailable", "The database cannot be used right now. Try again.")


def _refused(err: Exception) -> tuple[str, int]:
    return _error_page(400, "Not done", str(err))


def _http_error(err: HTTPException) -> tuple[str, int] | HTTPException:
    if err.code == 404:
        return _not_found(err)
    if err.code is None or err.code < 400:
        return err
    return _error_page(err.code, err.name, err.description or err.name)
