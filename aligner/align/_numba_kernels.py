"""The numba kernels behind :mod:`aligner.align._kernels` (importing this module imports numba).

Each function mirrors a numpy code path operation for operation (see the docstrings); ties are
broken the way numpy breaks them (``np.maximum`` keeps the value, ``np.argmax`` the first index).
"""

from __future__ import annotations

import numba
import numpy as np

NEG = -np.inf

#: Trace states: D best of all, X = max(M, Gv), Y = max(M, Gh), M both sides, H in a 0-1 run, V in a 1-0 run.
_D, _X, _Y, _M, _H, _V = 0, 1, 2, 3, 4, 5


@numba.njit(cache=True, nogil=True)
def _pred(lo: np.ndarray, hi: np.ndarray, off: np.ndarray, i: int, j: int, a: int, b: int, sentinel: int) -> int:
    """Flat index of cell ``(i - a, j - b)``, or ``sentinel`` outside the band (:func:`dp.predecessors`)."""
    r = i - a
    c = j - b
    if r < 0:
        return sentinel
    lo_r = lo[r]
    if lo_r < 0:
        lo_r = 0
    if c < lo_r or c >= hi[r]:
        return sentinel
    return off[r] + c - lo[r]


@numba.njit(cache=True, nogil=True)
def forward(lo: np.ndarray, hi: np.ndarray, off: np.ndarray, sh_a: np.ndarray, sh_b: np.ndarray,
            others: np.ndarray, vgap: int, hgap: int, scores: np.ndarray, ext_v: float, ext_h: float,
            n: int, best_all: np.ndarray, vert: np.ndarray, not_h: np.ndarray, match: np.ndarray,
            horiz: np.ndarray) -> None:
    """The forward pass of :func:`aligner.align.dp.search`, row by row and cell by cell.

    ``best_all``, ``vert``, ``not_h`` (``cells + 1`` long, the last cell the -inf sentinel),
    ``match`` and ``horiz`` (``cells`` long) come filled with -inf and are filled in place.
    """
    cells = match.shape[0]
    k = others.shape[0]
    has_v = vgap >= 0
    has_h = hgap >= 0
    width = 1
    for i in range(n + 1):
        w = off[i + 1] - off[i]
        if w > width:
            width = w
    xrow = np.empty(width)
    for i in range(n + 1):
        s = off[i]
        e = off[i + 1]
        w = e - s
        if w == 0:
            continue
        # M: the best bead with both sides, shape by shape in the order of ``others`` (cells whose
        # bead would start outside the band see the -inf sentinel, which never wins a maximum).
        for r in range(k):
            t = others[r]
            a = sh_a[t]
            b = sh_b[t]
            if i < a:
                continue
            row = i - a
            lo_r = max(lo[row], 0)
            # Columns j of this row whose predecessor column j - b lies in lo_r .. hi[row] - 1.
            c0 = max(s, s + lo_r + b - lo[i])
            c1 = min(e, s + hi[row] + b - lo[i])
            base = off[row] - lo[row] - b + lo[i] - s
            for c in range(c0, c1):
                v = best_all[base + c] + np.float64(scores[t, c])
                if v > match[c]:
                    match[c] = v
        if i == 0 and lo[0] == 0:
            match[s] = 0.0
        for c in range(s, e):
            mv = match[c]
            if has_v and i > 0:
                j = lo[i] + c - s
                p = _pred(lo, hi, off, i, j, 1, 0, cells)
                g = np.float64(scores[vgap, c])
                opened = not_h[p] + g
                extended = vert[p] + g
                extended += ext_v
                vv = extended if extended > opened else opened
                vert[c] = vv
                xrow[c - s] = vv if vv > mv else mv
            else:
                xrow[c - s] = mv
        if has_h and w > 1:
            # Gh by a running maximum of the lifted values (dp.search's numpy code, in its order).
            cum = 0.0
            run = NEG
            not_h[s] = match[s]
            best_all[s] = xrow[0]
            for q in range(w - 1):
                c = s + 1 + q
                o = np.float64(scores[hgap, c])
                step = o + ext_h
                cum = step if q == 0 else cum + step
                lifted = xrow[q] + o
                lifted -= cum
                if q == 0 or lifted > run:
                    run = lifted
                hv = cum + run
                horiz[c] = hv
                mv = match[c]
                not_h[c] = hv if hv > mv else mv
                xv = xrow[q + 1]
                best_all[c] = hv if hv > xv else xv
        else:
            for c in range(s, e):
                not_h[c] = match[c]
                best_all[c] = xrow[c - s]


