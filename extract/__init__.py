"""figures: economic figures from news text, as cited time series."""

from extract.documents import Document
from extract.pipeline import (
    EXTRACTION_VERSION,
    extract_document,
    extract_documents,
    extract_figures,
    iter_figures,
)
from extract.schema import COLUMNS, Figure

__all__ = [
    "COLUMNS",
    "EXTRACTION_VERSION",
    "Document",
    "Figure",
    "extract_document",
    "extract_documents",
    "extract_figures",
    "iter_figures",
]
