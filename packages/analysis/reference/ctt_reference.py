#!/usr/bin/env python3
"""Independent reference values for packages/analysis/src/ctt.test.ts (numpy/scipy, not Kaowu's code).

Formulas: Moodle's quiz statistics (docs.moodle.org/dev/Quiz_statistics_calculations).
Run: python3 packages/analysis/reference/ctt_reference.py > packages/analysis/reference/ctt-expected.json
"""
import json, os
import numpy as np
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
ex = json.load(open(os.path.join(here, 'ctt-example.json')))
items = ex['items']


def score(item, chosen):
    key = set(item['key'])
    ch = set(chosen)
    if item['maxScore'] == 1:
        return 1.0 if ch == key else 0.0
    if ch == key:
        return 2.0
    return 1.0 if ch and ch <= key else 0.0


def table(persons):
    X = np.full((len(persons), len(items)), np.nan)
    for p, row in enumerate(persons):
        for i, c in enumerate(row['chosen']):
            if c is not None:
                X[p, i] = score(items[i], c)
    return X


def alpha(X):
    P = X.shape[1]
    return P / (P - 1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1))


def analyse(persons):
    X = table(persons)
    T = np.nansum(X, axis=1)
    complete = ~np.isnan(X).any(axis=0)
    if complete.all():
        a = alpha(X)
    else:  # person-weighted mean of the forms' alpha
        forms = sorted(set(p['form'] for p in persons))
        num = 0
        for f in forms:
            rows = [j for j, p in enumerate(persons) if p['form'] == f]
            sub = X[rows][:, ~np.isnan(X[rows]).any(axis=0)]
            num += alpha(sub) * len(rows)
        a = num / len(persons)
    sd = T.std(ddof=1)
    third = len(T) // 3
    upper = T >= np.sort(T)[::-1][third - 1]
    out = {
        'scores': [[None if np.isnan(v) else float(v) for v in row] for row in X],
        'test': {
            'n': len(T), 'mean': T.mean(), 'median': float(np.median(T)), 'sd': sd,
            'skewness': stats.skew(T, bias=False), 'kurtosis': stats.kurtosis(T, bias=False),
            'alpha': a, 'errorRatio': np.sqrt(1 - a), 'sem': np.sqrt(1 - a) * sd,
            'distribution': [{'score': float(s), 'count': int(c)} for s, c in zip(*np.unique(T, return_counts=True))],
        },
        'items': [],
    }
    for i, it in enumerate(items):
        pres = ~np.isnan(X[:, i])
        x = X[pres, i]
        rest = T[pres] - x
        cov = np.cov(x, rest, ddof=1)[0, 1]
        covmax = np.cov(np.sort(x), np.sort(rest), ddof=1)[0, 1]
        opts = []
        for o in range(it['options']):
            ch = np.array([o in persons[j]['chosen'][i] for j in np.flatnonzero(pres)])
            opts.append({
                'share': ch.mean(),
                'meanRest': rest[ch].mean() if ch.any() else None,
                'upperCount': int((ch & upper[pres]).sum()),
            })
        out['items'].append({
            'code': it['code'], 'n': int(pres.sum()), 'facility': x.mean() / it['maxScore'],
            'sd': x.std(ddof=1) / it['maxScore'], 'discrimination': stats.pearsonr(x, rest)[0],
            'discriminativeEfficiency': cov / covmax, 'options': opts,
        })
    return out


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (np.floating, float)):
        return round(float(v), 10)
    if isinstance(v, np.integer):
        return int(v)
    return v


print(json.dumps(plain({'single': analyse(ex['persons']), 'pooled': analyse(ex['pooled'])}), indent=1))
