#!/usr/bin/env python3
# Installs the build into a temporary folder (meson install --destdir) and
# checks what a station would get: the programs run, the default and sample
# configurations pass pimms-kiosk-admin check-config, the desktop files,
# metainfo and systemd unit pass their validators, the man pages render
# without a warning, and every installed file the documentation names is
# there. Prints TAP.
#
# Usage: test-install.py --meson MESON --build-dir DIR --source-dir DIR
#                        --prefix PREFIX [--with-console]

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument('--meson', required=True)
parser.add_argument('--build-dir', required=True)
parser.add_argument('--source-dir', required=True)
parser.add_argument('--prefix', required=True)
parser.add_argument('--with-console', action='store_true',
                    help='the build has pimms-kiosk-console: check it too')
options = parser.parse_args()

results = []


def check(ok, description, details=''):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} - {description}', flush=True)
    if details and not ok:
        for line in details.rstrip('\n').split('\n'):
            print(f'# {line}', flush=True)
    return ok


def skip(description, reason):
    results.append(True)
    print(f'ok {len(results)} - {description} # SKIP {reason}', flush=True)


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def installed(path):
    """The file PATH of the installed tree (an absolute path under the prefix)."""
    return os.path.join(destdir, path.lstrip('/'))


# Program paths in the documentation are written for --prefix=/usr, as
# docs/deploy.md installs; they are checked under this build's prefix.
DOC_PREFIX = '/usr'


def from_doc(path):
    return options.prefix + path[len(DOC_PREFIX):] if path.startswith(DOC_PREFIX + '/') else path


