"""kg: a knowledge graph of the people, organisations, places and projects in Chinese newspaper pages.

>>> import kg
>>> graph, articles = kg.build(["corpus"])  # doctest: +SKIP
"""

from .build import build

__all__ = ["build"]
__version__ = "0.1.0"
