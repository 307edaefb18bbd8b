#!/usr/bin/env python3
# Checks the mechanical parts of the house style (see .editorconfig and
# STYLE.md) and the layering of DESIGN.md on every C file of the project:
# spaces not tabs, no trailing white space, at most 100 columns, a final
# newline, G_LOG_DOMAIN in every .c, and src/core free of GTK and WebKit.
# In the code (outside comments, strings and preprocessor lines), the GNU
# layout GTK uses: a space between a function or keyword and its
# parenthesis ("g_free (path)", "if (", "sizeof (") except for the
# g_auto* declarations, and a block's opening brace on a line of its own
# ("} else {" and "if (x) {" are not GNU style). This is the project's
# formatter check: no formatter reproduces GTK's aligned parameter lists.
# Usage: check-style.py SOURCE_ROOT

import os
import re
import sys

root = sys.argv[1]
failures = []
FORBIDDEN_IN_CORE = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|webkit/|adwaita)')
# A lowercase name right before "(": a call or keyword without its space.
CALL_WITHOUT_SPACE = re.compile(
    r'\b(?!(?:defined|g_autoptr|g_auto|g_autolist|g_autoslist|g_autoqueue)\()[a-z][a-z0-9_]*\(')
# A block opened at the end of its statement's line, except the compound
# literals "(KioskUsageRow) {".
BRACE_AT_END = re.compile(r'(?:\)|\belse|\bdo)\s*\{\s*$')
COMPOUND_LITERAL = re.compile(r'\(\s*[A-Z]\w*\s*\)\s*\{\s*$')
CLOSE_BRACE_ELSE = re.compile(r'\}\s*else\b')


def code_only(text):
    """TEXT with its comments and the insides of its string and character
    literals blanked out, lines kept where they were."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = len(text) if end < 0 else end + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:end]))
            i = end
        elif text.startswith('//', i):
            end = text.find('\n', i)
            end = len(text) if end < 0 else end
            out.append(' ' * (end - i))
            i = end
        elif text[i] in '"\'':
            quote = text[i]
            end = i + 1
            while end < len(text) and text[end] != quote and text[end] != '\n':
                end += 2 if text[end] == '\\' else 1
            out.append(quote + ' ' * (end - i - 1) + quote)
            i = end + 1
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)

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

            in_directive = False
            for number, line in enumerate(code_only(text).split('\n'), start=1):
                # Preprocessor lines, with their continuations: function-like
                # macros are defined without the space.
                if in_directive or line.lstrip().startswith('#'):
                    in_directive = line.rstrip().endswith('\\')
                    continue
                if CALL_WITHOUT_SPACE.search(line):
                    failures.append(f'{relative}:{number}: no space before "(" '
                                    '(GNU style: "g_free (path)", "if (")')
                if BRACE_AT_END.search(line) and not COMPOUND_LITERAL.search(line):
                    failures.append(f'{relative}:{number}: "{{" opens a block on its own line '
                                    '(GNU style)')
                if CLOSE_BRACE_ELSE.search(line):
                    failures.append(f'{relative}:{number}: "else" goes on the line after "}}" '
                                    '(GNU style)')

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
