"""``career-platform [--host H] [--port P]``: the app on Werkzeug's development server.

For production, serve ``career_platform:create_app()`` with a WSGI server
(gunicorn, waitress, ...) behind HTTPS and set CAREER_PLATFORM_SECURE_COOKIE=1.
"""

from __future__ import annotations

import argparse


def main(argv: list[str] | None = None) -> None:
    """Parse the options and serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="career-platform",
        description="infoint's example career platform (development server)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (5000)")
    options = parser.parse_args(argv)

    from career_platform import create_app

    create_app().run(host=options.host, port=options.port, threaded=True)


if __name__ == "__main__":
    main()
