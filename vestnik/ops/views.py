"""/healthz for load balancers and monitoring: 200 when the database and cache answer, else 503."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .health import check_cache, check_database


@require_safe
def healthz(request):
    database, cache = check_database(), check_cache()
    ok = database.ok and cache.ok
    response = JsonResponse(
        {"status": "ok" if ok else "fail", "database": database.as_dict(), "cache": cache.as_dict()},
        status=200 if ok else 503,
    )
    # Every probe must reach this process: no proxy, CDN or page cache may answer for it.
    response["Cache-Control"] = "no-store"
    return response
