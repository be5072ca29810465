"""The executable figures of nn101 and the plain-Python runner that builds them.

One figure is one module, ``figures/<chapter>/<name>.py``; its id is ``<chapter>/<name>``.
The module's docstring holds the caption (first line) and the alt text (the paragraph after
it); ``build(seed=0)`` returns a matplotlib or plotly ``Figure``. Everything here is plain
Python with no MkDocs import, so the site can move to another generator without touching it.

``python -m figures build|list|clean`` is the command-line entry point.
"""