with tempfile.TemporaryDirectory(prefix='pimms-kiosk-install-') as destdir:
    result = run([options.meson, 'install', '-C', options.build_dir, '--destdir', destdir,
                  '--no-rebuild', '--quiet'])
    if not check(result.returncode == 0, 'meson install --destdir', result.stdout + result.stderr):
        print(f'1..{len(results)}')
        sys.exit(1)

    prefix = options.prefix
    bindir = os.path.join(prefix, 'bin')
    datadir = os.path.join(prefix, 'share')
    pkgdatadir = os.path.join(datadir, 'pimms-kiosk')
    docdir = os.path.join(datadir, 'doc', 'pimms-kiosk')
    examples = os.path.join(docdir, 'examples')
    mandir = os.path.join(datadir, 'man', 'man1')
    unit = os.path.join(prefix, 'lib', 'systemd', 'system', 'pimms-kiosk.service')

    programs = ['pimms-kiosk', 'pimms-kiosk-admin']
    # The desk console comes from src/console; when this build has it, its
    # installed program is checked like the others.
    if options.with_console:
        programs.append('pimms-kiosk-console')

    expected = [os.path.join(bindir, program) for program in programs] + [
        os.path.join(pkgdatadir, 'kiosk.conf'),
        os.path.join(datadir, 'applications', 'org.pimms.Kiosk.desktop'),
        os.path.join(datadir, 'applications', 'org.pimms.Kiosk.Console.desktop'),
        os.path.join(datadir, 'metainfo', 'org.pimms.Kiosk.metainfo.xml'),
        os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', 'org.pimms.Kiosk.svg'),
        os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps',
                     'org.pimms.Kiosk.Console.svg'),
        os.path.join(datadir, 'locale', 'fr', 'LC_MESSAGES', 'pimms-kiosk.mo'),
        os.path.join(mandir, 'pimms-kiosk.1'),
        os.path.join(mandir, 'pimms-kiosk-admin.1'),
        os.path.join(mandir, 'pimms-kiosk-console.1'),
        unit,
        os.path.join(docdir, 'deploy.md'),
        os.path.join(docdir, 'security.md'),
        os.path.join(docdir, 'reliability.md'),
        os.path.join(examples, 'gare.conf'),
        os.path.join(examples, 'quartier.conf'),
        os.path.join(examples, 'console.conf'),
        os.path.join(examples, '90-pimms-kiosk-sysctl.conf'),
        os.path.join(examples, '90-pimms-kiosk-logind.conf'),
        os.path.join(examples, '90-pimms-kiosk-journald.conf'),
        os.path.join(examples, '90-pimms-kiosk-cupsd.conf'),
    ]
    missing = [path for path in expected if not os.path.isfile(installed(path))]
    check(not missing, 'every expected file is installed', '\n'.join('missing: ' + m for m in missing))

    etc = [path for path in glob.glob(os.path.join(destdir, '**', 'etc'), recursive=True)]
    check(not etc, 'nothing is installed into an etc folder', '\n'.join(etc))

    # The programs start from where they were installed (no build folder
    # on their library path) and answer --help without a display.
    # In English: a station without a language set speaks French.
    env = dict(os.environ, LANGUAGE='en')
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    for program in programs:
        result = run([installed(os.path.join(bindir, program)), '--help'], env=env)
        check(result.returncode == 0 and 'Usage' in result.stdout, f'{program} --help',
              result.stdout[-400:] + result.stderr[-2000:])
        result = run([installed(os.path.join(bindir, program)), '--version'], env=env)
        check(result.returncode == 0 and result.stdout.startswith(program + ' ') and
              result.stdout.split()[-1][:1].isdigit(), f'{program} --version',
              result.stdout[-400:] + result.stderr[-2000:])

    admin = installed(os.path.join(bindir, 'pimms-kiosk-admin'))
    for subcommand in ['check-config', 'check-url', 'set-pin', 'stats report', 'stats export',
                       'stats merge', 'stats html']:
        result = run([admin] + subcommand.split() + ['--help'])
        check(result.returncode == 0 and 'Usage' in result.stdout,
              f'pimms-kiosk-admin {subcommand} --help', result.stderr[-1000:])

    # Configurations an admin copies to /etc/pimms-kiosk/kiosk.conf.
    for config in [os.path.join(pkgdatadir, 'kiosk.conf'),
                   os.path.join(examples, 'gare.conf'),
                   os.path.join(examples, 'quartier.conf')]:
        result = run([admin, 'check-config', installed(config)])
        check(result.returncode == 0 and 'no problem found' in result.stdout,
              f'pimms-kiosk-admin check-config {os.path.basename(config)}',
              result.stdout + result.stderr)

    # The console's sample cannot be checked by pimms-kiosk-admin: check that
    # it is a key file (groups, key=value lines, no duplicates) with a
    # [Console] group and one [Station ID] group per station.
    problems = []
    groups = {}
    group = None
    with open(installed(os.path.join(examples, 'console.conf')), encoding='utf-8') as f:
        for number, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            match = re.fullmatch(r'\[([^\[\]]+)\]', line)
            if match:
                group = match.group(1)
                if group in groups:
                    problems.append(f'{number}: [{group}] appears twice')
                groups[group] = set()
                continue
            match = re.fullmatch(r'([A-Za-z0-9-]+(?:\[[^\]]+\])?)\s*=.*', line)
            if group is None or not match:
                problems.append(f'{number}: not a group, a key=value line or a comment')
            elif match.group(1) in groups[group]:
                problems.append(f'{number}: {match.group(1)} appears twice in [{group}]')
            else:
                groups[group].add(match.group(1))
    stations = [g for g in groups if g.startswith('Station ')]
    if 'Console' not in groups:
        problems.append('no [Console] group')
    for station in stations:
        if not {'Url', 'TokenFile'} <= groups[station]:
            problems.append(f'[{station}] lacks Url or TokenFile')
    check(not problems and len(stations) == 12, 'console.conf is a key file with 12 stations',
          '\n'.join(problems))

    desktop_file_validate = shutil.which('desktop-file-validate')
    for desktop in ['org.pimms.Kiosk.desktop', 'org.pimms.Kiosk.Console.desktop']:
        path = installed(os.path.join(datadir, 'applications', desktop))
        if desktop_file_validate is None:
            skip(f'desktop-file-validate {desktop}', 'desktop-file-validate is not installed')
            continue
        result = run([desktop_file_validate, path])
        check(result.returncode == 0 and not result.stdout.strip(),
              f'desktop-file-validate {desktop}', result.stdout + result.stderr)

    appstreamcli = shutil.which('appstreamcli')
    if appstreamcli is None:
        skip('appstreamcli validate', 'appstreamcli is not installed')
    else:
        result = run([appstreamcli, 'validate', '--no-net', '--pedantic',
                      installed(os.path.join(datadir, 'metainfo', 'org.pimms.Kiosk.metainfo.xml'))])
        check(result.returncode == 0, 'appstreamcli validate --no-net org.pimms.Kiosk.metainfo.xml',
              result.stdout + result.stderr)

    # The screenshots the metainfo shows are the ones kept in docs/screenshots.
    with open(installed(os.path.join(datadir, 'metainfo', 'org.pimms.Kiosk.metainfo.xml')),
              encoding='utf-8') as f:
        images = re.findall(r'<image>[^<]*/(docs/screenshots/[^<]+)</image>', f.read())
    check(len(images) >= 2 and all(os.path.isfile(os.path.join(options.source_dir, image))
                                   for image in images),
          'the metainfo screenshots are in docs/screenshots', ', '.join(images))

    # Man pages: groff's warnings (-ww) on, every path configured.
    for program in ['pimms-kiosk', 'pimms-kiosk-admin', 'pimms-kiosk-console']:
        page = installed(os.path.join(mandir, program + '.1'))
        result = run(['groff', '-man', '-Tutf8', '-ww', '-z', page])
        with open(page, encoding='utf-8') as f:
            unconfigured = re.findall(r'@\w+@', f.read())
        check(result.returncode == 0 and not result.stderr and not unconfigured,
              f'man page {program}(1) renders without warnings',
              result.stderr + ' '.join(unconfigured))

    # The unit: its program is the installed kiosk; systemd-analyze verify
    # loads it as systemd would (it needs no running systemd, but checks that
    # ExecStart's /usr/bin/cage exists, and finds the man page of
    # Documentation= through MANPATH).
    with open(installed(unit), encoding='utf-8') as f:
        unit_text = f.read()
    exec_start = re.search(r'^ExecStart=(.*)$', unit_text, re.M).group(1).split()
    check(exec_start[-1] == os.path.join(bindir, 'pimms-kiosk')
          and os.access(installed(exec_start[-1]), os.X_OK),
          'the unit starts the installed pimms-kiosk under cage', ' '.join(exec_start))
    systemd_analyze = shutil.which('systemd-analyze')
    if systemd_analyze is None:
        skip('systemd-analyze verify pimms-kiosk.service', 'systemd-analyze is not installed')
    else:
        unit_env = dict(os.environ, MANPATH=installed(os.path.join(datadir, 'man')) + ':')
        result = run([systemd_analyze, 'verify', installed(unit)], env=unit_env)
        check(result.returncode == 0 and not result.stderr.strip(),
              'systemd-analyze verify pimms-kiosk.service', result.stdout + result.stderr)
        # For the record: how exposed the service is, with why in its comments.
        result = run([systemd_analyze, 'security', '--offline=yes', installed(unit)])
        score = re.search(r'Overall exposure level.*', result.stdout + result.stderr)
        print('# systemd-analyze security: ' + (score.group(0) if score else 'no score'))

    # Every file of this project the installed documentation names exists:
    # the station's paths under the prefix (docs write them for /usr), and
    # the repository's own files.
    documents = [os.path.join(docdir, 'deploy.md'), os.path.join(docdir, 'security.md'), unit] + \
        [os.path.join(mandir, program + '.1')
         for program in ['pimms-kiosk', 'pimms-kiosk-admin', 'pimms-kiosk-console']]
    named = set()
    in_source = set()
    for document in documents:
        with open(installed(document), encoding='utf-8') as f:
            text = f.read()
        for path in re.findall(r'(?<![\w.-])(/(?:usr|' + re.escape(prefix.strip('/')) +
                               r')/[\w./-]*(?:pimms-kiosk|org\.pimms)[\w./-]*)', text):
            named.add(path.rstrip('.'))
        for path in re.findall(r'`((?:data|docs|tools|tests|src|po)/[\w./-]+)`', text):
            in_source.add(path)
    absent = [path for path in sorted(named) if not os.path.exists(installed(from_doc(path)))]
    absent += [path for path in sorted(in_source)
               if not os.path.exists(os.path.join(options.source_dir, path))]
    check(not absent and len(named) + len(in_source) > 10,
          f'the {len(named) + len(in_source)} files the documentation names exist',
          '\n'.join(absent))

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)
