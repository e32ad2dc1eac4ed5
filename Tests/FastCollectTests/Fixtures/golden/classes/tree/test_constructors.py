from dataclasses import dataclass


class TestWithInit:
    def __init__(self):
        self.value = 1

    def test_never_collected(self):
        assert self.value == 1


class TestWithNew:
    def __new__(cls):
        return super().__new__(cls)

    def test_never_collected_either(self):
        assert True


@dataclass
class TestRecord:
    name: str = "x"

    def test_dataclass_has_init(self):
        assert True


class TestPlain:
    def test_collected(self):
        assert True
