"""Django's Redis cache, with one redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` object for every cache
call, and building one registers a hundred response callbacks: on a page
served from the cache that was most of the time spent outside the network.
The client objects are thread-safe and share their pool, so one is kept
per pool instead.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
