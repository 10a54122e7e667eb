import os
import threading

from django.core.wsgi import get_wsgi_application

from parcours.domain.documents.pdf import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
application = get_wsgi_application()

# The first PDF of a fresh server would otherwise pay Typst's fonts, templates and first
# layout; a background thread pays them while the server starts listening. This runs in
# each worker: Typst's threads do not survive a fork, so gunicorn must not --preload.
WARM_UP = threading.Thread(target=warm_up, name="typst-warm-up", daemon=True)
WARM_UP.start()
