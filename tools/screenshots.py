#!/usr/bin/env python3
# Helper of tools/screenshots: runs under Xvfb and a session bus.

import http.server
import ssl
import os
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlsplit

kiosk, out = sys.argv[1], sys.argv[2]

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>CAF</title>
<style>body{font-family:sans-serif;margin:0}header{background:#004a99;color:#fff;padding:24px}
main{padding:24px;font-size:18px}a{display:inline-block;margin:12px 0}</style></head>
<body><header><h1>Caisse d'allocations familiales (page de démonstration)</h1></header>
<main><p>Cette page remplace www.caf.fr pour les captures d'écran.</p>
<p><a id="outside" href="http://www.example-social-network.com/">Un site qui n'est pas dans la liste</a></p>
<p><a id="private" href="/private">Mon espace privé (identifiant et mot de passe)</a></p>
<p><a id="secure" href="https://www.caf.fr/secure">Une page sécurisée au certificat douteux</a></p>
<p><a id="attestation" href="/attestation">Télécharger mon attestation de paiement (PDF)</a></p>
<p><a id="popup" href="/aide" target="_blank">Aide pour remplir le formulaire (nouvelle fenêtre)</a></p>
<p><label>Joindre un justificatif : <input type="file"></label></p>
<p><button onclick="window.print()" style="font-size:18px">Imprimer cette page</button></p>
</main></body></html>"""


HELP = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Aide</title>
<style>body{font-family:sans-serif;margin:24px;font-size:18px}</style></head>
<body><h1>Comment remplir le formulaire</h1>
<p>Cette fenêtre de démonstration s'ouvre au-dessus de la page, comme l'aide d'un site.</p>
<button onclick="window.close()" style="font-size:18px">Fermer l'aide</button></body></html>"""


def make_pdf(lines):
    """A small one-page PDF, written by hand: the demo needs no PDF library."""
    text = 'BT /F1 20 Tf 72 760 Td 28 TL ' + ' '.join(
        '(%s) Tj T*' % line.replace('(', '[').replace(')', ']') for line in lines) + ' ET'
    objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        '/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        '<< /Length %d >>\nstream\n%s\nendstream' % (len(text.encode('latin-1')), text),
    ]
    pdf = b'%PDF-1.4\n'
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += ('%d 0 obj\n%s\nendobj\n' % (number, body)).encode('latin-1')
    xref = len(pdf)
    pdf += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)).encode()
    pdf += ''.join('%010d 00000 n \n' % offset for offset in offsets).encode()
    pdf += ('trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objects) + 1, xref)).encode()
    return pdf


ATTESTATION = make_pdf(['Caisse d\'allocations familiales (démonstration)', '',
                        'Attestation de paiement', '',
                        'Cette attestation de démonstration ne concerne personne.'])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if urlsplit(self.path).path == '/attestation':
            self.send_response(200)
            self.send_header('Content-Type', 'application/pdf')
            self.send_header('Content-Disposition', 'attachment; filename="attestation-paiement.pdf"')
            self.send_header('Content-Length', str(len(ATTESTATION)))
            self.end_headers()
            self.wfile.write(ATTESTATION)
            return
        if urlsplit(self.path).path == '/private':
            self.send_response(401)
            self.send_header('WWW-Authenticate', 'Basic realm="demo"')
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        host = urlsplit(self.path).hostname or ''
        if urlsplit(self.path).path == '/aide':
            body = HELP.encode()
        else:
            body = (PAGE if host.endswith('caf.fr') else '<title>Outside</title>').encode()
        self.send_response(200)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self):
        # https goes to a self-signed certificate, which the kiosk refuses.
        self.send_response(200, 'Connection established')
        self.end_headers()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(os.path.dirname(__file__), '..', 'tests', 'data',
                                             'self-signed.pem'))
        try:
            context.wrap_socket(self.connection, server_side=True).close()
        except (ssl.SSLError, OSError):
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
tmp = tempfile.mkdtemp()
config = os.path.join(tmp, 'kiosk.conf')
with open(config, 'w') as f:
    f.write(f"""[Kiosk]
StationId=demo-01
AllowInsecureHttp=true
Proxy=http://127.0.0.1:{server.server_port}

[Service caf]
Name=CAF
Description=Allocations, aides au logement
Url=http://www.caf.fr/
Allow=*.caf.fr
Category=famille
""")

