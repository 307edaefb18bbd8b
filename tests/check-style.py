#!/usr/bin/env python3
# Checks the mechanical parts of the house style (see .editorconfig and
# STYLE.md) and the layering of DESIGN.md on every C file of the project:
# spaces not tabs, no trailing white space, at most 100 columns, a final
# newline, G_LOG_DOMAIN in every .c, and src/core free of GTK and WebKit.
# Usage: check-style.py SOURCE_ROOT

import os
import re
import sys

root = sys.argv[1]
failures = []
FORBIDDEN_IN_CORE = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|webkit/|adwaita)')

for top in ('src', 'tests'):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                text = f.read()

            if not text.endswith('\n'):
                failures.append(f'{relative}: no newline at the end of the file')

            for number, line in enumerate(text.split('\n'), start=1):
                if '\t' in line:
                    failures.append(f'{relative}:{number}: tab character (indent with spaces)')
                if line != line.rstrip():
                    failures.append(f'{relative}:{number}: trailing white space')
                if len(line) > 100:
                    failures.append(f'{relative}:{number}: longer than 100 columns')

            if name.endswith('.c') and '#define G_LOG_DOMAIN' not in text:
                failures.append(f'{relative}: does not define G_LOG_DOMAIN')

            if relative.startswith(os.path.join('src', 'core')):
                for number, line in enumerate(text.split('\n'), start=1):
                    if FORBIDDEN_IN_CORE.search(line):
                        failures.append(f'{relative}:{number}: src/core must not include '
                                        'GTK or WebKit')

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
