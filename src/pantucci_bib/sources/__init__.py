"""Archive pages: the extractor's input (the file formats live in :mod:`pantucci_bib.formats`)."""
