"""The search page and the same search as JSON."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from vestnik.news.routing import site_for_request

from . import selectors
from .forms import SearchForm


def _run(request):
    form = SearchForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return form, None
    data = form.cleaned_data
    filters = selectors.Filters(
        rubric=data["rubric"], author=data["author"], date_from=data["date_from"], date_to=data["date_to"]
    )
    return form, selectors.search(data["q"], filters=filters, page_number=request.GET.get("page"))


def search_page(request):
    site_for_request(request)  # cached, for the results' page URLs
    form, results = _run(request)
    context = {"form": form, "results": results, "now": timezone.now()}
    status = 400 if form.is_bound and form.errors else 200
    response = render(request, "search/search_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def search_json(request):
    form, results = _run(request)
    if form.errors:
        errors = [
            {"field": name, "message": str(message)} for name, msgs in form.errors.items() for message in msgs
        ]
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    results = results or selectors.search("")
    if results.error:
        return JsonResponse(
            {"errors": [{"field": "q", "message": results.error}], "suggestion": results.suggestion},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(selectors.as_json(results, request), json_dumps_params={"ensure_ascii": False})
