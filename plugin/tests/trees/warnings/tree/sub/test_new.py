class TestWithNew:
    def __new__(cls):
        return super().__new__(cls)

    def test_never(self):
        pass


class TestFine:
    def test_fine(self):
        pass
