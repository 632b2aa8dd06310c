"""The site build's stages (file I/O lives here, not in ``generator``); ``build.py`` orchestrates them."""
