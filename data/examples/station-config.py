#!/usr/bin/env python3
# Writes a sample station configuration: the site's own [Kiosk] group
# (SITE.conf.in) followed by the service catalogue of the default
# configuration (data/kiosk.conf, from its first group after [Kiosk]), so
# that the samples always offer the same services as the default.
# Usage: station-config.py SITE.conf.in kiosk.conf OUTPUT

import sys

site_path, default_path, output_path = sys.argv[1:]

with open(site_path, encoding='utf-8') as f:
    site = f.read()
with open(default_path, encoding='utf-8') as f:
    lines = f.read().split('\n')

in_kiosk = False
start = None
for number, line in enumerate(lines):
    if line.startswith('['):
        if line.strip() == '[Kiosk]':
            in_kiosk = True
        elif in_kiosk:
            start = number
            break
if start is None:
    sys.exit(f'{default_path}: no group after [Kiosk]')

catalogue = '\n'.join(lines[start:])
with open(output_path, 'w', encoding='utf-8') as f:
    f.write(site.rstrip('\n') + '\n\n'
            '# The service catalogue, the same as in the default configuration.\n\n'
            + catalogue)
