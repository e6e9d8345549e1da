"""storylens: several news reports of one story, compared, with every item cited.

Public API::

    import storylens
    dossier = storylens.analyze(["examples/roma-2010"])
    print(dossier.entities[0].name)
"""

import logging

__version__ = "0.1.0"

from .errors import StorylensError  # noqa: E402
from .models import SCHEMA_VERSION, Article, Dossier, Entity, Span  # noqa: E402
from .pipeline import Pipeline, analyze  # noqa: E402
from .settings import Settings  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Dossier",
    "Entity",
    "Pipeline",
    "Settings",
    "Span",
    "StorylensError",
    "__version__",
    "analyze",
]
