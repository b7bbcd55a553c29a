import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantbeeld.settings")
application = get_wsgi_application()

# gunicorn started by hand, without `klantbeeld serve`, refuses an unsafe configuration
# too (checks.py).
from django.core import checks  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from klantbeeld.checks import SECURITY  # noqa: E402

_errors = [e for e in checks.run_checks(tags=[SECURITY]) if e.is_serious()]
if _errors:
    raise ImproperlyConfigured("\n".join(f"{e.id}: {e.msg} {e.hint or ''}" for e in _errors))
