"""Queries the site runs on every page view, compiled to SQL once per process.

Django compiles a queryset to SQL on every evaluation. For Wagtail's page models (some 30
columns, a join for the hero image) that costs about 0.5 ms of CPU, a tenth of an uncached
article page (docs/performance.md). A ``PreparedQuery`` compiles its queryset once per
database alias with a marker in place of the one value that changes, then runs that SQL with
the value and turns the rows into what the queryset would give — model instances exactly
as Django makes them (the same compiler, converters and ``select_related`` populators), or
the rows of a ``values_list()`` queryset.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, router
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators

_MARKER = "\x00vestnik-prepared-query-parameter\x00"
_INTEGER_MARKER = -2_147_483_001  # a value no id or count takes


class PreparedQuery:
    def __init__(self, model, make_queryset: Callable[[object], object], *, integer: bool = False):
        """``make_queryset(value)`` gives the queryset for one value (filters on it, any
        number of times): called once per alias, with a marker as the value. The value must
        reach the SQL as it is — equality with a text or number column, not ``startswith``
        (a LIKE pattern made of it) nor a list. ``integer``: the value is a number (an id)."""
        self.model = model
        self.marker = _INTEGER_MARKER if integer else _MARKER
        self.make_queryset = make_queryset
        self._compiled: dict[tuple[str, bool], tuple] = {}

    def _compile(self, alias: str, first: bool) -> tuple:
        compiled = self._compiled.get((alias, first))
        if compiled is None:
            queryset = self.make_queryset(self.marker)
            if first:
                queryset = queryset[:1]
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            positions = [i for i, param in enumerate(params) if param == self.marker]
            if not positions:
                raise ValueError(f"PreparedQuery({self.model.__name__}): the query does not use the value")
            if queryset._iterable_class is ValuesIterable:
                raise ValueError(f"PreparedQuery({self.model.__name__}): use values_list(), not values()")
            models = queryset._iterable_class is ModelIterable  # not values_list()
            compiled = self._compiled[(alias, first)] = (compiler, sql, list(params), positions, models)
        return compiled

    def _rows(self, value, first: bool) -> list:
        alias = router.db_for_read(self.model)
        compiler, sql, params, positions, models = self._compile(alias, first)
        params = list(params)
        for position in positions:
            params[position] = value
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchmany(1) if first else cursor.fetchall()
        rows = list(compiler.results_iter(results=[rows])) if rows else []
        return self._instances(alias, compiler, rows) if models else [tuple(row) for row in rows]

    def _instances(self, alias: str, compiler, rows: list) -> list:
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, alias)
        annotations = compiler.annotation_col_map
        instances = []
        for row in rows:
            instance = self.model.from_db(alias, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances

    def first(self, value):
        """The first row for ``value``, or None: what ``make_queryset(value).first()`` would
        give (for a query that names its order or matches one row), read from the alias the
        database router chooses."""
        found = self._rows(value, first=True)
        return found[0] if found else None

    def all(self, value) -> list:
        """Every row for ``value``: ``list(make_queryset(value))``."""
        return self._rows(value, first=False)