env = dict(os.environ, WEBKIT_DISABLE_COMPOSITING_MODE='1', GSETTINGS_BACKEND='memory')

# A sound server of its own, with nowhere to play to, as a station with
# sound: "Listen" shows only where there is a sound device.
sound_dir = tempfile.mkdtemp()
sound_socket = os.path.join(sound_dir, 'socket')
sound_server = subprocess.Popen(
    ['pulseaudio', '--daemonize=no', '-n', '--use-pid-file=no', '--exit-idle-time=-1',
     '-L', 'module-null-sink', '-L', f'module-native-protocol-unix socket={sound_socket} '
     'auth-anonymous=1'],
    env=dict(os.environ, HOME=sound_dir, XDG_RUNTIME_DIR=sound_dir, XDG_CONFIG_HOME=sound_dir),
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    if os.path.exists(sound_socket):
        break
    time.sleep(0.1)
env['PULSE_SERVER'] = 'unix:' + sound_socket


def write_config(name, extra):
    path = os.path.join(tmp, name)
    with open(config) as f, open(path, 'w') as out:
        out.write(f.read().replace('[Kiosk]\n', '[Kiosk]\n' + extra, 1))
    return path


# SHOTS=name,name takes only those, when working on one screen.
only = os.environ.get('SHOTS', '').split(',') if os.environ.get('SHOTS') else None


def shot(name, args, actions=(), language=None):
    if only is not None and name not in only:
        return
    shot_env = dict(env, LANGUAGE=language) if language else env
    process = subprocess.Popen([kiosk, '--windowed', '--state-dir', tmp] + args, env=shot_env)
    time.sleep(4)
    for action in actions:
        action()
        time.sleep(2)
    path = os.path.join(out, name + '.png')
    subprocess.run(['import', '-window', 'root', path], check=True)
    process.terminate()
    process.wait()
    print(path)


def click_outside():
    # The link stands near the top left of the demo page, under the toolbar.
    subprocess.run(['xdotool', 'mousemove', '100', '321', 'click', '1'], check=True)


shot('home', ['--config', os.path.join(os.path.dirname(kiosk), '..', 'share', 'pimms-kiosk',
                                       'kiosk.conf')])
# The home screen of a station set to each language of the switcher.
for language in ('fr', 'en', 'ar', 'es', 'pt', 'tr'):
    shot('home-' + language,
         ['--config', os.path.join(os.path.dirname(kiosk), '..', 'share', 'pimms-kiosk',
                                   'kiosk.conf')], language=language)
shot('service', ['--config', config, '--open', 'caf'])
# Listen, on a service's page: the page is read aloud, "Stop" beside it.
LISTEN_BUTTON = os.environ.get('LISTEN_BUTTON', '790 44').split()
shot('listening', ['--config', config, '--open', 'caf'],
     [lambda: subprocess.run(['xdotool', 'mousemove', *LISTEN_BUTTON, 'click', '1'], check=True)])
# And the home screen read in Arabic.
LISTEN_BUTTON_AR = os.environ.get('LISTEN_BUTTON_AR', '403 43').split()
shot('listening-ar',
     ['--config', os.path.join(os.path.dirname(kiosk), '..', 'share', 'pimms-kiosk', 'kiosk.conf')],
     [lambda: subprocess.run(['xdotool', 'mousemove', *LISTEN_BUTTON_AR, 'click', '1'],
                             check=True)], language='ar')


def search(words):
    # The search box stands under the welcome line of the home screen.
    return lambda: (subprocess.run(['xdotool', 'mousemove', *SEARCH_BOX, 'click', '1'], check=True),
                    subprocess.run(['xdotool', 'type', '--delay', '50', words], check=True))


SEARCH_BOX = os.environ.get('SEARCH_BOX', '300 418').split()
shot('refused', ['--config', config, '--open', 'caf'], [click_outside])
# The same link, from a payment page: the payment is what is stuck.
payment = os.path.join(tmp, 'payment.conf')
with open(config) as f, open(payment, 'w') as payment_file:
    payment_file.write(f.read() + """
[Payment]
Hosts=paiement.caf.fr

[Service timbre]
Name=Timbre fiscal
Url=http://paiement.caf.fr/
Allow=*.caf.fr
Category=papiers
""")
shot('payment-refused', ['--config', payment, '--open', 'timbre'], [click_outside])
broken = os.path.join(tmp, 'broken.conf')
with open(broken, 'w') as f:
    f.write('[Kiosk]\nStationId=demo-01\n\n[Service caf]\nName=CAF\nAllow=*.caf.fr\nCategory=famille\n')
shot('out-of-service', ['--config', broken])


def key(*keys):
    subprocess.run(['xdotool', 'key'] + list(keys), check=True)


def click_end_session():
    # "Terminer ma session" is the last button of the toolbar, top right.
    subprocess.run(['xdotool', 'mousemove', '1200', '42', 'click', '1'], check=True)


def click_private():
    # The second link of the demo page, under the first one.
    subprocess.run(['xdotool', 'mousemove', '100', '383', 'click', '1'], check=True)


shot('sign-in', ['--config', config, '--open', 'caf'], [click_private])


def click_popup():
    # The fifth link of the demo page, which opens a window of the site.
    subprocess.run(['xdotool', 'mousemove', '100', '572', 'click', '1'], check=True)


shot('popup', ['--config', config, '--open', 'caf'], [click_popup])


def click_secure():
    # The third link of the demo page.
    subprocess.run(['xdotool', 'mousemove', '100', '446', 'click', '1'], check=True)


shot('insecure', ['--config', config, '--open', 'caf'], [click_secure])


def click(x, y):
    return lambda: subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'click', '1'],
                                  check=True)


