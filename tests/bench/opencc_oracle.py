#!/usr/bin/env python3
"""OpenCC 1.4.2 (PyPI `opencc`, its C++ core) on the benchmark corpus, for `cargo xtask bench`.

Usage: python3 opencc_oracle.py CORPUS_DIR OUT_DIR ITERATIONS

For each config: times building the converter (first use in this process), then times
ITERATIONS conversions of the whole corpus after one warm-up and prints the median, as
tab-separated records like the native benchmark. Writes each output to
OUT_DIR/opencc-<config>.txt: the reference the other converters are compared with.
"""
import os
import statistics
import sys
import time

import opencc

CONFIGS = [('t2s', 'trad.txt'), ('s2t', 'simp.txt'), ('s2twp', 'simp.txt')]


def record(config, metric, value):
    print('native\topencc\t%s\t%s\t%s' % (config, metric, value), flush=True)


def main():
    corpus_dir, out_dir, iters = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]))
    if opencc.__version__ != '1.4.2':
        sys.exit('need opencc==1.4.2, found %s' % opencc.__version__)
    os.makedirs(out_dir, exist_ok=True)
    for config, name in CONFIGS:
        with open(os.path.join(corpus_dir, name), encoding='utf-8', newline='') as f:
            text = f.read()
        size = len(text.encode('utf-8'))
        t = time.perf_counter()
        conv = opencc.OpenCC(config)
        record(config, 'load_ms', '%.2f' % ((time.perf_counter() - t) * 1e3))
        out = conv.convert(text)
        rates = []
        for _ in range(iters):
            t = time.perf_counter()
            out = conv.convert(text)
            rates.append(size / 1e6 / (time.perf_counter() - t))
        record(config, 'mbps', '%.1f' % statistics.median(rates))
        record(config, 'mbps_range', '%.1f–%.1f' % (min(rates), max(rates)))
        with open(os.path.join(out_dir, 'opencc-%s.txt' % config), 'w', encoding='utf-8', newline='') as f:
            f.write(out)


if __name__ == '__main__':
    main()
