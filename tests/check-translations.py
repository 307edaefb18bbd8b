#!/usr/bin/env python3
# Checks that po/POTFILES.in lists, in order, every file with translatable
# strings, that the French catalogue translates all of them, and that every
# other catalogue in po/LINGUAS translates all those of the kiosk itself
# (what a resident, or a mediator at a station, reads): the desk console
# and the admin command line are for French-speaking staff.
# Usage: check-translations.py SOURCE_ROOT
#
# Messages are extracted with the same xgettext arguments as po/meson.build
# (meson's i18n 'glib' preset), so plural (g_dngettext) and context
# (C_, NC_, g_dpgettext2) messages are checked like the others.

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
failures = []

# meson's i18n module, PRESET_ARGS['glib'] (what i18n.gettext(..., preset: 'glib')
# in po/meson.build passes to xgettext); keep the two in step.
XGETTEXT_GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def xgettext(sources, pot):
    """Extracts the messages of SOURCES (relative to root) into POT, as meson does."""
    subprocess.run(['xgettext', '--package-name=pimms-kiosk', '--keyword=_',
                    '--directory=' + root, '--output=' + pot]
                   + XGETTEXT_GLIB_PRESET + sources, check=True)


def referenced_files(pot):
    """The source files that the '#:' references of POT name."""
    files = set()
    if not os.path.exists(pot):  # xgettext writes nothing when it finds nothing
        return files
    with open(pot, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#: '):
                for ref in line[3:].split():
                    files.add(re.sub(r':\d+$', '', ref))
    return files


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

for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        failures.append(f'po/POTFILES.in lists {path}, which does not exist')

languages = []
with tempfile.TemporaryDirectory() as tmp:
    # Every file under src/ from which xgettext extracts at least one message
    # (_, N_, C_, NC_, g_dngettext, g_dpgettext2, translatable="yes"…).
    everything = os.path.join(tmp, 'everything.pot')
    xgettext(sorted(tracked_sources()), everything)
    for path in sorted(referenced_files(everything)):
        if path not in listed:
            failures.append(f'{path} has translatable strings but is missing from po/POTFILES.in')

    existing = [path for path in listed if os.path.exists(os.path.join(root, path))]
    pot = os.path.join(tmp, 'messages.pot')
    xgettext(existing, pot)
    kiosk_pot = os.path.join(tmp, 'kiosk.pot')
    xgettext([path for path in existing
              if path.startswith('src/shell/') or path == 'src/core/kiosk-category.c'], kiosk_pot)

    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [line.strip() for line in f if line.strip() and not line.startswith('#')]

    for language in languages:
        po = os.path.join(po_dir, language + '.po')
        merged = os.path.join(tmp, language + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file=' + merged,
                        po, pot if language == 'fr' else kiosk_pot], check=True)
        result = subprocess.run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null',
                                 merged], capture_output=True, text=True)
        stats = result.stderr
        if result.returncode != 0:
            failures.append(f'po/{language}.po does not pass msgfmt --check:\n{stats.strip()}')
        elif 'untranslated' in stats or 'fuzzy' in stats:
            failures.append(f'po/{language}.po is incomplete: {stats.strip()}')

for failure in failures:
    print(failure, file=sys.stderr)

if failures:
    sys.exit(1)
print('translations complete for', ', '.join(languages))