# Documents: the fourth link downloads an attestation, shown at once; the
# file field opens the kiosk's own chooser, with a scan in the upload folder.
scans = os.path.join(tmp, 'scans')
os.makedirs(scans, exist_ok=True)
with open(os.path.join(scans, 'scan-avis-imposition.jpg'), 'wb') as f:
    f.write(b'\xff\xd8\xff\xe0 demo scan')
documents = write_config('documents.conf', f'UploadFolder={scans}\n')
download = click(100, 509)
shot('document', ['--config', documents, '--open', 'caf'], [download, lambda: time.sleep(3)])
show_list = click(130, 171)
shot('documents', ['--config', documents, '--open', 'caf'], [download, show_list])
# Back on the service, the documents kept are a folder and a number in the toolbar.
shot('service-with-document', ['--config', documents, '--open', 'caf'],
     [download, lambda: time.sleep(3),
      lambda: subprocess.run([kiosk, '--windowed', '--state-dir', tmp, '--config', documents,
                              '--open', 'caf'], env=env, check=False)])
leave_list = click(295, 523)
shot('upload', ['--config', documents, '--open', 'caf'],
     [download, show_list, leave_list, click(290, 626)])
shot("print", ["--config", documents, "--open", "caf"], [click(124, 608)])
idle = write_config('idle.conf', 'IdleTimeout=2\nIdleWarning=30\n')
shot('idle', ['--config', idle, '--open', 'caf'], [lambda: time.sleep(3)])
# Nobody came back: after the farewell, the home screen says what happened.
idle_end = write_config('idle-end.conf', 'IdleTimeout=2\nIdleWarning=1\n')
shot('idle-ended', ['--config', idle_end, '--open', 'caf'], [lambda: time.sleep(7)])
shot('end-session', ['--config', config, '--open', 'caf'], [click_end_session])
# The question opens on "No"; Tab then Enter answers "Yes, erase everything".
shot('ended', ['--config', config, '--open', 'caf'],
     [click_end_session, lambda: key('Tab'), lambda: key('Return')])
survey = write_config('survey.conf', 'Survey=true\n')
shot('survey', ['--config', survey, '--open', 'caf'],
     [click_end_session, lambda: key('Tab'), lambda: key('Return')])
# High contrast: the toggle after the languages, at the top of the home screen.
shot('high-contrast', ['--config', os.path.join(os.path.dirname(kiosk), '..', 'share',
                                                'pimms-kiosk', 'kiosk.conf')], [click(975, 135)])

# The network is down: a proxy nobody listens on (port 9, discard).
offline = os.path.join(tmp, 'offline.conf')
with open(config) as f, open(offline, 'w') as offline_file:
    offline_file.write(f.read().replace(f'Proxy=http://127.0.0.1:{server.server_port}',
                               'Proxy=http://127.0.0.1:9'))
shot('no-connection', ['--config', offline, '--open', 'caf'])

