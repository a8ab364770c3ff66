#!/usr/bin/env python3
"""Regenerates the goldens with the OpenCC 1.4.2 oracle (PyPI `opencc==1.4.2`).

Usage: python3 make_goldens.py      (after make_corpus.py; needs `pip install opencc==1.4.2`)

For every config the whole corpus is converted in one call. To keep the
repository small, goldens/<config>.diff.gz stores the oracle output as a line
diff against a base text (the corpus, or the s2t / t2s golden, whichever is
smallest), gzip-compressed with mtime 0 so that regeneration is reproducible:

    # golden v1 config=<config> base=<corpus|s2t|t2s> lines=<N>
    <line index>\t<oracle output line>        (only lines that differ from the base)

Lines are split on '\n' only.
"""
import gzip
import io
import os
import sys

import opencc

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = ['s2t', 't2s', 's2tw', 'tw2s', 's2twp', 'tw2sp', 's2hk', 'hk2s', 's2hkp', 'hk2sp',
           't2tw', 'tw2t', 't2hk', 'hk2t', 'jp2t', 't2jp']


def diff_blob(name, base_name, base, out):
    assert len(base) == len(out), (name, base_name)
    rows = ['# golden v1 config=%s base=%s lines=%d' % (name, base_name, len(out))]
    rows += ['%d\t%s' % (i, o) for i, (b, o) in enumerate(zip(base, out)) if b != o]
    raw = io.BytesIO()
    with gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(('\n'.join(rows) + '\n').encode('utf-8'))
    return raw.getvalue()


def main():
    if opencc.__version__ != '1.4.2':
        sys.exit('need opencc==1.4.2, found %s' % opencc.__version__)
    with open(os.path.join(HERE, 'corpus.txt'), encoding='utf-8', newline='') as f:
        corpus = f.read()
    outs = {name: opencc.OpenCC(name).convert(corpus) for name in CONFIGS}
    lines = {name: text.split('\n') for name, text in outs.items()}
    lines['corpus'] = corpus.split('\n')
    os.makedirs(os.path.join(HERE, 'goldens'), exist_ok=True)
    for name in CONFIGS:
        bases = ['corpus'] if name in ('s2t', 't2s') else ['corpus', 's2t', 't2s']
        blobs = [(len(b), base, b) for base in bases
                 for b in [diff_blob(name, base, lines[base], lines[name])]]
        size, base, blob = min(blobs)
        with open(os.path.join(HERE, 'goldens', name + '.diff.gz'), 'wb') as f:
            f.write(blob)
        print('%-6s base=%-6s %7d bytes' % (name, base, size))


if __name__ == '__main__':
    main()
