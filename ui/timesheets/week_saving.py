"""Saving the My week grid as it is typed: one save at a time, in the order typed.

- Each committed cell (or a pasted or cleared block, or the week's submission) is a job; a
  job is built when its turn comes, so that it carries the version of each cell as the grid
  knows it then (save_cell's expected_version: 0 for "there was no entry").
- Jobs run one after another through ChangeOp (its Change names the page as initiator, so
  the page does not reload for its own change twice). Before a job that touches a cell saved
  since the week was last read, the week is read again (the cell's version moved on); when
  nothing is left to do, the week is read again and the typed cells are settled: the stored
  week confirms what was shown.
- A refusal (ValidationError, a block's BlockRefused per cell) is shown at its cells by the
  page; ConcurrentEdit reads the week again and says so; any other error is the error box.
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from oneaqita.errors import ConcurrentEdit, DomainError, ValidationError
from oneaqita.services.changes import Change
from oneaqita.services.time_entries import BlockRefused
from ui.errors import show_error
from ui.operations import ChangeOp
from ui.timesheets.week_model import CellKey

__all__ = ["Job", "WeekSaver"]

Refusal = tuple[CellKey | None, str, str]  # the cell (None: the week), ja, en


@dataclass
class Job:
    keys: list[CellKey]  # the cells it writes, in block order
    build: Callable[[], Callable[[], Change]]  # on the GUI thread, when the job's turn comes
    done: Callable[[], None] | None = None  # after the week was read again


class WeekSaver:
    def __init__(
        self,
        page: QWidget,
        reload: Callable[[Callable[[], None]], None],
        settle: Callable[[list[CellKey]], None],
        refused: Callable[[list[Refusal]], None],
        conflicted: Callable[[], None],
    ) -> None:
        """`reload(then)` reads the week again and calls `then` once it is shown."""
        self._page = page
        self._reload, self._settle = reload, settle
        self._refused, self._conflicted = refused, conflicted
        self.queue: deque[Job] = deque()
        self.busy = False
        self._dirty: set[CellKey] = set()  # saved since the week was last read
        self._finished: list[Job] = []  # to settle at the next read

    def idle(self) -> bool:
        return not self.busy and not self.queue

    def add(self, job: Job) -> None:
        self.queue.append(job)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.queue:
            if self._finished:
                self.busy = True
                self._read_again(self._stop)
            else:
                self.busy = False
            return
        job = self.queue[0]
        if self._dirty & set(job.keys):
            self.busy = True
            self._read_again(self._next)
            return
        self.queue.popleft()
        self.busy = True
        ChangeOp(self._page, job.build(), initiator=self._page).success(
            lambda _change: self._saved(job)
        ).failure(lambda exc: self._failed(job, exc)).run()

    def _stop(self) -> None:
        self.busy = False
        if self.queue:  # typed while the week was read
            self._next()

    def _read_again(self, then: Callable[[], None]) -> None:
        finished, self._finished = self._finished, []
        self._dirty.clear()

        def shown() -> None:
            waiting = {k for job in self.queue for k in job.keys}  # typed again meanwhile
            self._settle([k for job in finished for k in job.keys if k not in waiting])
            for job in finished:
                if job.done is not None:
                    job.done()
            then()

        self._reload(shown)

    def _saved(self, job: Job) -> None:
        self._dirty.update(job.keys)
        self._finished.append(job)
        self._next()

    def _failed(self, job: Job, exc: BaseException) -> None:
        if isinstance(exc, BlockRefused):
            self._refused(
                [(job.keys[i] if i < len(job.keys) else None, ja, en) for i, ja, en in exc.cells]
            )
        elif isinstance(exc, ConcurrentEdit):
            self._conflicted()
        elif isinstance(exc, DomainError):  # a ValidationError, or no permission
            cells: list[CellKey | None] = list(job.keys) or [None]
            if isinstance(exc, ValidationError) and len(job.keys) > 1:
                cells = [None]
            self._refused([(k, exc.ja, exc.en) for k in cells])
        else:
            show_error(self._page, exc)
        # What was typed goes back to what is stored: the week is read again now.
        self._settle(job.keys)
        self._dirty.update(job.keys)
        self._finished.append(Job([], job.build))
        self._next()
