"""In-memory NAB scoring around ../shared/tools/nab/nab_score.py, for fast replays of scoring variants.

Reads one `nab` run's result files (RESULTS/streamingGru/<category>/streamingGru_<file>.csv: timestamp, value,
anomaly_score, is_anomaly, predicted, then the score's parts before the cooldown and the likelihood signal) and scores any per-file list of
scores like the scorer does, with the
leave-one-category-out line and per-category figures. ../shared is found beside the project root (or $NAB_SHARED).
"""
import sys, os, json, csv, math
SHARED = os.environ.get('NAB_SHARED', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'shared'))
sys.path.insert(0, os.path.join(SHARED, 'tools', 'nab'))
import nab_score as ns
from datetime import datetime

DATA = os.path.join(SHARED, 'datasets', 'nab', 'data')
LABELS = json.load(open(os.path.join(SHARED, 'datasets', 'nab', 'combined_windows.json')))
PROFILES = ns.DEFAULT_PROFILES

def load_run(run_dir, detector='streamingGru'):
    """{rel: dict(ts=[str], t=[datetime], v=[float], s=[float], f=[int], p=[float or None])}"""
    out = {}
    for rel in sorted(LABELS):
        cat, name = rel.split('/')
        path = os.path.join(run_dir, detector, cat, '%s_%s' % (detector, name))
        rows = list(csv.reader(open(path)))
        h = rows[0]
        d = {'ts': [], 'v': [], 's': [], 'f': [], 'p': [], 'parts': [], 'lik': []}
        for r in rows[1:]:
            d['ts'].append(r[0]); d['v'].append(float(r[1])); d['s'].append(float(r[2]))
            d['f'].append(int(r[3]) if len(r) > 3 else 0)
            d['p'].append(float(r[4]) if len(r) > 4 and r[4] != '' else None)
            # The score's parts before the cooldown: residual, novelty, day_ago, week_ago, level, stuck.
            d['parts'].append(tuple(float(x) for x in r[5:11]) if len(r) > 10 else None)
            # The likelihood signal, computed from the parts above (0 in runs from before it existed).
            d['lik'].append(float(r[11]) if len(r) > 11 else 0.0)
        d['t'] = [ns.parse_time(x) for x in d['ts']]
        out[rel] = d
    return out

def prepare(runs, scores):
    """scores: {rel: [float]} -> prepared files list"""
    prepared = []; nid = 0
    for rel in sorted(LABELS):
        pf = ns.prepare_file(rel, runs[rel]['ts'], scores[rel], LABELS[rel], nid)
        nid += len(pf.window_ids)
        prepared.append(pf)
    return prepared, nid

def normalised(raw, prepared, prof):
    """A raw score over `prepared` files on the scorer's 0-100 scale: 0 for no detections, 100 for every window caught."""
    null = -prof['fn'] * sum(len(pf.window_ids) for pf in prepared)
    perfect = prof['tp'] * sum(pf.n_windows_labelled for pf in prepared)
    return 100 * (raw - null) / (perfect - null)

def evaluate(runs, scores, loco=True, binary=False, cats=True, profiles=('standard','reward_low_FP_rate','reward_low_FN_rate')):
    prepared, nwin = prepare(runs, scores)
    rows = sorted((r for pf in prepared for r in pf.rows), key=lambda r: r[0], reverse=True)
    res = {}
    for pname in profiles:
        prof = PROFILES[pname]
        if binary:
            thr = 0.5
        else:
            thr, _ = ns.best_on_curve(ns.sweep_curve(rows, nwin, prof))
        per = {pf.relpath: ns.score_at_threshold(pf, prof, thr) for pf in prepared}
        raw = sum(r['raw_score'] for r in per.values())
        e = {'thr': thr, 'score': normalised(raw, prepared, prof), 'per': per}
        if loco and not binary and pname == 'standard':
            lr, lt = ns.loco_raw_score(prepared, prof)
            e['loco'] = normalised(lr, prepared, prof); e['loco_thr'] = lt
        if cats and pname == 'standard':
            cs = {}
            for pf in prepared:
                c = pf.relpath.split('/')[0]
                cs.setdefault(c, [0.0, 0])
                cs[c][0] += per[pf.relpath]['raw_score']; cs[c][1] += len(pf.window_ids)
            e['cats'] = {c: (100 * (raw_c + prof['fn'] * n) / ((prof['tp'] + prof['fn']) * n) if n else raw_c) for c, (raw_c, n) in cs.items()}
        res[pname] = e
    return res

def summary(res):
    s = res['standard']
    line = 'std %.2f (thr %.4g) lowFP %.2f lowFN %.2f' % (s['score'], s['thr'], res['reward_low_FP_rate']['score'], res['reward_low_FN_rate']['score'])
    if 'loco' in s: line += ' | LOCO %.2f' % s['loco']
    if 'cats' in s: line += ' | ' + ' '.join('%s %.1f' % (c.replace('artificial','art').replace('real','')[:10], v) for c, v in sorted(s['cats'].items()))
    return line


def deltas(result, before, at_least=0.3):
    """The files whose raw standard score moved by at least `at_least` between two evaluate() results."""
    per, was = result['standard']['per'], before['standard']['per']
    return ' '.join('%s:%+.2f' % (k.split('/')[1][:22], per[k]['raw_score'] - was[k]['raw_score'])
                    for k in sorted(per) if abs(per[k]['raw_score'] - was[k]['raw_score']) >= at_least)
