#!/usr/bin/env python3
# Checks that po/POTFILES.in lists, in order, every file with translatable
# strings, and that every catalogue in po/LINGUAS translates all of them.
# Usage: check-translations.py SOURCE_ROOT

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
failures = []

TRANSLATABLE = re.compile(r'(\b_\(\s*"|\bN_\(\s*"|\bC_\(\s*"|translatable="yes")')


def tracked_sources():
    for top in ('src',):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if name.endswith(('.c', '.h', '.ui')):
                    path = os.path.join(dirpath, name)
                    yield os.path.relpath(path, root)


with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

if listed != sorted(listed):
    failures.append('po/POTFILES.in is not sorted')

for path in sorted(tracked_sources()):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        has_strings = TRANSLATABLE.search(f.read()) is not None
    if has_strings and path not in listed:
        failures.append(f'{path} has translatable strings but is missing from po/POTFILES.in')

for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        failures.append(f'po/POTFILES.in lists {path}, which does not exist')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'messages.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments',
                    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                    '--directory=' + root, '--output=' + pot] + listed, check=True)

    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [line.strip() for line in f if line.strip() and not line.startswith('#')]

    for language in languages:
        po = os.path.join(po_dir, language + '.po')
        merged = os.path.join(tmp, language + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file=' + merged,
                        po, pot], check=True)
        stats = subprocess.run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null',
                                merged], check=True, capture_output=True, text=True).stderr
        if 'untranslated' in stats or 'fuzzy' in stats:
            failures.append(f'po/{language}.po is incomplete: {stats.strip()}')

for failure in failures:
    print(failure, file=sys.stderr)

if failures:
    sys.exit(1)
print('translations complete for', ', '.join(languages))
