"""Capped, unbuffered capture of stdout/stderr for one run.

A learner's ``print('x' * 10**6)`` in a loop must not fill the browser's memory
or the result column, so both streams share one byte budget.  Writes go
straight into the capture (no line buffering), so a partial line such as
``print('x', end='')`` can never leak into the next run's output.
"""

import io

from ._pristine import TypeError, isinstance, len, str, type


class OutputBudget:
    """The byte budget shared by a run's stdout and stderr."""

    def __init__(self, limit):
        self.limit = limit
        self.used = 0
        self.truncated = False


class CapturedStream(io.TextIOBase):
    """A text stream that keeps what is written, up to the shared budget."""

    def __init__(self, name, budget):
        super().__init__()
        self._name = name
        self._budget = budget
        self._chunks = []
        self._was_cut = False

    @property
    def name(self):
        return f"<{self._name}>"

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    def writable(self):
        return True

    def isatty(self):
        return False

    def flush(self):
        pass

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        budget = self._budget
        if budget.truncated:
            # Past the limit: drop without encoding, so a flood stays cheap.
            return len(text)
        data = text.encode("utf-8", "surrogatepass")
        remaining = budget.limit - budget.used
        if len(data) <= remaining:
            self._chunks.append(text)
            budget.used += len(data)
        else:
            # Cut on a byte boundary but never inside a UTF-8 sequence.
            self._chunks.append(data[:remaining].decode("utf-8", "ignore"))
            budget.used = budget.limit
            budget.truncated = True
            self._was_cut = True
        return len(text)

    def getvalue(self):
        text = "".join(self._chunks)
        if self._was_cut:
            text += f"\n… output truncated (limit {self._budget.limit} bytes)\n"
        return text
