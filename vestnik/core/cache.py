"""Redis as a cache the site can live without.

Everything Vestnik keeps in Redis can be recomputed, so when Redis is down or slow a read
is a miss and a write is dropped: pages render from the database (slower) instead of
failing. After a failure this process leaves Redis alone for a few seconds rather than
paying a timeout on every call; a warning is logged once per outage.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django makes a new ``redis.Redis`` for every cache call, copying its table of about
    200 response callbacks each time (0.05–0.1 ms, several times per page). One client per
    connection pool serves them all: it holds no connection of its own (the pool does, and
    the pool starts afresh in a forked worker)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _guard(self, call, default):
        cls = type(self)
        if time.monotonic() < cls._down_until:
            return default
        try:
            result = call()
        except FAILURES as error:
            if not cls._down_until:
                logger.warning("Redis cache unavailable, serving without it: %s", error)
            cls._down_until = time.monotonic() + RETRY_AFTER
            return default
        if cls._down_until:
            logger.warning("Redis cache available again")
            cls._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Without Redis nobody else can hold the lock: say "added" so the caller renders.
        return self._guard(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), [])

    def delete(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def incr(self, key, delta=1, version=None):
        result = self._guard(lambda: super(ResilientRedisCache, self).incr(key, delta, version), None)
        if result is None:
            raise ValueError(f"Key '{key}' not found (or Redis unavailable)")
        return result

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def has_key(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def clear(self):
        return self._guard(lambda: super(ResilientRedisCache, self).clear(), False)