default_config = os.path.join(os.path.dirname(kiosk), '..', 'share', 'pimms-kiosk', 'kiosk.conf')
shot('search', ['--config', default_config], [search('pole emploi')])
# Bigger text: A+ (Ctrl and +) grows the home screen and the questions, not
# the toolbar. 200 % is four steps up, 250 % the largest.
larger = lambda: key('ctrl+plus')
shot('home-text-200', ['--config', default_config], [larger] * 4)
shot('home-text-250', ['--config', default_config], [larger] * 5)
# The largest size in the languages read right to left, and of the longest words.
for language in ('ar', 'pt'):
    shot('home-' + language + '-text-250', ['--config', default_config], [larger] * 5,
         language=language)
shot('end-session-text-250', ['--config', config, '--open', 'caf'],
     [larger] * 5 + [click_end_session])

# The staff panel: Ctrl+Alt+M, the PIN keypad, then the station's actions.
pin_file = os.path.join(tmp, 'staff-pin')
subprocess.run([os.path.join(os.path.dirname(kiosk), 'pimms-kiosk-admin'), 'set-pin',
                '--file', pin_file], input=b'4821\n', check=True)
staff = write_config('staff.conf', f'StaffPinFile={pin_file}\n')
shot('staff-pin', ['--config', staff, '--open', 'caf'],
     [lambda: key('ctrl+alt+m'), lambda: subprocess.run(['xdotool', 'type', '48'], check=True)])
# The default catalogue, with its workshop profile: the panel shows its toggle.
workshop = os.path.join(tmp, 'workshop.conf')
with open(default_config) as f, open(workshop, 'w') as w:
    w.write(f.read().replace('[Kiosk]\n', f'[Kiosk]\nStaffPinFile={pin_file}\n', 1))
shot('staff-panel', ['--config', workshop],
     [lambda: key('ctrl+alt+m'), lambda: subprocess.run(['xdotool', 'type', '4821'], check=True),
      lambda: key('Return')])
# The learning mode: turned on, a démarche walked into a refused site, and
# the panel opened again, with what was refused and the lines for the admin.
unlock = [lambda: key('ctrl+alt+m'), lambda: subprocess.run(['xdotool', 'type', '4821'], check=True),
          lambda: key('Return')]


def click_record():
    subprocess.run(['xdotool', 'mousemove', *RECORD_BUTTON, 'click', '1'], check=True)


RECORD_BUTTON = os.environ.get('RECORD_BUTTON', '640 402').split()
ASSISTED_BUTTON = os.environ.get('ASSISTED_BUTTON', '367 318').split()


def click_assisted():
    subprocess.run(['xdotool', 'mousemove', *ASSISTED_BUTTON, 'click', '1'], check=True)


# Assisted mode: the discreet line under the toolbar, and its minutes.
shot('assisted', ['--config', staff, '--open', 'caf'],
     unlock + [click_assisted, lambda: key('Escape')])
shot('learning', ['--config', staff, '--open', 'caf'],
     unlock + [click_record, lambda: key('Escape'), click_outside] + unlock)
# The farewell of a resident who chose Arabic: in Arabic, before the
# station speaks French again for the next person.
choose_arabic_now = lambda: subprocess.run(['gapplication', 'action', 'org.pimms.Kiosk', 'language',
                                            "'ar'"], check=True)
shot('ended-ar', ['--config', config],
     [choose_arabic_now, click(993, 585),
      # Right to left, "إنهاء جلستي" is the first button of the toolbar, top left.
      click(80, 42), lambda: key('Tab'), lambda: key('Return')])
# The resident chose Arabic (as a tap on "العربية" does): the window reads
# right to left, the panel stays in the station's French, left to right.
choose_arabic = lambda: subprocess.run(['gapplication', 'action', 'org.pimms.Kiosk', 'language',
                                        "'ar'"], check=True)
shot('staff-pin-ar', ['--config', staff],
     [choose_arabic, lambda: key('ctrl+alt+m'),
      lambda: subprocess.run(['xdotool', 'type', '48'], check=True)])
shot('staff-panel-ar', ['--config', workshop],
     [choose_arabic, lambda: key('ctrl+alt+m'),
      lambda: subprocess.run(['xdotool', 'type', '4821'], check=True), lambda: key('Return')])
server.shutdown()
sound_server.terminate()
sound_server.wait()
