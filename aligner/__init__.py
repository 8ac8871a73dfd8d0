"""aligner: translation quality and multilingual alignment."""
from ._version import __version__

__all__ = ["__version__"]
