"""``python -m infoint``: the same as the ``infoint`` command."""

from infoint.cli import main

if __name__ == "__main__":
    main()
