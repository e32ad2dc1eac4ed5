def test_shared():
    assert True


def check_helper():
    assert True


class TestSharedClass:
    def test_in_shared_class(self):
        assert True
