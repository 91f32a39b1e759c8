"""Kenes: the working platform of an intergovernmental expert council."""

__version__ = "0.1.0"
