import enum
import math
import re

import pytest


class Color(enum.Enum):
    RED = 1
    GREEN = "g"


class Mode(str, enum.Enum):
    FAST = "fast"
    SLOW = "sl ow"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Plain:
    pass


def helper():
    pass


@pytest.mark.parametrize(
    "text",
    ["plain", "", "tab\there", "new\nline", "quote'\"", "back\\slash", "caf\u00e9", "\u2603 snow", "\x00nul", "a b"],
)
def test_str(text):
    pass


@pytest.mark.parametrize("data", [b"bytes", b"", b"\x00\xff", b"tab\t", "é".encode()])
def test_bytes(data):
    pass


@pytest.mark.parametrize("number", [0, -1, 10**20, 0x1F, True, False])
def test_int_bool(number):
    pass


@pytest.mark.parametrize(
    "number", [0.0, -0.0, 1.5, 1e100, 1e-7, float("inf"), -math.inf, float("nan"), 3.0, 0.1 + 0.2]
)
def test_float(number):
    pass


@pytest.mark.parametrize("number", [1j, 1 + 2j, -0.5j, complex(3, -4), complex(0, 0)])
def test_complex(number):
    pass


@pytest.mark.parametrize("value", [None, ..., Color.RED, Color.GREEN, Mode.FAST, Mode.SLOW, Level.HIGH])
def test_singletons_and_enums(value):
    pass


@pytest.mark.parametrize("obj", [Plain, helper, len, int, re.compile("x+"), lambda: 1, Plain(), [1], (1, 2), {"a": 1}, {3}])
def test_objects(obj):
    pass


@pytest.mark.parametrize("a, b", [(1, "x"), (2.5, None), (Color.RED, b"y"), (object(), [])])
def test_tuples(a, b):
    pass


@pytest.mark.parametrize("value", [1, 1, "a", "a", "a0"])
def test_duplicates(value):
    pass


@pytest.mark.parametrize("value", [1, 2, 3], ids=["one", None, "three"])
def test_ids_list_with_none(value):
    pass


@pytest.mark.parametrize("value", [1, 2], ids=["same", "same"])
def test_ids_duplicate_given(value):
    pass


@pytest.mark.parametrize(
    "value",
    [pytest.param(1, id="custom"), pytest.param(2, id="sp ace\n"), pytest.param(3), pytest.param(4, id=pytest.HIDDEN_PARAM)],
)
def test_param_ids(value):
    pass


@pytest.mark.parametrize("value", [])
def test_empty(value):
    pass
