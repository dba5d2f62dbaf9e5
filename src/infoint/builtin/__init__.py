"""The default plugins, registered through the same manager as third-party ones.

:data:`BUILTIN_PLUGINS` maps each plugin's name to its module; the modules
are imported when a plugin manager is made, that is by every command that
opens a workspace. So each imports only infoint and the standard library at
its top, and of the standard library only what is cheap: what takes
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
