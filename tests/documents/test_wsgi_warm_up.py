"""The WSGI entry point loads WeasyPrint in the background, so the first download is fast."""

import subprocess
import sys

# A fresh interpreter: in the test process other tests may already have imported WeasyPrint.
PROBE = """
import sys
import parcours.wsgi as wsgi
wsgi.WARM_UP.join(timeout=60)
print(callable(wsgi.application), wsgi.WARM_UP.is_alive(), "weasyprint" in sys.modules)
"""


def test_the_server_start_loads_weasyprint_in_the_background():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["True", "False", "True"], done.stderr


def test_importing_the_settings_alone_does_not_load_weasyprint():
    probe = "import sys, parcours.settings; print('weasyprint' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
