"""PDF reports: Qt-free, laid out with reportlab in the embedded Japanese font (pdf_base)."""
