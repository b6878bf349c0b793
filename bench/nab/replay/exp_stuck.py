"""The stuck-series rule (FlatlineDetector, ported) with a stricter bar: a run fires only once it is k x the longest
run before. k 1 is the C# rule and reproduces the run's stuck part exactly.

    python3 bench/nab/replay/exp_stuck.py /tmp/nab-run
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl, exp_combine as ec
from exp_parts import nested
import math


def stuck_flags(v, points=10, k=1.0):
    last=float('nan'); run=0; longest=0; varied=False; out=[]
    for x in v:
        if x==last: run+=1
        else:
            varied |= not math.isnan(last); longest=max(longest,run); last=x; run=1
        out.append(points>0 and varied and run==max(points, int(math.ceil(k*longest))+1 if longest>0 else points))
    return out


def with_stuck(d, flags):
    parts=[]
    for pt,f in zip(d['parts'],flags):
        if pt is None: parts.append(None); continue
        q=list(pt); q[5]=1.0 if f else 0.0; parts.append(tuple(q))
    return dict(d, parts=parts)


if __name__ == '__main__':
    runs=nl.load_run(sys.argv[1])
    # check port
    bad=0
    for k,d in runs.items():
        fl=stuck_flags(d['v'])
        for pt,f in zip(d['parts'],fl):
            if pt is not None and bool(pt[5])!=f: bad+=1
    print('port mismatches',bad)
    variants={}
    for k in (1.0,1.25,1.5,2.0,3.0):
        new={r:with_stuck(d,stuck_flags(d['v'],k=k)) for r,d in runs.items()}
        sc={r:ec.cooled(d,thr=0.62) for r,d in new.items()}
        variants['k%.2f'%k]=sc
        print('k %.2f'%k, nl.summary(nl.evaluate(new,sc)), flush=True)
    print(nested(runs, variants))
