"""One search for the whole platform: an index kept by the write path, full text on SQLite and PostgreSQL.

Apps declare what they make searchable in their own ``search.py`` (see ``registry``);
the write path calls ``index.update(instance)``; pages and the API call ``query.search``.
"""
