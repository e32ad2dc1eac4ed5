import unittest as ut
from unittest import TestCase


class DirectImport(TestCase):
    def test_direct(self):
        pass


class AliasedModule(ut.TestCase):
    def test_aliased(self):
        pass


class AsyncChecks(ut.IsolatedAsyncioTestCase):
    async def test_async_unittest(self):
        pass
