def test_restock():
    assert True


def check_levels():
    assert True


def verify_nothing():
    assert False


class TestWarehouse:
    def checkout(self):
        assert True
