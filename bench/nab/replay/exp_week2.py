"""The week-ago signal ported from the C# (HourOfDayProfile's week slots, ResidualStatistics, StretchSpread), to replay
variants of its statistics and reference against a `nab` run's parts. On a run of a build before the stretch spread
(`port as is` then reproduces that run; the kept form is `stretch spread 250 x 16, held`).

    python3 bench/nab/replay/exp_week2.py /tmp/nab-run
"""
import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import cooled, raw, WEEK
from exp_week import surprise_map
from datetime import timezone

EPOCH_H = 0


class Stats:
    """ResidualStatistics: short ring mean against EW mean/std of it, winsorised at `wins` sigmas.
    robust: the std is 1.4826 x an EW median of |m - mu| instead (tracked multiplicatively at the EW rate, so a
    holiday's few dozen points move it by a few per cent); `ew_std` keeps the plain EW std beside it."""
    def __init__(s, short=3, long=1000, wins=4.0, robust=False, stretches=None):
        s.a = 2 / (long + 1); s.ring = []; s.short = short; s.n = 0; s.m = 0.0; s.v = 0.0; s.wins = wins
        s.robust = robust; s.q = None; s.ew_std = 0.0
        # stretches: (points, count): the std is the median over the last `count` closed stretches of `points` of each
        # stretch's mean square |m - mu|, so one incident inflates one stretch, not the scale (the EW std before 3).
        s.stretches = stretches; s.done = []; s.ss = 0.0; s.cnt = 0

    def next(s, r, floor, learn=True):
        s.ring.append(r)
        if len(s.ring) > s.short: s.ring.pop(0)
        sm = sum(s.ring) / len(s.ring)
        s.ew_std = max(math.sqrt(s.v), floor)
        sd = max(1.4826 * s.q, floor) if s.robust and s.q else s.ew_std
        dev = abs(sm - s.m) if s.n else 0.0
        scale = sd
        if s.stretches:
            if len(s.done) >= 3:
                xs = sorted(s.done); scale = max(math.sqrt(xs[len(xs) // 2]), floor)
            if s.n:
                s.ss += dev * dev; s.cnt += 1
                if s.cnt == s.stretches[0]:
                    s.done = (s.done + [s.ss / s.cnt])[-s.stretches[1]:]; s.ss = 0.0; s.cnt = 0
        if learn:
            x = sm if s.n == 0 else min(max(sm, s.m - s.wins * sd), s.m + s.wins * sd)
            s.n += 1; a = max(1 / s.n, s.a); d = x - s.m; inc = a * d; s.m += inc; s.v = (1 - a) * (s.v + d * inc)
            if s.robust and s.q is None and s.n >= 20:
                s.q = max(math.sqrt(s.v) / 1.4826, 1e-12)
            elif s.robust and s.q is not None:
                s.q *= math.exp(s.a * ((1.0 if abs(sm - s.m) > s.q else 0.0) - 0.5))
        return dev, scale


def floor_spans(v, recent=200):
    """FloorSpan approximated: min(whole range, 3 x range of the last `recent` values)."""
    out = []; lo = hi = None
    from collections import deque
    win = deque()
    for x in v:
        lo = x if lo is None else min(lo, x); hi = x if hi is None else max(hi, x)
        win.append(x)
        if len(win) > recent: win.popleft()
        r = max(win) - min(win)
        whole = hi - lo
        out.append(min(whole, 3 * r) if r > 0 else whole)
    return out


def week_part(d, wins=4.0, ref='last', alpha=0.5, half=5.0, ratio=0.5, warm=50, min_std=0.05, freeze=None, short=3, weeks=1, robust=None,
              stretches=None, taint=None, hold=None):
    """freeze: the statistics do not learn from a point whose score before the cooldown is at least this.
    robust: None; 'z', the week-ago z against a robust std, the spread guard on the EW stds as kept; 'both', the
    value's std robust too and the guard on the robust stds.
    stretches: (points, count) for both stds (see Stats). taint: an hour in which the week-ago part reached this is
    no reference a week later. hold: once the part reaches this it counts again only deeper, until it falls below."""
    t, v, p = d['t'], d['v'], d['p']
    spans = floor_spans(v)
    slots = {}     # hour-of-week slot -> (week number, mean) ; 'ew': smoothed mean
    hist = {}      # slot -> list of (week, mean) for median refs
    open_h = None; osum = 0.0; on = 0
    st = Stats(short, 1000, wins, robust=robust is not None, stretches=stretches)
    vals = Stats(1, 1000, wins, robust=robust == 'both', stretches=stretches)
    out = []; hour_max = 0.0; held = 0.0
    for ti, x, pi, span, pt in zip(t, v, p, spans, d['parts']):
        h = int(ti.replace(tzinfo=timezone.utc).timestamp() // 3600) if ti.tzinfo is None else int(ti.timestamp() // 3600)
        if h != open_h:
            if open_h is not None:
                slot = open_h % 168; wk = open_h // 168; mean = osum / on
                if taint is not None and hour_max >= taint:
                    mean = float('nan')
                if ref == 'ew':
                    prev = slots.get(slot)
                    if prev is not None and wk - prev[0] == 1:
                        mean = alpha * mean + (1 - alpha) * prev[1]
                slots[slot] = (wk, mean)
                hist.setdefault(slot, []).append((wk, osum / on))
                hist[slot] = hist[slot][-weeks:]
            open_h, osum, on, hour_max = h, 0.0, 0, 0.0
        osum += x; on += 1
        if pi is None:
            out.append(0.0); continue
        slot = h % 168; wk = h // 168
        refmean = None
        if ref in ('last', 'ew'):
            k = slots.get(slot)
            if k is not None and wk - k[0] == 1 and k[1] == k[1]: refmean = k[1]
        elif ref == 'median':
            hs = [m for (w, m) in hist.get(slot, []) if 1 <= wk - w <= weeks]
            if hs and any(wk - w == 1 for (w, m) in hist.get(slot, [])):
                hs.sort(); n = len(hs); refmean = hs[n // 2] if n % 2 else 0.5 * (hs[n // 2 - 1] + hs[n // 2])
        unit = span if span > 0 else 1
        floor = min_std * unit
        if refmean is None:
            out.append(0.0); continue
        _, vsd = vals.next(x, floor)
        dev, sd = st.next(x - refmean, floor, learn=freeze is None or pt is None or raw(pt) < freeze)
        s = 0.0
        guard = st.ew_std if robust == 'z' else sd
        if st.n > warm and guard <= ratio * vsd:
            s = surprise_map(dev / sd, half)
        hour_max = max(hour_max, s)
        if hold is not None:
            if s < hold: held = 0.0
            elif s <= held: s = 0.0
            else: held = s
        out.append(s)
    return out


def replace_week(d, week):
    parts = []
    for pt, w in zip(d['parts'], week):
        if pt is None: parts.append(None); continue
        q = list(pt); q[WEEK] = w; parts.append(tuple(q))
    return dict(d, parts=parts)


def evaluate(runs, label, **kw):
    new = {k: replace_week(d, week_part(d, **kw)) for k, d in runs.items()}
    scores = {k: cooled(d, thr=0.62) for k, d in new.items()}
    res = nl.evaluate(new, scores)
    print('%-44s %s' % (label, nl.summary(res)), flush=True)
    return new, scores, res


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    # How close the port is to the C# part.
    worst = []
    for k, d in runs.items():
        w = week_part(d)
        diffs = [abs(a - b[WEEK]) for a, b in zip(w, d['parts']) if b is not None]
        if diffs: worst.append((max(diffs), k))
    worst.sort(reverse=True)
    print('port vs C#: largest differences', ['%s %.3f' % (k.split('/')[1][:30], x) for x, k in worst[:5]])
    evaluate(runs, 'port as is')
    for wins in (3.5, 3.0, 2.75, 2.5, 2.25, 2.0):
        evaluate(runs, 'winsor %.1f' % wins, wins=wins)
    for a in (0.5, 0.3):
        evaluate(runs, 'ew reference %.1f' % a, ref='ew', alpha=a)
    for w in (2, 3):
        evaluate(runs, 'median of %d weeks' % w, ref='median', weeks=w)
    for f in (0.4, 0.5, 0.62):
        evaluate(runs, 'frozen at scores >= %.2f' % f, freeze=f)
    evaluate(runs, 'robust std for the z, guard as kept', robust='z')
    evaluate(runs, 'robust std for the z and the guard', robust='both')
    # Both stds the median of 16 stretches of 250 points' mean squares (StretchSpread, kept), then the other lengths,
    # the week-ago excursion held as one incident (kept), and an hour that reached a level no reference a week later.
    for stretches in ((250, 16), (100, 40), (500, 8), (1000, 8)):
        evaluate(runs, 'stretch spread %d x %d' % stretches, stretches=stretches)
    evaluate(runs, 'stretch spread 250 x 16, held', stretches=(250, 16), hold=0.62)
    for taint in (0.5, 0.62):
        evaluate(runs, 'stretch spread 250 x 16, held, taint %.2f' % taint, stretches=(250, 16), hold=0.62, taint=taint)
    # The honest figure for choosing a level: each category scored with the level and threshold best on the others.
    from exp_parts import nested
    levels = {'%.2f' % w: evaluate(runs, 'winsor %.2f' % w, wins=w)[1] for w in (4, 3.5, 3, 2.75, 2.5, 2.25, 2)}
    score, chosen = nested(runs, levels)
    print('nested leave-one-category-out over the winsor levels: %.2f %s' % (score, chosen))
