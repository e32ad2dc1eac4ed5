import functools

import pytest


def check_value():
    assert True


test_alias = check_value


def test_original():
    assert True


test_second_name = test_original

test_lambda = lambda: None  # noqa: E731


class Checker:
    def __call__(self):
        assert True


test_instance = Checker()

test_partial = functools.partial(check_value)


@pytest.fixture
def test_fixture_named_like_a_test():
    return 1


@pytest.mark.skip(reason="still collected")
def test_marked_skip():
    assert False


@pytest.mark.slow
def test_marked_custom():
    assert True


def decorator(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@decorator
def test_wrapped():
    assert True


def test_redefined():
    assert False


def test_after_first_definition():
    assert True


def test_redefined():
    assert True
