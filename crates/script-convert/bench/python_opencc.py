#!/usr/bin/env python3
"""PyPI opencc 1.4.2 (the C++ core) throughput on the same inputs (best of N, thread CPU time).
Usage: python3 python_opencc.py TRAD_TEXT SIMP_TEXT [ROUNDS]"""
import sys
import time

import opencc

trad = open(sys.argv[1], encoding='utf-8', newline='').read()
simp = open(sys.argv[2], encoding='utf-8', newline='').read()
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
print('| engine | config | input | MB/s | load+prepare ms |')
print('|---|---|---|---|---|')
for cfg, text, name in [('t2s', trad, 'traditional'), ('s2t', simp, 'simplified'),
                        ('s2twp', simp, 'simplified'), ('tw2sp', trad, 'traditional')]:
    t0 = time.perf_counter()
    conv = opencc.OpenCC(cfg)
    conv.convert('预热')
    load = time.perf_counter() - t0
    nbytes = len(text.encode('utf-8'))
    best = float('inf')
    for _ in range(rounds):
        t0 = time.thread_time()
        conv.convert(text)
        best = min(best, time.thread_time() - t0)
    print('| PyPI opencc %s (C++ core, incl. Python str<->UTF-8) | %s | %s | %.0f | %.1f |'
          % (opencc.__version__, cfg, name, nbytes / 1e6 / best, load * 1e3))
