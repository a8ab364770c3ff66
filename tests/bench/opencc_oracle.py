#!/usr/bin/env python3
"""OpenCC 1.4.2 (PyPI `opencc`, its C++ core) on the benchmark corpus, for `cargo xtask bench`.

Usage: python3 opencc_oracle.py CORPUS_DIR OUT_DIR ITERATIONS

For each config: times building the converter (first use in this process), then times
ITERATIONS conversions of the whole corpus after one warm-up and prints the medians (per
CPU-second of this thread, and by wall clock) as tab-separated records like the native
benchmark. Writes each output to
OUT_DIR/opencc-<case>.txt: the reference the other converters are compared with.
"""
import os
import statistics
import sys
import time

import opencc

# (case, config, input): the key-dense mixed corpus, then news text (see crates/bench).
CASES = [('t2s', 't2s', 'trad.txt'), ('s2t', 's2t', 'simp.txt'), ('s2twp', 's2twp', 'simp.txt'),
         ('t2s.news', 't2s', 'news-trad.txt'), ('s2t.news', 's2t', 'news-simp.txt'),
         ('s2twp.news', 's2twp', 'news-simp.txt')]


def record(config, metric, value):
    print('native\topencc\t%s\t%s\t%s' % (config, metric, value), flush=True)


def main():
    corpus_dir, out_dir, iters = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]))
    if opencc.__version__ != '1.4.2':
        sys.exit('need opencc==1.4.2, found %s' % opencc.__version__)
    os.makedirs(out_dir, exist_ok=True)
    converters = {}
    for case, config, name in CASES:
        with open(os.path.join(corpus_dir, name), encoding='utf-8', newline='') as f:
            text = f.read()
        size = len(text.encode('utf-8'))
        if config not in converters:
            t = time.perf_counter()
            converters[config] = opencc.OpenCC(config)
            record(config, 'load_ms', '%.2f' % ((time.perf_counter() - t) * 1e3))
        conv = converters[config]
        out = conv.convert(text)
        cpu, wall = [], []
        for _ in range(iters):
            c, t = time.thread_time(), time.perf_counter()
            out = conv.convert(text)
            wall.append(size / 1e6 / max(time.perf_counter() - t, 1e-9))
            cpu.append(size / 1e6 / max(time.thread_time() - c, 1e-9))
        # Per CPU-second like the native benchmark (steadier on a shared machine), and wall clock.
        for metric, rates in (('mbps', cpu), ('wall_mbps', wall)):
            record(case, metric, '%.1f' % statistics.median(rates))
            record(case, metric + '_range', '%.1f–%.1f' % (min(rates), max(rates)))
        with open(os.path.join(out_dir, 'opencc-%s.txt' % case), 'w', encoding='utf-8', newline='') as f:
            f.write(out)


if __name__ == '__main__':
    main()
