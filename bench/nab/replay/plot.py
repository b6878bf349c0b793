import sys, os, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
import nablib as nl
import nab_score as ns
def plot(runs, rel, out, extra=None, thr=None):
    d = runs[rel]
    fig, ax = plt.subplots(2, 1, figsize=(16, 7), sharex=True)
    ax[0].plot(d['t'], d['v'], lw=0.6, label='value')
    ax[0].plot(d['t'], [p if p is not None else float('nan') for p in d['p']], lw=0.5, alpha=0.7, label='pred')
    for a, b in nl.LABELS[rel]:
        for x in ax: x.axvspan(ns.parse_time(a), ns.parse_time(b), color='red', alpha=0.15)
    n=len(d['t']); pr=int(ns.probation_rows(n)); ax[0].axvline(d['t'][pr], color='k', lw=0.5)
    ax[1].plot(d['t'], d['s'], lw=0.6, label='score')
    if extra:
        for name, ys in extra.items(): ax[1].plot(d['t'], ys, lw=0.6, label=name)
    if thr: ax[1].axhline(thr, color='k', lw=0.5)
    ax[0].set_title(rel); ax[1].legend(); ax[0].legend()
    fig.tight_layout(); fig.savefig(out, dpi=70); plt.close(fig)
if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    for rel in sys.argv[3:]:
        plot(runs, rel, os.path.join(sys.argv[2], rel.split('/')[1].replace('.csv', '.png')), thr=0.637)
