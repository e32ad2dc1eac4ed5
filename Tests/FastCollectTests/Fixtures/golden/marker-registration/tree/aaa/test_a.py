import pytest


@pytest.mark.slow
@pytest.mark.custom(1)
@pytest.mark.joined
@pytest.mark.bykeyword
@pytest.mark.fromini
def test_registered():
    pass


@pytest.mark.early
def test_from_initial_conftest():
    pass


@pytest.mark.late
def test_registered_later():
    pass


@pytest.mark.notamark
@pytest.mark.conditional
@pytest.mark.unknownmark
def test_unknown():
    pass
