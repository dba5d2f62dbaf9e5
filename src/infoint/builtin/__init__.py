"""The default plugins, registered through the same manager as third-party ones.

:data:`BUILTIN_PLUGINS` maps each plugin's name to its module; the modules
are imported when a plugin manager is made, that is by every command that
opens a workspace, except those of :data:`ON_FIRST_CALL`, imported when one
of their hooks is first called. So each imports only infoint and the standard
library at its top, and of the standard library only what is cheap: what takes
milliseconds to import (``tomllib``, ``importlib.resources``, ``hashlib``,
``csv``, ``difflib``, ``email``) is imported by the function that needs it,
and long regular expressions are compiled on first use.
"""

BUILTIN_PLUGINS: dict[str, str] = {
    "sqlite": "infoint.builtin.sqlite",
    "memory": "infoint.builtin.memory",
    "lint": "infoint.builtin.lint",
    "question-bank": "infoint.builtin.question_bank",
    "research": "infoint.builtin.research",
    "json-export": "infoint.builtin.json_export",
    "contacts-csv": "infoint.builtin.contacts_csv",
    "exports": "infoint.builtin.exports",
}

ON_FIRST_CALL: dict[str, tuple[str, ...]] = {
    "lint": ("infoint_lint_rules",),
    "question-bank": ("infoint_question_generators",),
    "research": ("infoint_question_generators",),
    "json-export": ("infoint_exporters",),
    "contacts-csv": ("infoint_importers",),
    "exports": ("infoint_exporters",),
}
"""Built-ins whose hooks most commands never call (the agenda calls only the stores'),
with those hooks, each taking no argument. The plugin manager registers each under
its name and module as usual, with hooks that import the module when first called and
then call its own. A hook added to one of these modules must be listed here
(``tests/cli/test_cli_startup.py`` checks that these are exactly its hooks)."""
