"""Error pages rendered with the site's own templates and the reader's language."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # The 500 page must not touch the database: it may be the thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))
