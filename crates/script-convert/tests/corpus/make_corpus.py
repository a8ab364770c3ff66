#!/usr/bin/env python3
"""Assembles the differential-test corpus (deterministic; standard library only).

Usage: python3 make_corpus.py   (writes corpus.txt next to this script)

The corpus is line oriented (one record per line) and contains:
  - the seed article (/work/shared/seed/000_42b738e00c8f4919.txt, copied as seed.txt),
  - the hard cases (segmentation, chains, normalization),
  - every key of every OpenCC text dictionary (and every value of the small
    ones, a sample of STPhrases' values), in random concatenations with random
    separators so that matches across key boundaries are exercised,
  - the keys of the generated STPhrases_GeneratedFromRegionalPhrases table
    (HKPhrases/TWPhrases keys converted by the oracle's t2s),
  - mixed scripts, punctuation, ASCII, emoji, non-BMP characters, CJK
    compatibility ideographs and ideographic description sequences.
U+0000 is never used: OpenCC 1.4.2 truncates a segment at NUL (a C-string
artifact), which this engine deliberately does not reproduce (see README.md).
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'data', 'opencc', 'dictionary')
rng = random.Random(20261128)

HARD_CASES = [
    '包乾制', '乾隆', '乾隆皇帝下江南', '頭髮', '头发', '理髮', '後來', '皇后', '後來皇后', '産', '産品',
    '於是', '于是', '於', '于', '裏面', '裡面', '這裏', '週末', '周朝', '周末', '佈局', '布局', '綫', '線',
    '綫路', '線路', '挂帥', '掛帥', '网络', '網絡', '信息', '資訊', '发展', '發展', '头发和發展', '干杯',
    '乾杯', '幹部', '皇后大道', '後宮', '周朝的週末', '公里', '計算機', '软件', '軟件', '内存',
]

SEPARATORS = ['', '', '', ' ', '，', '。', '、', '\t', '「', '」', ' - ', '；', '！', '？', 'a', '1', '…', '（', '）']

EXTRA = [
    'Hello, world! 123 ABC xyz', 'ASCII only line: the quick brown fox jumps over the lazy dog.',
    '😀🎉👍🏽 emoji 🇨🇳🇹🇼🇭🇰 flags', '𠀀𠀁𪚥𪜀𫝈𠉂𪠟 non-BMP', '⿰氵发 ⿱艹发 ⿰⿱亠口发 ⿲彳发亍 ⿰发',
    '⿰', '⿰a', '⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻⿻一二', '豈更車賈滑串句龜龜契金喇奈懶癩羅蘿螺裸邏樂洛',
    '丽丸乁𠄢你侮侻倂', 'Ｆｕｌｌｗｉｄｔｈ　ｔｅｘｔ，。！？', 'ＡＢＣ１２３', 'Ελληνικά русский עברית العربية',
    'にほんご 日本語 カタカナ 旧字体の國と學', '한국어 漢字', 'e\u0301 combining', '\u200b\u200c\u200d zero width',
    '\ufeffBOM inside', 'tab\tseparated\tvalues', '\r\nCRLF line', '\u2028\u2029 separators',
]


def read_dict(name):
    keys, values = [], []
    with open(os.path.join(DATA, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\r\n')
            if not line or line.startswith('#') or '\t' not in line:
                continue
            k, v = line.split('\t', 1)
            keys.append(k)
            values.extend(x for x in v.split(' ') if x)
    return keys, values


def records_from(items, lo=1, hi=8):
    items = list(items)
    rng.shuffle(items)
    out, i = [], 0
    while i < len(items):
        n = rng.randint(lo, hi)
        parts = []
        for x in items[i:i + n]:
            parts.append(x)
            parts.append(rng.choice(SEPARATORS))
        out.append(''.join(parts))
        i += n
    return out


def random_mix(pool, n):
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.6:
                parts.append(rng.choice(pool))
            elif r < 0.75:
                parts.append(chr(rng.randint(0x4E00, 0x9FFF)))
            elif r < 0.85:
                parts.append(rng.choice(SEPARATORS))
            elif r < 0.9:
                parts.append(rng.choice(EXTRA))
            else:
                parts.append(chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0x3400, 0x4DBF),
                                             rng.randint(0x20000, 0x2A6DF), rng.randint(0xF900, 0xFAFF),
                                             rng.randint(0x2FF0, 0x2FFF), rng.randint(0x1F300, 0x1F6FF)])))
        out.append(''.join(parts))
    return out


def main():
    lines = []
    with open('/work/shared/seed/000_42b738e00c8f4919.txt', encoding='utf-8') as f:
        seed = f.read()
    with open(os.path.join(HERE, 'seed.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(seed)
    lines.extend(seed.splitlines())
    lines.extend(HARD_CASES)
    lines.append(''.join(HARD_CASES))
    lines.extend(EXTRA)
    pool = []
    for name in sorted(os.listdir(DATA)):
        if not name.endswith('.txt'):
            continue
        keys, values = read_dict(name)
        pool.extend(keys)
        lines.extend(records_from(keys))
        if name == 'STPhrases.txt':
            values = rng.sample(values, len(values) // 5)
        lines.extend(records_from(values))
    # The keys of STPhrases_GeneratedFromRegionalPhrases (OpenCC generates them at
    # build time: HKPhrases/TWPhrases keys converted with t2s), projected here with
    # the oracle itself when it is installed, so the golden corpus covers them.
    try:
        import opencc
        t2s = opencc.OpenCC('t2s')
        projected = []
        for name in ('HKPhrases.txt', 'TWPhrases.txt'):
            keys, _ = read_dict(name)
            projected.extend(k for k in (t2s.convert(k) for k in keys) if len(k) >= 3)
        pool.extend(projected)
        lines.extend(records_from(projected))
    except ImportError:
        print('note: opencc not installed; generated regional phrase keys not added')
    lines.extend(random_mix(pool, 3000))
    text = '\n'.join(l.replace('\n', ' ').replace('\x00', ' ') for l in lines) + '\n'
    assert '\x00' not in text
    with open(os.path.join(HERE, 'corpus.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    print('corpus.txt: %d lines, %d bytes' % (len(lines), len(text.encode('utf-8'))))


if __name__ == '__main__':
    main()
