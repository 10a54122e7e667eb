import os
import threading

from django.core.wsgi import get_wsgi_application

from parcours.domain.documents.pdf import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
application = get_wsgi_application()

# Without it the first PDF a fresh server renders pays WeasyPrint's import, stylesheet and
# fonts (≈ 1 s more); a background thread pays it while the server starts listening.
WARM_UP = threading.Thread(target=warm_up, name="weasyprint-warm-up", daemon=True)
WARM_UP.start()
