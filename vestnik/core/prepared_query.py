"""A query the site runs on every page view, compiled to SQL once per process.

Django compiles a queryset to SQL on every evaluation. For Wagtail's page models (some 30
columns, a join for the hero image) that costs about 0.5 ms of CPU, a tenth of an uncached
article page (docs/performance.md). A ``PreparedQuery`` compiles its queryset once per
database alias with a marker in place of the one value that changes, then runs that SQL with
the value and turns the row into model instances exactly as Django would (the same
compiler, converters and ``select_related`` populators).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, router
from django.db.models.query import get_related_populators

_MARKER = "\x00vestnik-prepared-query-parameter\x00"


class PreparedQuery:
    def __init__(self, model, make_queryset: Callable[[str], object]):
        """``make_queryset(value)`` gives the queryset for one value (a filter on it, at
        most one row wanted): called once per alias, with a marker as the value."""
        self.model = model
        self.make_queryset = make_queryset
        self._compiled: dict[str, tuple] = {}

    def _compile(self, alias: str) -> tuple:
        compiled = self._compiled.get(alias)
        if compiled is None:
            queryset = self.make_queryset(_MARKER)[:1]
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            positions = [i for i, param in enumerate(params) if param == _MARKER]
            if len(positions) != 1:
                raise ValueError(
                    f"PreparedQuery({self.model.__name__}): the value must appear once in the query"
                )
            compiled = self._compiled[alias] = (compiler, sql, list(params), positions[0])
        return compiled

    def first(self, value: str):
        """The first instance for ``value``, or None: what ``make_queryset(value).first()``
        would give, read from the alias the database router chooses."""
        alias = router.db_for_read(self.model)
        compiler, sql, params, position = self._compile(alias)
        params = [*params[:position], value, *params[position + 1 :]]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = next(iter(compiler.results_iter(results=[[row]])))
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        instance = self.model.from_db(alias, names, row[start:end])
        for populator in get_related_populators(klass_info, select, alias):
            populator.populate(row, instance)
        return instance
