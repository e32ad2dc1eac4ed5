class Helper:
    def __call__(self):
        return 1


test_instance = Helper()
test_length = len


def test_function():
    pass
