class TestHasInit:
    def __init__(self):
        self.value = 1

    def test_inside(self):
        pass


def test_plain():
    pass
