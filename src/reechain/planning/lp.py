"""A thin vectorised layer over highspy: named blocks of variables and constraints, one sparse matrix.

Each block is an n-dimensional array of columns (or rows) with labelled axes, so a ``define_*`` function
adds a
whole family at once with numpy broadcasting and any single column or row can be named in messages
(``plant-capacity[plant=separation-1, period=2026-Q2]``). The matrix is collected as COO triplets and
handed to
HiGHS in one ``passModel`` call (see ``docs/planning.md`` for why not linopy or one-row-at-a-time calls).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np
import numpy.typing as npt

Index = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
INF = highspy.kHighsInf


@dataclass
class Block:
    """A family of columns or rows: ``start`` is the first index, ``axes`` label each dimension."""

    name: str
    start: int
    axes: tuple[tuple[str, tuple[str, ...]], ...]  # (axis name, labels)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(labels) for _, labels in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64)) if self.axes else 1

    def indices(self) -> Index:
        return np.arange(self.start, self.start + self.size, dtype=np.int64).reshape(self.shape)

    def label(self, index: int) -> str:
        if not self.axes:
            return self.name
        position = np.unravel_index(index - self.start, self.shape)
        parts = [f"{axis}={labels[int(i)]}" for (axis, labels), i in zip(self.axes, position, strict=True)]
        return f"{self.name}[{', '.join(parts)}]"

    def coordinates(self, index: int) -> dict[str, str]:
        position = np.unravel_index(index - self.start, self.shape)
        return {axis: labels[int(i)] for (axis, labels), i in zip(self.axes, position, strict=True)}


@dataclass(frozen=True)
class RowwiseMatrix:
    """Compressed sparse rows (what scipy calls CSR), built with numpy alone: importing scipy costs more
    than building a year's model, so a file solve does without it."""

    indptr: Index
    indices: Index
    data: Floats

    @property
    def nnz(self) -> int:
        return int(self.data.size)

    @staticmethod
    def from_triplets(rows: Index, cols: Index, values: Floats, *, n_rows: int) -> RowwiseMatrix:
        """Triplets in any order; repeated (row, column) pairs are summed, columns sorted within a row."""
        order = np.lexsort((cols, rows))
        r, c, v = rows[order], cols[order], values[order]
        if r.size:
            first = np.ones(r.size, dtype=bool)
            first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
            starts = np.flatnonzero(first)
            r, c, v = r[starts], c[starts], np.add.reduceat(v, starts)
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=n_rows), out=indptr[1:])
        return RowwiseMatrix(indptr=indptr, indices=c.astype(np.int64), data=v.astype(np.float64))


