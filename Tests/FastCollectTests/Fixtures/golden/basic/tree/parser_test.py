def parse(text):
    return text.split(",")


def test_parse_simple():
    assert parse("a,b") == ["a", "b"]


def test_parse_empty():
    assert parse("") == [""]
