"""The extraction engine: text in, :class:`ExtractionResult` out.

A pure library: it never imports Django (the apps call it; it never calls them).
The contract it implements is ``../shared/EXTRACTION.md`` (``kenes.extraction/1``).
Heavy imports are lazy so that ``kenes extract`` starts fast.
"""
