#!/usr/bin/env python3
# Writes the seed inputs of one libFuzzer target (tools/fuzz) into a folder,
# one file each, named by their SHA-1 so that running it again adds nothing.
# The seeds are what the project already has: the shipped and sample
# configs, the bodies and answers its tests send, the WHATWG URL data.
# Usage: seeds.py TARGET SOURCE_ROOT CORPORA_DIR SEEDS_DIR

import codecs
import glob
import hashlib
import json
import os
import re
import sys

target, root, corpora, seeds = sys.argv[1:5]

LITERAL = r'"(?:[^"\\\n]|\\.)*"'
# Adjacent string literals, which C joins into one.
LITERALS = re.compile(r'{0}(?:\s*{0})*'.format(LITERAL))
STRING_MACRO = re.compile(r'^#define\s+([A-Z_][A-Z0-9_]*)\s+((?:{0}\s*)+)$'.format(LITERAL),
                          re.MULTILINE)
CSV_HEADER = 'day,hour,site,station,metric,key,count'


def c_strings(relative):
    """Every string of a C file, adjacent literals joined, with the macros
    that are themselves strings (and KIOSK_USAGE_CSV_HEADER) put in."""
    with open(os.path.join(root, relative), encoding='utf-8') as f:
        text = f.read()
    text = text.replace('KIOSK_USAGE_CSV_HEADER', json.dumps(CSV_HEADER))
    for name, value in STRING_MACRO.findall(text):
        text = re.sub(r'\b{}\b'.format(name), lambda _: value, text)
    for match in LITERALS.finditer(text):
        pieces = re.findall(LITERAL, match.group(0))
        raw = ''.join(piece[1:-1] for piece in pieces).encode('utf-8')
        yield codecs.escape_decode(raw)[0]


def read(relative):
    with open(os.path.join(root, relative), 'rb') as f:
        return f.read()


def policy():
    inputs = set()
    for case in json.load(open(os.path.join(corpora, 'urltestdata.json'), encoding='utf-8')):
        if isinstance(case, dict):
            inputs.add(case['input'])
            if case.get('base'):
                inputs.add(case['base'])
    for name in ('toascii.json', 'IdnaTestV2.json'):
        for case in json.load(open(os.path.join(corpora, name), encoding='utf-8')):
            if isinstance(case, dict):
                inputs.add('https://' + case['input'] + '/x')
    return [text.encode('utf-8', 'surrogatepass') for text in inputs]


def config():
    inputs = [read('data/kiosk.conf')]
    for pattern in ('data/examples/*.conf', 'data/examples/*.conf.in'):
        inputs += [read(os.path.relpath(path, root))
                   for path in sorted(glob.glob(os.path.join(root, pattern)))]
    # The tests write their configs a group at a time: each piece as it
    # is, and within a whole file.
    header = b'[Kiosk]\nStationId=gare-03\nSite=gare\n\n'
    service = b'[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n'
    for test in ('tests/test-config.c', 'tests/test-console-config.c'):
        for text in c_strings(test):
            if b'=' not in text and b'[' not in text:
                continue
            inputs.append(text)
            if not text.startswith(b'[Kiosk]'):
                inputs.append(header + text + b'\n' + service)
    return inputs


def json_bodies(tests, must_have):
    inputs = [b'', b'{}']
    for test in tests:
        inputs += [text for text in c_strings(test)
                   if text[:1] in (b'{', b'[', b'"') and must_have in text]
    return inputs


def api_json():
    return json_bodies(['tests/test-station-api.c', 'tests/test-station-client.c'], b'') + [
        b'{"message": "Imprimante en panne \\u2014 revenez demain \\u0645\\u0631"}',
        b'{"message": "' + 'é'.encode('utf-8') * 500 + b'"}',
    ]


def status_json():
    return json_bodies(['tests/test-station-client.c', 'tests/test-station-api.c'], b'"') + [
        b'{"station":"gare-01","site":"gare","state":"in-use",'
        b'"since":"2026-01-05T09:30:00Z","help_requested":true,"version":"0.1.0"}',
        b'{"station":"gare-01","site":"gare","state":"free","since":1767605400,'
        b'"help_requested":false,"version":"0.1.0"}',
    ]


def usage_csv():
    inputs = [text for text in c_strings('tests/test-usage-csv.c')
              if text.startswith(CSV_HEADER.encode())]
    return inputs + [(CSV_HEADER + '\n'
                      '2026-01-05,9,gare,gare-01,service-opened,caf,3\n'
                      '2026-02-28,23,"quartier, nord","poste ""2""",navigation-refused,'
                      'example.org,1\n').encode('utf-8')]


def block_list():
    return json_bodies(['tests/test-config.c', 'tests/test-boundary.c'], b'trigger') + [
        b'[]',
        b'[{"trigger": {"url-filter": "^https?://([^/]*[.])?ads[.]example[:/]",'
        b' "resource-type": ["script", "image"], "if-domain": ["*caf.fr"]},'
        b' "action": {"type": "block"}},'
        b' {"trigger": {"url-filter": ".*"}, "action": {"type": "css-display-none",'
        b' "selector": ".ad"}}]',
    ]


targets = {
    'policy': policy,
    'config': config,
    'api-json': api_json,
    'status-json': status_json,
    'usage-csv': usage_csv,
    'block-list': block_list,
}

os.makedirs(seeds, exist_ok=True)
inputs = set(targets[target]())
for data in inputs:
    with open(os.path.join(seeds, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)
print(f'{target}: {len(inputs)} seeds')
