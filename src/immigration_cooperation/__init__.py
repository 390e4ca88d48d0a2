"""Machinery for the US local immigration-enforcement cooperation data package."""

from .release import VERSION as __version__

__all__ = ["__version__"]