@numba.njit(cache=True, nogil=True)
def _run_start(lo: np.ndarray, off: np.ndarray, i: int, p: int, match: np.ndarray, vert: np.ndarray,
               scores: np.ndarray, hgap: int, ext_h: float) -> int:
    """:func:`aligner.align.dp._run_start`: where in row ``i`` the 0-1 run into position ``p`` began."""
    s = off[i]
    cum = 0.0
    run = NEG
    start = 0
    for q in range(p):
        c = s + 1 + q
        o = np.float64(scores[hgap, c])
        step = o + ext_h
        cum = step if q == 0 else cum + step
        mv = match[s + q]
        vv = vert[s + q]
        x = vv if vv > mv else mv
        lifted = x + o
        lifted -= cum
        if q == 0 or lifted > run:
            run = lifted
        if lifted == run:
            start = q
    return start


@numba.njit(cache=True, nogil=True)
def trace(lo: np.ndarray, hi: np.ndarray, off: np.ndarray, sh_a: np.ndarray, sh_b: np.ndarray,
          others: np.ndarray, vgap: int, hgap: int, scores: np.ndarray, ext_v: float, ext_h: float,
          n: int, m: int, best_all: np.ndarray, vert: np.ndarray, not_h: np.ndarray, match: np.ndarray,
          horiz: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`aligner.align.dp._trace`: the path's shapes and gains, last bead first."""
    cells = match.shape[0]
    k = others.shape[0]
    out_a = np.empty(n + m, dtype=np.int64)
    out_b = np.empty(n + m, dtype=np.int64)
    out_g = np.empty(n + m, dtype=np.float64)
    size = 0
    i, j, st = n, m, _D
    while i > 0 or j > 0:
        c = off[i] + j - lo[i]
        if st == _D:
            mv = match[c]
            vv = vert[c]
            xv = vv if vv > mv else mv
            if horiz[c] > xv:
                st = _H
            elif vv > mv:
                st = _V
            else:
                st = _M
        elif st == _X:
            st = _V if vert[c] > match[c] else _M
        elif st == _Y:
            st = _H if horiz[c] > match[c] else _M
        elif st == _M:
            if k == 0:
                raise ValueError("broken back-pointer")
            best_t = others[0]
            best = NEG
            for r in range(k):
                t = others[r]
                p = _pred(lo, hi, off, i, j, sh_a[t], sh_b[t], cells)
                v = best_all[p] + np.float64(scores[t, c])
                if r == 0 or v > best:
                    best = v
                    best_t = t
            a = sh_a[best_t]
            b = sh_b[best_t]
            i -= a
            j -= b
            out_a[size] = a
            out_b[size] = b
            out_g[size] = match[c] - best_all[off[i] + j - lo[i]]
            size += 1
            st = _D
        elif st == _H:
            start = lo[i] + _run_start(lo, off, i, j - lo[i], match, vert, scores, hgap, ext_h)
            for _ in range(j - start):
                out_a[size] = 0
                out_b[size] = 1
                out_g[size] = 0.0
                size += 1
            j = start
            st = _X
        else:
            p = _pred(lo, hi, off, i, j, 1, 0, cells)
            g = np.float64(scores[vgap, c])
            opened = not_h[p] + g
            extended = vert[p] + g
            extended += ext_v
            i -= 1
            out_a[size] = 1
            out_b[size] = 0
            out_g[size] = 0.0
            size += 1
            st = _Y if opened >= extended else _V
    return out_a[:size], out_b[:size], out_g[:size]


@numba.njit(cache=True, nogil=True)
def expand(bounds: np.ndarray, left: np.ndarray, counts: np.ndarray, row_off: np.ndarray, t_seg: np.ndarray,
           w_occ: np.ndarray, s_cnt: np.ndarray, t_cnt: np.ndarray, single: bool, rows: np.ndarray,
           offsets: np.ndarray, out: np.ndarray) -> None:
    """The expansion loop of :func:`aligner.align.cost.match_table`, chunk by chunk as there.

    Chunk ``q`` covers source occurrences ``bounds[q] .. bounds[q+1]-1``; within a chunk the
    values are summed per cell in occurrence order from 0 (``np.bincount``), then added to ``out``.
    ``rows[o]`` is the band row of occurrence ``o``'s cells. When the rows never decrease, a cell
    can only have been touched by an earlier chunk if it lies in that chunk's last row: every
    other cell still holds 0.0, and summing into it directly gives the same float as summing from
    0 and adding (``0.0 + x == x``; a sum that starts at +0.0 is never -0.0), so only the shared
    row goes through the per-chunk buffer. Adding 0.0 to a cell changes nothing, which lets the
    buffer be flushed by one more pass over the shared row's pairs. The buffer is then one row
    wide (``offsets`` gives each row's first cell), not one float per band cell.
    """
    sorted_rows = True
    for o in range(1, rows.shape[0]):
        if rows[o] < rows[o - 1]:
            sorted_rows = False
            break
    if sorted_rows:
        widest = 0
        for o in range(rows.shape[0]):
            widest = max(widest, offsets[rows[o] + 1] - offsets[rows[o]])
        tmp = np.zeros(widest)
    else:
        tmp = np.zeros(out.shape[0])
    shared = -1  # the row the previous chunk ended in
    for q in range(bounds.shape[0] - 1):
        b0 = bounds[q]
        b1 = bounds[q + 1]
        for o in range(b0, b1):
            base = row_off[o]
            buffered = (not sorted_rows) or rows[o] == shared
            shift = offsets[rows[o]] if sorted_rows else 0  # where the buffer starts
            for t in range(left[o], left[o] + counts[o]):
                pos = base + t_seg[t]
                val = w_occ[o]
                if not single:
                    sc = s_cnt[o]
                    tc = t_cnt[t]
                    val *= sc if sc < tc else tc
                if buffered:
                    tmp[pos - shift] += val
                else:
                    out[pos] += val
        for o in range(b0, b1):
            if sorted_rows and rows[o] != shared:
                continue
            base = row_off[o]
            shift = offsets[rows[o]] if sorted_rows else 0
            for t in range(left[o], left[o] + counts[o]):
                pos = base + t_seg[t]
                out[pos] += tmp[pos - shift]
                tmp[pos - shift] = 0.0
        shared = rows[b1 - 1]


@numba.njit(cache=True, nogil=True)
def merged_units(occ_seg: np.ndarray, occ_key: np.ndarray, occ_cnt: np.ndarray, n: int,
                 span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`aligner.align.cost._units` for ``span > 1``: occurrences of ``[e - span, e)`` by end ``e``.

    ``occ_seg`` must be sorted (segment, then key), as every :class:`~aligner.align.cost.Side` is.
    The result is sorted by (end, key), the counts of a key summed in the order ``_units`` sums them
    (segment ``e - 1`` first, then ``e - 2``, ...).
    """
    starts = np.searchsorted(occ_seg, np.arange(n + 1))
    total = 0
    for e in range(span, n + 1):
        total += starts[e] - starts[e - span]
    seg_out = np.empty(total, dtype=np.int64)
    key_out = np.empty(total, dtype=np.int64)
    cnt_out = np.empty(total, dtype=np.float64)
    widest = 0
    for e in range(span, n + 1):
        widest = max(widest, starts[e] - starts[e - span])
    buf_k = np.empty(widest, dtype=np.int64)
    buf_c = np.empty(widest, dtype=np.float64)
    size = 0
    for e in range(span, n + 1):
        fill = 0
        for s in range(span):
            g = e - 1 - s
            for x in range(starts[g], starts[g + 1]):
                # Insertion after every equal key: a stable sort by key of the occurrences in ``_units``' order.
                key = occ_key[x]
                pos = fill
                while pos > 0 and buf_k[pos - 1] > key:
                    buf_k[pos] = buf_k[pos - 1]
                    buf_c[pos] = buf_c[pos - 1]
                    pos -= 1
                buf_k[pos] = key
                buf_c[pos] = occ_cnt[x]
                fill += 1
        x = 0
        while x < fill:
            key = buf_k[x]
            acc = buf_c[x]
            x += 1
            while x < fill and buf_k[x] == key:
                acc += buf_c[x]
                x += 1
            seg_out[size] = e
            key_out[size] = key
            cnt_out[size] = acc
            size += 1
    return seg_out[:size], key_out[:size], cnt_out[:size]


@numba.njit(cache=True, nogil=True)
def order_by_key(key: np.ndarray, n_keys: int) -> np.ndarray:
    """A stable counting sort of ``key``: on occurrences sorted by end, the order by (key, end)."""
    count = np.zeros(n_keys + 1, dtype=np.int64)
    for x in range(key.shape[0]):
        count[key[x] + 1] += 1
    for k in range(n_keys):
        count[k + 1] += count[k]
    order = np.empty(key.shape[0], dtype=np.int64)
    for x in range(key.shape[0]):
        order[count[key[x]]] = x
        count[key[x]] += 1
    return order


@numba.njit(cache=True, nogil=True, inline="always")
def _lower_bound_from(t_code: np.ndarray, pos: int, v: int, prev: int) -> int:
    """``np.searchsorted(t_code, v)`` given the answer ``pos`` for the previous query ``prev``: walked
    forward from it when the queries ascend (they nearly always do), searched again when they do not."""
    if v < prev:
        return np.searchsorted(t_code, v)
    n = t_code.shape[0]
    while pos < n and t_code[pos] < v:
        pos += 1
    return pos


@numba.njit(cache=True, nogil=True)
def match_sum(s_seg: np.ndarray, s_key: np.ndarray, s_cnt: np.ndarray, by_key: np.ndarray, width: int,
              hi: np.ndarray, t_code: np.ndarray, t_seg: np.ndarray, t_cnt: np.ndarray, w_occ_all: np.ndarray,
              offsets: np.ndarray, lo: np.ndarray, b: int, chunk: int, out: np.ndarray) -> None:
    """:func:`aligner.align.cost.match_table` from its look-ups on: the same ranges, the same chunks and sums.

    ``w_occ_all[k]`` is key ``k``'s weight minus the penalty. The look-ups walk the queries in (key, end)
    order (``by_key``), as the numpy code does, and the matches are expanded in occurrence order. Each
    query (``key * width`` plus the band's bounds ``lo``/``hi`` of the unit's row, numpy's
    ``_UnitCache.source_queries``) is made as it is needed, not kept in three arrays per unit.
    """
    size = s_seg.shape[0]
    left = np.empty(size, dtype=np.int64)
    counts = np.empty(size, dtype=np.int64)
    # In (key, end) order the queries nearly always grow (the band's bounds grow with the row), so
    # each bound is found by walking a pointer forward from the previous one; a query smaller than
    # the one before (a band that is not monotone) is searched afresh. Either way it is the first
    # index whose code is not below the query, as ``np.searchsorted`` gives.
    lft = 0
    rgt = 0
    prev_l = -1
    prev_r = -1
    for q in range(size):
        x = by_key[q]
        base = s_key[x] * width
        low = lo[s_seg[x]]
        if low < b:
            low = b
        v = base + low
        lft = _lower_bound_from(t_code, lft, v, prev_l)
        prev_l = v
        v = base + hi[s_seg[x]]
        rgt = _lower_bound_from(t_code, rgt, v, prev_r)
        prev_r = v
        left[x] = lft
        counts[x] = rgt - lft
    kept = 0
    s_max = 0.0
    kept_occ = np.empty(size, dtype=np.int64)  # the occurrences with a match, in occurrence order
    for x in range(size):
        if counts[x] > 0:
            left[kept] = left[x]
            counts[kept] = counts[x]
            kept_occ[kept] = x
            if kept == 0 or s_cnt[x] > s_max:
                s_max = s_cnt[x]
            kept += 1
    if kept == 0:
        return
    t_max = t_cnt[0]
    for t in range(t_cnt.shape[0]):
        if t_cnt[t] > t_max:
            t_max = t_cnt[t]
    single = s_max <= 1.0 and t_max <= 1.0
    # Chunk bounds exactly as match_table cuts them (by the running total of expansions).
    ends = np.empty(kept, dtype=np.int64)
    acc = 0
    for x in range(kept):
        acc += counts[x]
        ends[x] = acc
    bounds = [0]
    while bounds[-1] < kept:
        start = bounds[-1]
        target = (ends[start - 1] if start else 0) + chunk
        stop = np.searchsorted(ends, target, side="right")
        bounds.append(max(stop, start + 1))
    row_off = np.empty(kept, dtype=np.int64)
    w_occ = np.empty(kept, dtype=np.float64)
    cnt = np.empty(kept, dtype=np.float64)
    rows = np.empty(kept, dtype=np.int64)
    for x in range(kept):
        o = kept_occ[x]
        rows[x] = s_seg[o]
        row_off[x] = offsets[s_seg[o]] - lo[s_seg[o]]
        w_occ[x] = w_occ_all[s_key[o]]
        cnt[x] = s_cnt[o]
    expand(np.asarray(bounds, dtype=np.int64), left[:kept], counts[:kept], row_off, t_seg, w_occ, cnt, t_cnt,
           single, rows, offsets, out)


@numba.njit(cache=True, nogil=True)
def model1_em(pair_code: np.ndarray, pair_f: np.ndarray, n_f: int, null_f: np.ndarray, e_of_code: np.ndarray,
              n_e: int, t: np.ndarray, iterations: int) -> np.ndarray:
    """The EM iterations of :func:`aligner.align.lexicon._model1` from the start table ``t``.

    Each ``np.bincount`` there sums its weights in input order into its bins; here the same sums
    run in the same order, and the divisions are the same element by element, so the table is
    the same bit for bit, without the gathered temporaries (four arrays as long as the pairs).
    """
    n_codes = t.shape[0]
    for _ in range(iterations):
        denom = np.zeros(n_f)
        for p in range(pair_code.shape[0]):
            denom[pair_f[p]] += t[pair_code[p]]
        for q in range(n_f):
            denom[q] = denom[q] + null_f[q]
        counts = np.zeros(n_codes)
        for p in range(pair_code.shape[0]):
            counts[pair_code[p]] += t[pair_code[p]] / denom[pair_f[p]]
        total_e = np.zeros(n_e)
        for c in range(n_codes):
            total_e[e_of_code[c]] += counts[c]
        new = np.empty(n_codes)
        for c in range(n_codes):
            te = total_e[e_of_code[c]]
            new[c] = counts[c] / (te if te >= 1e-12 else 1e-12)
        t = new
    return t


@numba.njit(cache=True, nogil=True)
def model1_pairs(left: np.ndarray, counts: np.ndarray, ss: np.ndarray, ts: np.ndarray, n_s: int,
                 n_t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (source, target) occurrence pair of one bead and its pair code, as :func:`lexicon._pair_codes`.

    The pairs come in the same order as the numpy code's (source occurrence, then its bead's
    target occurrences from ``left``). The distinct codes ``s * n_t + t`` are found source stem by
    source stem: its occurrences' pairs are read in place (each occurrence's targets are one run),
    the distinct target stems among them marked in a table over target stems and sorted, which
    gives ``np.unique``'s sorted values, inverse and counts (equal values are interchangeable)
    without sorting or gathering the pairs themselves: their reads stay in order.
    """
    n_occ = counts.shape[0]
    first = np.zeros(n_occ + 1, np.int64)  # the first pair of each source occurrence
    for i in range(n_occ):
        first[i + 1] = first[i] + counts[i]
    total = first[n_occ]
    pi = np.empty(total, np.int32)
    pj = np.empty(total, np.int32)
    for i in range(n_occ):
        for k in range(counts[i]):
            pi[first[i] + k] = i
            pj[first[i] + k] = left[i] + k
    # The source occurrences of each source stem (a stable counting sort).
    start = np.zeros(n_s + 1, np.int64)
    for i in range(n_occ):
        start[ss[i] + 1] += 1
    for s in range(n_s):
        start[s + 1] += start[s]
    occ = np.empty(n_occ, np.int64)
    fill = start[:-1].copy()
    for i in range(n_occ):
        occ[fill[ss[i]]] = i
        fill[ss[i]] += 1
    slot = np.full(n_t, -1, np.int64)
    seen = np.zeros(n_t, np.int64)
    touched = np.empty(n_t, np.int64)
    # Pass 1: how many distinct codes.
    n_u = 0
    for s in range(n_s):
        nt = 0
        for x in range(start[s], start[s + 1]):
            i = occ[x]
            for k in range(counts[i]):
                t = ts[left[i] + k]
                if slot[t] < 0:
                    slot[t] = 0
                    touched[nt] = t
                    nt += 1
        for r in range(nt):
            slot[touched[r]] = -1
        n_u += nt
    uniq = np.empty(n_u, np.int64)
    count = np.empty(n_u, np.int64)
    code = np.empty(total, np.int32)
    # Pass 2: the codes in sorted order, and each pair's index among them.
    u = 0
    for s in range(n_s):
        nt = 0
        for x in range(start[s], start[s + 1]):
            i = occ[x]
            for k in range(counts[i]):
                t = ts[left[i] + k]
                if seen[t] == 0:
                    touched[nt] = t
                    nt += 1
                seen[t] += 1
        ordered = np.sort(touched[:nt])
        for r in range(nt):
            t = ordered[r]
            slot[t] = u + r
            uniq[u + r] = s * n_t + t
            count[u + r] = seen[t]
        for x in range(start[s], start[s + 1]):
            i = occ[x]
            for k in range(counts[i]):
                code[first[i] + k] = slot[ts[left[i] + k]]
        for r in range(nt):
            slot[ordered[r]] = -1
            seen[ordered[r]] = 0
        u += nt
    return pi, pj, code, uniq, count


@numba.njit(cache=True, nogil=True)
def length_exponent(rows: np.ndarray, cols: np.ndarray, a: int, b: int, ls_row: np.ndarray, lt_col: np.ndarray,
                    ratio: float, var: float, rel_sd: float, k: float, out: np.ndarray) -> None:
    """The argument of :func:`aligner.align.cost.length_llr`'s ``exp`` for the cells ``rows``/``cols``.

    The same operations in the same order as the numpy code (``mean``, ``delta``, ``k * delta * delta``;
    no fused multiply-add, numba does not contract without fastmath); ``exp`` and ``log`` stay in
    numpy, whose rounding of them numba's need not share.
    """
    for x in range(rows.shape[0]):
        i = max(rows[x], a)
        j = max(cols[x], b)
        ls = ls_row[i - a]
        lt = lt_col[j - b]
        mean = (ratio * ls + lt) / 2.0
        spread = rel_sd * mean
        delta = (lt - ratio * ls) / np.sqrt(var * mean + spread * spread + 1.0)
        out[x] = k * delta * delta


@numba.njit(cache=True, nogil=True)
def shape_scores(rows: np.ndarray, cols: np.ndarray, a: int, b: int, llr: np.ndarray, prior: float,
                 es_row: np.ndarray, et_col: np.ndarray, matched: np.ndarray, weight: float, kinds: np.ndarray,
                 out: np.ndarray) -> None:
    """``(llr + prior) + (es + et + matched) * weight`` (plus ``kinds`` if given) into ``out`` (float32),
    where the bead of shape ``(a, b)`` fits: :func:`aligner.align.cost.band_scores`'s sums in its order."""
    with_kinds = kinds.shape[0] > 0
    for x in range(rows.shape[0]):
        r = rows[x]
        c = cols[x]
        if r < a or c < b:
            continue
        lexical = es_row[r - a] + et_col[c - b]
        lexical += matched[x]
        lexical *= weight
        score = llr[x] + prior
        score += lexical
        if with_kinds:
            score += kinds[x]
        out[x] = np.float32(score)


@numba.njit(cache=True, nogil=True)
def units_by_key(seg: np.ndarray, key: np.ndarray, cnt: np.ndarray, width: int,
                 n_keys: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Units sorted by end re-sorted by (key, end): ``key * width + end``, end and count, as
    ``cost._UnitCache.target`` gathers them through :func:`order_by_key`'s stable order."""
    count = np.zeros(n_keys + 1, dtype=np.int64)
    for x in range(key.shape[0]):
        count[key[x] + 1] += 1
    for k in range(n_keys):
        count[k + 1] += count[k]
    code_out = np.empty(key.shape[0], dtype=np.int64)
    seg_out = np.empty(key.shape[0], dtype=np.int64)
    cnt_out = np.empty(key.shape[0], dtype=np.float64)
    for x in range(key.shape[0]):
        p = count[key[x]]
        count[key[x]] += 1
        code_out[p] = key[x] * width + seg[x]
        seg_out[p] = seg[x]
        cnt_out[p] = cnt[x]
    return code_out, seg_out, cnt_out

