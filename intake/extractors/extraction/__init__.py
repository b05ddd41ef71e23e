"""Extraction: classification and the field extractors, over the words the readers give."""