@dataclass
class LinearModel:
    maximize: bool = True
    columns: dict[str, Block] = field(default_factory=dict)
    rows: dict[str, Block] = field(default_factory=dict)
    _col_lower: list[Floats] = field(default_factory=list)
    _col_upper: list[Floats] = field(default_factory=list)
    _col_cost: list[Floats] = field(default_factory=list)
    _col_integer: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    _row_lower: list[Floats] = field(default_factory=list)
    _row_upper: list[Floats] = field(default_factory=list)
    _terms: list[tuple[Index, Index, Floats]] = field(default_factory=list)
    n_cols: int = 0
    n_rows: int = 0

    def add_variables(
        self,
        name: str,
        axes: list[tuple[str, tuple[str, ...]]],
        *,
        lower: float | npt.ArrayLike = 0.0,
        upper: float | npt.ArrayLike = INF,
        cost: float | npt.ArrayLike = 0.0,
        integer: bool = False,
    ) -> Index:
        block = Block(name, self.n_cols, tuple(axes))
        shape = block.shape
        self.columns[name] = block
        self._col_lower.append(np.broadcast_to(np.asarray(lower, dtype=np.float64), shape).ravel())
        self._col_upper.append(np.broadcast_to(np.asarray(upper, dtype=np.float64), shape).ravel())
        self._col_cost.append(np.broadcast_to(np.asarray(cost, dtype=np.float64), shape).ravel())
        self._col_integer.append(np.full(block.size, integer))
        self.n_cols += block.size
        return block.indices()

    def add_constraints(
        self,
        name: str,
        axes: list[tuple[str, tuple[str, ...]]],
        *,
        lower: float | npt.ArrayLike = -INF,
        upper: float | npt.ArrayLike = INF,
    ) -> Index:
        block = Block(name, self.n_rows, tuple(axes))
        shape = block.shape
        self.rows[name] = block
        self._row_lower.append(np.broadcast_to(np.asarray(lower, dtype=np.float64), shape).ravel())
        self._row_upper.append(np.broadcast_to(np.asarray(upper, dtype=np.float64), shape).ravel())
        self.n_rows += block.size
        return block.indices()

    def add_terms(self, rows: npt.ArrayLike, cols: npt.ArrayLike, coefs: npt.ArrayLike) -> None:
        """Add ``coef * x[col]`` to ``row``; the three arrays broadcast together. Zeros are dropped."""
        r, c, v = np.broadcast_arrays(np.asarray(rows), np.asarray(cols), np.asarray(coefs, dtype=np.float64))
        keep = v != 0
        self._terms.append((r[keep].astype(np.int64), c[keep].astype(np.int64), v[keep].astype(np.float64)))

    def matrix(self) -> RowwiseMatrix:
        if self._terms:
            r = np.concatenate([t[0] for t in self._terms])
            c = np.concatenate([t[1] for t in self._terms])
            v = np.concatenate([t[2] for t in self._terms])
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0)
        return RowwiseMatrix.from_triplets(r, c, v, n_rows=self.n_rows)

    def vectors(self) -> dict[str, Floats]:
        def cat(parts: list[Floats]) -> Floats:
            return np.concatenate(parts) if parts else np.zeros(0)

        return {
            "col_lower": cat(self._col_lower),
            "col_upper": cat(self._col_upper),
            "col_cost": cat(self._col_cost),
            "row_lower": cat(self._row_lower),
            "row_upper": cat(self._row_upper),
        }

    @property
    def has_integers(self) -> bool:
        return any(bool(part.any()) for part in self._col_integer)

    def to_highs(self, highs: highspy.Highs, *, relax_integers: bool = False) -> None:
        """Pass the model in one call that takes the numpy arrays as they are (setting the fields of a
        ``HighsLp`` one by one converts every array element by element)."""
        v = self.vectors()
        a = self.matrix()
        sense = highspy.ObjSense.kMaximize if self.maximize else highspy.ObjSense.kMinimize
        integrality = np.zeros(self.n_cols, dtype=np.int32)  # all continuous, as HiGHS reads an LP
        if self.has_integers and not relax_integers:
            integrality[np.concatenate(self._col_integer)] = int(highspy.HighsVarType.kInteger.value)
        status = highs.passModel(
            self.n_cols,
            self.n_rows,
            a.nnz,
            int(highspy.MatrixFormat.kRowwise.value),
            int(sense.value),
            0.0,
            v["col_cost"],
            v["col_lower"],
            v["col_upper"],
            v["row_lower"],
            v["row_upper"],
            a.indptr.astype(np.int32),
            a.indices.astype(np.int32),
            a.data,
            integrality,
        )
        if status == highspy.HighsStatus.kError:
            raise RuntimeError(f"HiGHS refused the model ({self.n_cols} columns, {self.n_rows} rows)")

    def column_label(self, index: int) -> str:
        return _find(self.columns, index).label(index)

    def row_label(self, index: int) -> str:
        return _find(self.rows, index).label(index)

    def row_block(self, index: int) -> Block:
        return _find(self.rows, index)

    def column_block(self, index: int) -> Block:
        return _find(self.columns, index)


def _find(blocks: dict[str, Block], index: int) -> Block:
    for block in blocks.values():
        if block.start <= index < block.start + block.size:
            return block
    raise IndexError(index)
