"""A table of contents with page numbers in one layout pass.

Each section starts with an invisible ``Marker`` that notes the page it lands on; the
contents page holds a ``PageRef`` per section that notes where its number goes. The numbers
are drawn when the document is saved — as the footers' "n / N" are (pdf_base.NumberedCanvas
calls the page's ``draw`` for every page then) — so the document is laid out once, however
many pages a section takes."""

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from oneaqita.reports.pdf_base import ReportPage, register_font

__all__ = ["ContentsPage", "Marker", "PageNumbers", "PageRef"]


@dataclass
class PageNumbers:
    """Where each section begins, and where the contents page wants its number drawn."""

    starts: dict[str, int] = field(default_factory=dict)
    refs: list[tuple[str, int, float, float]] = field(default_factory=list)  # key, page, x, y


class Marker(Flowable):
    """Takes no room; notes the page it is drawn on as the start of ``key``."""

    def __init__(self, numbers: PageNumbers, key: str) -> None:
        super().__init__()
        self.numbers, self.key = numbers, key

    def wrap(self, *_: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.numbers.starts.setdefault(self.key, self.canv.getPageNumber())


class PageRef(Flowable):
    """A cell's page number, drawn right-aligned at the cell's right edge once known."""

    def __init__(self, numbers: PageNumbers, key: str, width: float, height: float = 10) -> None:
        super().__init__()
        self.numbers, self.key = numbers, key
        self.width, self.height = width, height

    def wrap(self, *_: Any) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(self.width, 1.5)
        self.numbers.refs.append((self.key, self.canv.getPageNumber(), x, y))


@dataclass(frozen=True)
class ContentsPage(ReportPage):
    """A ReportPage that also writes the contents' page numbers on the page that asks."""

    numbers: PageNumbers = field(default_factory=PageNumbers)
    size: float = 10

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        super().draw(canvas, page, pages)
        refs = [r for r in self.numbers.refs if r[1] == page]
        if not refs:
            return
        canvas.saveState()
        canvas.setFont(register_font(), self.size)
        for key, _, x, y in refs:
            start = self.numbers.starts.get(key)
            if start is not None:
                canvas.drawRightString(x, y, str(start))
        canvas.restoreState()
