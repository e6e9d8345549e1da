"""The errors storylens raises, each with a message that says what to do.

    StorylensError
     ├── ConfigError          a setting is invalid
     ├── ModelNotFound        no spaCy pipeline of the configured names is installed, or the
     │                        sentence-embedding model (or its libraries) is missing
     ├── IngestError          one input could not be read (the batch goes on without it)
     │    ├── EmptyInput
     │    ├── BinaryInput
     │    ├── NotUtf8
     │    ├── TooLarge
     │    ├── MalformedInput
     │    └── FetchError       a URL could not be fetched (or was refused)
     ├── NothingToAnalyse     every input was skipped
     ├── StoreError           the database could not be read or written
     └── UnreadableDossier    a stored dossier this version cannot read (analyse its articles again)

The command line maps these to one-line messages and exit codes; the library raises them.
"""

from __future__ import annotations


class StorylensError(Exception):
    """Base class of every error storylens raises on purpose."""


class ConfigError(StorylensError):
    pass


class ModelNotFound(StorylensError):
    pass


class IngestError(StorylensError):
    """An input that could not be turned into an article.  ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInput(IngestError):
    pass


class BinaryInput(IngestError):
    pass


class NotUtf8(IngestError):
    pass


class TooLarge(IngestError):
    pass


class MalformedInput(IngestError):
    pass


class FetchError(IngestError):
    pass


class NothingToAnalyse(StorylensError):
    pass


class StoreError(StorylensError):
    pass


class UnreadableDossier(StorylensError):
    """A story whose stored dossier cannot be read: written by an incompatible version, or damaged.
    ``reason`` says which."""

    def __init__(self, story_id: str, reason: str) -> None:
        self.story_id = story_id
        self.reason = reason
        super().__init__(f"the stored analysis of story {story_id} cannot be read ({reason}); analyse its "
                         "articles again")


def shown(value: object, limit: int = 60) -> str:
    """``value`` as a message quotes it (its ``repr``), cut to ``limit`` characters: a message names what is wrong
    without echoing a request's or a file's megabytes back."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
