"""Reading files and extracting their fields.

* ``reading/``: a file's bytes to pages of words with boxes (the PDF
  text layer, OCR of scans and photos, plain text).
* ``extraction/``: classification and the field extractors.
* :mod:`intake.extractors.base`: the :class:`~intake.extractors.base.Extractor` protocol
  and the :class:`~intake.extractors.base.Registry` of extractors per document type.
* :mod:`intake.extractors.dispatch`: what the pipeline's stages call (:func:`read_file`,
  :func:`classify`, :func:`extract`).

Nothing is imported here, so that using one part does not load the others (the readers
bring numpy, PDFium and tesseract).
"""
