"""The WSGI entry point warms Typst up in the background, so the first download is fast."""

import subprocess
import sys

# A fresh interpreter: in the test process other tests may already have rendered PDFs.
PROBE = """
import sys
import parcours.wsgi as wsgi
from parcours.domain.documents import pdf
wsgi.WARM_UP.join(timeout=60)
print(callable(wsgi.application), wsgi.WARM_UP.is_alive(), not pdf.fork_safe())
"""


def test_the_server_start_warms_typst_up_in_the_background():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["True", "False", "True"], done.stderr


def test_importing_the_settings_alone_does_not_load_typst():
    probe = "import sys, parcours.settings; print('typst' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
