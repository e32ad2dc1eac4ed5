import abc


class TestAbstractBase(abc.ABC):
    @abc.abstractmethod
    def make(self):
        ...

    def test_make_returns_value(self):
        assert self.make() is not None


class TestConcrete(TestAbstractBase):
    def make(self):
        return 1
