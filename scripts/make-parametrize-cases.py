#!/usr/bin/env python3
"""Writes Tests/FastCollectTests/Parametrize/Fixtures/parametrize-cases.json: small test
modules exercising parametrize ids, and the node IDs real pytest collects from them.

Each case is a directory (an optional pytest.ini and one or more test modules). For each,
`python3 -m pytest --collect-only -q -p no:cacheprovider` runs in a temporary copy
(PYTHONHASHSEED=0, PYTHONDONTWRITEBYTECODE=1); the JSON records every module's source, the
node IDs printed, and for modules pytest could not collect the body of their ERROR block.

Conventions the Swift test relies on: tests are `test_*` functions and methods of `Test*`
classes; functions named `test_dyn_*` are ones whose ids depend on something static analysis
must not claim to know (the test expects "dynamic" for them, never a wrong id). A module-level
`@pytest.fixture(params=…)` is applied to tests that take it as a parameter (first).

Usage: python3 scripts/make-parametrize-cases.py   (pytest 9.0.3 must be importable)
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "FastCollectTests", "Parametrize", "Fixtures", "parametrize-cases.json")


def case(name, files, ini=None):
    return {"name": name, "ini": ini, "files": {k: textwrap.dedent(v).lstrip("\n") for k, v in files.items()}}


CASES = [
    case("scalars", {"test_scalars.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [1, 2, -3, 0, 10**30, 2**64, -2**63, 0x10, 0o17, 0b11, 1_000, 9223372036854775807])
        def test_ints(a): pass

        @pytest.mark.parametrize("x", [0.1, 1e16, 1e15, 1e-05, 0.0001, -0.0, 1.5e300, 123456789012345678.0,
                                      0.1 + 0.2, 1e22, 5e-324, 2.5, 100.0, 1e3, 1E-3, .5, 5., float("inf"),
                                      float("-inf"), float("nan"), 1e500, -1e-7, 3.0e-5, 1/3, 2/3, 10/4])
        def test_floats(x): pass

        @pytest.mark.parametrize("c", [1j, 1 + 2j, -1j, 2.5j, complex(0, -0.0), complex(1, 0), -(1 + 1j), 3 - 4j,
                                      0j, complex(-0.0, 1), 1e20j, complex(float("inf"), 1)])
        def test_complex(c): pass

        @pytest.mark.parametrize("v", [True, False, None])
        def test_singletons(v): pass

        @pytest.mark.parametrize("s", ["a", "", "with space", "dash-ed", "a/b", "[x]", "::", "é", "☃", "\U0001F600",
                                      "\t\n\r", "\x00\x1f\x7f", "back\\slash", "quote'\"", "\u200b", "\xa0", "N\u0303"])
        def test_strings(s): pass

        @pytest.mark.parametrize("b", [b"", b"abc", b"\xe9\x00", b"\t\n\r", b"back\\slash", b"\x7f\x80\xff", b"'\""])
        def test_bytes(b): pass

        @pytest.mark.parametrize("v", [..., NotImplemented, object(), [1], (1,), {1: 2}, {3}, range(3), frozenset(),
                                      slice(1)])
        def test_no_rule(v): pass
        '''}),
    case("named", {"test_named.py": r'''
        import pytest
        import enum
        import re
        import math
        import os
        import itertools
        from enum import Enum, IntEnum, auto
        from decimal import Decimal
        import functools
        import logging
        import operator
        import sys

        class Color(Enum):
            RED = 1
            CRIMSON = 1
            BLUE = "b"
            _hidden = 3

        class Num(IntEnum):
            ONE = 1
            TWO = auto()

        class S(str, Enum):
            A = "a"
            B = "é"

        class I(int, Enum):
            X = 5

        class Auto(Enum):
            P = auto()
            Q = 10
            R = auto()

        class Plain:
            pass

        def helper():
            pass

        @pytest.mark.parametrize("e", [Color.RED, Color.CRIMSON, Color.BLUE, Color._hidden, Num.ONE, Num.TWO, S.A, S.B,
                                      I.X, Auto.P, Auto.R, Color["BLUE"], Color(1)])
        def test_enums(e): pass

        @pytest.mark.parametrize("e", list(Color))
        def test_enum_list(e): pass

        @pytest.mark.parametrize("e", Auto)
        def test_enum_class(e): pass

        @pytest.mark.parametrize("f", [helper, Plain, Color, len, str, int, ValueError, KeyError, os, math, re,
                                      lambda: 1, functools.partial(helper), Plain(), Decimal("1.5"), math.pi, math.inf,
                                      itertools.product, Color.RED.value, Color.BLUE.name])
        def test_objects(f): pass

        @pytest.mark.parametrize("f", [pytest.raises, pytest.approx, pytest.fixture, operator.le, operator.itemgetter(1),
                                      logging.ERROR, logging.getLogger, sys.maxsize])
        def test_library_objects(f): pass

        @pytest.mark.parametrize("p", [re.compile("a\\d+é"), re.compile(r"x|y", re.I)])
        def test_patterns(p): pass
        '''}),
    case("shapes", {"test_shapes.py": r'''
        import pytest

        @pytest.mark.parametrize("a,b", [(1, 2), (3, 4)])
        def test_pairs(a, b): pass

        @pytest.mark.parametrize(" a , b ,", [(1, 2)])
        def test_spaced_names(a, b): pass

        @pytest.mark.parametrize(("a", "b"), [[1, "x"], [2, "y"]])
        def test_tuple_names(a, b): pass

        @pytest.mark.parametrize(["a"], [(1,), (2,)])
        def test_list_one_name(a): pass

        @pytest.mark.parametrize("a", [(1, 2), [3, 4]])
        def test_force_tuple(a): pass

        @pytest.mark.parametrize("a", "xyz")
        def test_string_argvalues(a): pass

        @pytest.mark.parametrize("a,b", ["xy", "zw"])
        def test_string_pairs(a, b): pass

        @pytest.mark.parametrize("a", {"k1": 1, "k2": 2})
        def test_dict_argvalues(a): pass

        @pytest.mark.parametrize("a", (5, 6))
        def test_tuple_argvalues(a): pass

        @pytest.mark.parametrize(argvalues=[1, 2], argnames="a")
        def test_keywords(a): pass

        @pytest.mark.parametrize("a", [1, 2], False, None, None)
        def test_all_positional(a): pass

        @pytest.mark.parametrize("a", [1], indirect=True)
        def test_indirect(a): pass

        @pytest.mark.parametrize("a,b", [(1, 2)], indirect=["b"])
        def test_indirect_list(a, b): pass

        @pytest.fixture
        def a(request):
            return getattr(request, "param", None)

        @pytest.fixture
        def b(request):
            return getattr(request, "param", None)
        '''}),
    case("argnames_split", {"test_argnames_split.py": r'''
        import pytest

        @pytest.mark.parametrize(" a , b ,", [(1, 2)])
        def test_spaces(a, b): pass

        # str.split(",") cuts at the code point, also before a combining mark.
        @pytest.fixture(name="\u0301b")
        def combining(): pass

        @pytest.mark.usefixtures("\u0301b")
        @pytest.mark.parametrize("a,\u0301b", [(1, 2), (3, 4)])
        def test_combining(a): pass
        '''}),
    case("in_place_changes", {"test_in_place_changes.py": r'''
        import pytest

        APPENDED = [1]
        APPENDED.append(2)

        ITEMS = {"a": 1}
        ITEMS["b"] = 2

        DELETED = {"a": 1, "b": 2}
        del DELETED["a"]

        EXTENDED = [1]


        def _extend():
            EXTENDED.extend([2, 3])


        _extend()

        KEPT = [1, 2]
        assert KEPT == [1, 2]
        print(len(KEPT), dict(KEPT=KEPT))


        @pytest.mark.parametrize("v", APPENDED)
        def test_dyn_appended(v): pass


        @pytest.mark.parametrize("v", ITEMS)
        def test_dyn_item_assigned(v): pass


        @pytest.mark.parametrize("v", DELETED)
        def test_dyn_item_deleted(v): pass


        @pytest.mark.parametrize("v", EXTENDED)
        def test_dyn_extended_in_a_function(v): pass


        @pytest.mark.parametrize("v", KEPT)
        def test_kept(v): pass
        '''}),
    case("empty", {"test_empty.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [])
        def test_empty(a): pass

        @pytest.mark.parametrize("a,b", [])
        def test_empty_two(a, b): pass

        @pytest.mark.parametrize("a", [], ids=[])
        def test_empty_ids(a): pass

        @pytest.mark.parametrize("a", [x for x in range(0)])
        def test_empty_comprehension(a): pass
        '''}),
    case("empty_xfail", {"test_empty_xfail.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [])
        def test_empty(a): pass
        '''}, ini="[pytest]\nempty_parameter_set_mark = xfail\n"),
    case("empty_fail", {"test_empty_fail.py": r'''
        import pytest

        def test_before(): pass

        @pytest.mark.parametrize("a", [])
        def test_empty(a): pass
        '''}, ini="[pytest]\nempty_parameter_set_mark = fail_at_collect\n"),
    case("params", {"test_params.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [
            pytest.param(1, marks=pytest.mark.xfail),
            pytest.param(2, id="two"),
            pytest.param(3, id=None),
            pytest.param("é", id="é\n"),
            pytest.param(4, marks=[pytest.mark.slow, pytest.mark.skip(reason="x")]),
            pytest.param(5, id=""),
        ])
        def test_param(a): pass

        @pytest.mark.parametrize("a,b", [pytest.param(1, 2, id="one-two"), pytest.param(3, 4), (5, 6)])
        def test_param_pairs(a, b): pass

        @pytest.mark.parametrize("a", [pytest.param(1, id=pytest.HIDDEN_PARAM)])
        def test_hidden(a): pass

        @pytest.mark.parametrize("a", [pytest.param(1, id=pytest.HIDDEN_PARAM), 2])
        def test_hidden_and_shown(a): pass

        @pytest.mark.parametrize("a", [pytest.param(1, id=pytest.HIDDEN_PARAM)])
        @pytest.mark.parametrize("b", [2, 3])
        def test_hidden_stacked(a, b): pass

        @pytest.mark.parametrize("a", [1, 2], ids=[pytest.HIDDEN_PARAM, "x"])
        def test_hidden_ids(a): pass

        @pytest.mark.parametrize("a", [pytest.param(1, id="x"), pytest.param(2, id="x")])
        def test_param_duplicate_ids(a): pass
        '''}),
    case("ids", {"test_ids.py": r'''
        import pytest
        import enum

        class Color(enum.Enum):
            RED = 1

        def name_it(value):
            return "v"

        @pytest.mark.parametrize("a", [1, 2, 3], ids=["x", "y", "z"])
        def test_list(a): pass

        @pytest.mark.parametrize("a", [1, 2, 3], ids=[Color.RED, 2.5, None])
        def test_mixed(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=["", None])
        def test_empty_string(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=[])
        def test_empty_list(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=("p", "q"))
        def test_tuple(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=iter(["p", "q"]))
        def test_iterator(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=(f"n{i}" for i in range(5)))
        def test_generator(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=str)
        def test_str(a): pass

        @pytest.mark.parametrize("a", [(1, 2), "x"], ids=repr)
        def test_repr(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=lambda v: None if v == 1 else f"v{v}")
        def test_lambda(a): pass

        @pytest.mark.parametrize("a,b", [(1, 2), (3, 4)], ids=lambda v: f"<{v}>")
        def test_lambda_pairs(a, b): pass

        @pytest.mark.parametrize("a", [1, 2], ids=lambda v: [v])
        def test_lambda_unsupported(a): pass

        @pytest.mark.parametrize("a", ["é", b"\xff"], ids=["é", b"\xe9"])
        def test_escaped(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=[True, 10**20])
        def test_number_ids(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=name_it)
        def test_dyn_function(a): pass

        @pytest.mark.parametrize("a", [1, 2], ids=["a", "a"])
        def test_duplicate_explicit(a): pass
        '''}),
    case("ids_errors", {
        "test_ids_count.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1, 2], ids=["x"])
            def test_bad(a): pass

            def test_ok(): pass
            ''',
        "test_ids_type.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1, 2], ids=[[1], "b"])
            def test_bad(a): pass
            ''',
        "test_names_count.py": r'''
            import pytest

            @pytest.mark.parametrize("a,b", [(1, 2, 3)])
            def test_bad(a, b): pass
            ''',
        "test_names_count_tuple.py": r'''
            import pytest

            @pytest.mark.parametrize(("a", "b"), ["xyz"])
            def test_bad(a, b): pass
            ''',
        "test_param_count.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [pytest.param(1, 2)])
            def test_bad(a): pass
            ''',
        "test_duplicate_arg.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1, 2])
            @pytest.mark.parametrize("a", [3])
            def test_bad(a): pass
            ''',
        "test_hidden_twice.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1, 2], ids=[pytest.HIDDEN_PARAM, pytest.HIDDEN_PARAM])
            def test_bad(a): pass
            ''',
        "test_indirect_missing.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1], indirect=["b"])
            def test_bad(a): pass
            ''',
        "test_bad_scope.py": r'''
            import pytest

            @pytest.mark.parametrize("a", [1], scope="galaxy")
            def test_bad(a): pass
            ''',
        "test_request.py": r'''
            import pytest

            @pytest.mark.parametrize("request", [1])
            def test_bad(request): pass
            ''',
    }),
    case("duplicates", {"test_duplicates.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [1, 1, "1", 10, 10, "a", "a0", "a"])
        def test_mixed(a): pass

        @pytest.mark.parametrize("a", ["x", "x", "x0", "x1", "x"])
        def test_collisions(a): pass

        @pytest.mark.parametrize("a", ["", "", "0"])
        def test_empty_strings(a): pass

        @pytest.mark.parametrize("a", ["v²", "v²", "v٣", "v٣"])
        def test_unicode_digits(a): pass

        @pytest.mark.parametrize("a,b", [(1, 2), (1, 2), (12, 0)])
        def test_pairs(a, b): pass

        @pytest.mark.parametrize("a", [[1], [2]])
        @pytest.mark.parametrize("b", [None, None])
        def test_stacked(a, b): pass
        '''}),
    case("strict_ids", {"test_strict.py": r'''
        import pytest

        @pytest.mark.parametrize("a", [1, 2])
        def test_unique(a): pass

        @pytest.mark.parametrize("a", [1, 1, "x"])
        def test_duplicate(a): pass
        '''}, ini="[pytest]\nstrict_parametrization_ids = true\n"),
    case("no_escaping", {"test_no_escaping.py": r'''
        import pytest

        @pytest.mark.parametrize("a", ["é", "\t", "☃"])
        def test_raw(a): pass

        @pytest.mark.parametrize("a", [pytest.param(1, id="ü")])
        def test_param_id(a): pass
        '''}, ini="[pytest]\ndisable_test_id_escaping_and_forfeit_all_rights_to_community_support = true\n"),
    case("stacking", {"test_stacking.py": r'''
        import pytest

        pytestmark = [pytest.mark.parametrize("m1", [1, 2]), pytest.mark.parametrize("m2", ["p"])]

        class Base:
            pytestmark = pytest.mark.parametrize("base", ["B"])

        @pytest.mark.parametrize("c1", ["c", "d"])
        @pytest.mark.parametrize("c2", ["e"])
        class TestX(Base):
            pytestmark = [pytest.mark.parametrize("body", ["y"])]

            @pytest.mark.parametrize("f1", ["u", "v"])
            @pytest.mark.parametrize("f2", ["w"])
            def test_m(self, m1, m2, c1, c2, f1, f2, base, body): pass

            def test_plain(self, m1, m2, c1, c2, base, body): pass

            class TestInner:
                @pytest.mark.parametrize("g", [0])
                def test_i(self, m1, m2, c1, c2, base, body, g): pass

        @pytest.mark.parametrize("a", [1, 2])
        @pytest.mark.parametrize("b", ["x", "y"])
        @pytest.mark.parametrize("c", [True])
        def test_three(a, b, c, m1, m2): pass

        def test_module_only(m1, m2): pass

        class MixA:
            pytestmark = [pytest.mark.parametrize("ma", ["A"])]

        class MixB:
            pytestmark = [pytest.mark.parametrize("mb", ["B1", "B2"])]

        class MixC(MixB):
            pytestmark = pytest.mark.parametrize("mc", ["C"])

        @pytest.mark.parametrize("own", [0])
        class TestMulti(MixA, MixC):
            def test_multi(self, ma, mb, mc, own, m1, m2): pass
        '''}),
    case("names", {"test_names.py": r'''
        import pytest
        import itertools as it
        from pytest import param, mark
        from itertools import product
        import string

        VALUES = [1, 2, 3]
        NAMES = ("a", "b")
        PAIRS = list(zip(NAMES, VALUES))
        MORE = VALUES + [4]
        SQUARES = [v * v for v in MORE if v % 2 == 0]
        TABLE = {"one": 1, "two": 2}
        BASE = 10
        CASES = [(f"case_{i}", i * BASE) for i in range(3)]
        WORDS = "alpha beta gamma".split()
        JOINED = "-".join(WORDS).upper()
        FMT = ["%s_%d" % ("x", n) for n in range(2)]
        FORMATTED = ["{}:{:>3}".format(w, n) for n, w in enumerate(WORDS)]
        VALUES = VALUES + [9]
        cases = pytest.mark.parametrize("v", VALUES)

        @pytest.mark.parametrize("v", VALUES)
        def test_constant(v): pass

        @pytest.mark.parametrize("n,v", PAIRS)
        def test_zip(n, v): pass

        @pytest.mark.parametrize("v", SQUARES)
        def test_comprehension(v): pass

        @pytest.mark.parametrize("k", TABLE)
        def test_dict_keys(k): pass

        @pytest.mark.parametrize("k,v", TABLE.items())
        def test_dict_items(k, v): pass

        @pytest.mark.parametrize("name,value", CASES)
        def test_fstrings(name, value): pass

        @pytest.mark.parametrize("w", WORDS + [JOINED] + FMT + FORMATTED)
        def test_strings(w): pass

        @pytest.mark.parametrize("a,b", product([1, 2], "xy"))
        def test_product(a, b): pass

        @pytest.mark.parametrize("a,b", it.product(range(2), repeat=2))
        def test_product_repeat(a, b): pass

        @pytest.mark.parametrize("a,b", it.combinations("abc", 2))
        def test_combinations(a, b): pass

        @pytest.mark.parametrize("a,b", it.permutations([1, 2]))
        def test_permutations(a, b): pass

        @pytest.mark.parametrize("i,v", enumerate("pq", start=1))
        def test_enumerate(i, v): pass

        @pytest.mark.parametrize("v", range(2, 11, 4))
        def test_range(v): pass

        @pytest.mark.parametrize("v", sorted({3, 1, 2}, reverse=True))
        def test_sorted(v): pass

        @pytest.mark.parametrize("v", [param(1, id="one"), *VALUES[1:3], *range(2)])
        def test_star(v): pass

        @pytest.mark.parametrize("v", [x for x in string.ascii_lowercase[:3]] + list(reversed("yz")))
        def test_string_module(v): pass

        @pytest.mark.parametrize("v", [{"a": 1}[k] for k in ["a"]] + [len(WORDS), max(VALUES), min(3, 4), sum(VALUES)])
        def test_builtins(v): pass

        @pytest.mark.parametrize("v", [int("7"), float("2.5"), str(3), bool(0), abs(-2), -BASE, +BASE, ~BASE, BASE // 3,
                                      BASE % 3, -7 // 2, -7 % 2, 7.5 // 2, -7.5 % 2, BASE ** 2, 2 ** 100, 1 << 70,
                                      BASE / 4, True + True, "ab" * 2, chr(65), ord("a"), hex(255), round(2.5)])
        def test_arithmetic(v): pass

        @pytest.mark.parametrize("v", [a if a > 1 else -a for a in VALUES if a != 2 and not a == 9])
        def test_conditional(v): pass

        @pytest.mark.parametrize("v", [(a, b) for a in range(2) for b in "xy" if (a, b) != (1, "y")])
        def test_nested_comprehension(v): pass

        @pytest.mark.parametrize("a,b", [(a, b) for a, b in zip("ab", [1, 2])])
        def test_unpacking(a, b): pass

        @pytest.mark.parametrize("v", list(map(str, VALUES)) + list(filter(None, [0, 1, ""])))
        def test_map_filter(v): pass

        @cases
        def test_alias_mark(v): pass

        @mark.parametrize("v", [1])
        def test_from_import(v): pass
        ''',
        "test_pytestmark_name.py": r'''
        import pytest
        from pytest import mark

        both = [mark.parametrize("p", [0, 1]), pytest.mark.skip, pytest.mark.parametrize("q", ["z"])]
        pytestmark = both

        def test_pytestmark_name(p, q): pass
        '''}),
    case("dynamic", {"test_dynamic.py": r'''
        import pytest
        import os
        import random
        from helpers import DATA

        def make():
            return [1, 2]

        if os.environ.get("X"):
            COND = [1]
        else:
            COND = [2]

        class Obj:
            def __init__(self, *args):
                self.args = args

            def __str__(self):
                return "o"

        class Weird:
            def __new__(cls):
                return "s"

        @pytest.mark.parametrize("a", make())
        def test_dyn_call(a): pass

        @pytest.mark.parametrize("a", DATA)
        def test_dyn_imported(a): pass

        @pytest.mark.parametrize("a", COND)
        def test_dyn_conditional(a): pass

        @pytest.mark.parametrize("a", [random.Random(4).choice([1, 2])])
        def test_dyn_random(a): pass

        @pytest.mark.parametrize("a", {"x", "y", "z"})
        def test_dyn_set(a): pass

        @pytest.mark.parametrize("a", [Weird()])
        def test_dyn_new(a): pass

        @pytest.mark.parametrize("a", [Obj()])
        def test_object(a): pass

        @pytest.mark.parametrize("obj", [make(), DATA, random.random()], ids=["first", "second", "third"])
        def test_explicit_ids_unknown_values(obj): pass

        @pytest.mark.parametrize("obj,n", [pytest.param(make(), 1, id="p"), pytest.param(DATA, 2, id="q")])
        def test_param_ids_unknown_values(obj, n): pass

        @pytest.mark.parametrize("obj", [make(), 2], ids=["x", None])
        def test_explicit_ids_fallback_known(obj): pass

        @pytest.mark.parametrize("obj", [make(), 2], ids=[None, "y"])
        def test_dyn_explicit_ids_fallback_unknown(obj): pass

        @pytest.mark.parametrize("obj", [Obj(make()), Obj(DATA)])
        def test_plain_instances_of_unknown_arguments(obj): pass

        @pytest.mark.parametrize("a,b", [make(), (1, 2)])
        def test_dyn_unknown_pair(a, b): pass

        @pytest.mark.parametrize("a", [os.sep])
        def test_dyn_module_attribute(a): pass
        ''',
        "helpers.py": "DATA = [1, 2]\n",
        "conftest.py": "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"}),
    case("fixtures", {"test_fixtures.py": r'''
        import pytest

        @pytest.fixture(params=[1, 2])
        def fx(request):
            return request.param

        @pytest.fixture(params=["a", "b"], ids=["A", "B"])
        def fy(request):
            return request.param

        @pytest.fixture(params=[0, 1], ids=lambda p: f"p{p}")
        def fz(request):
            return request.param

        @pytest.mark.parametrize("a", ["x", "y"])
        def test_fixture_and_mark(fx, a): pass

        def test_two_fixtures(fx, fy): pass

        def test_fixture_ids(fz): pass

        @pytest.mark.parametrize("fx", [7])
        def test_mark_overrides_fixture(fx): pass
        '''}),
    case("realistic", {
        "test_realistic.py": r'''
        import datetime
        import enum
        import pytest

        PREFIX = "id"
        PAIRS = [(1, "one"), (2, "two")]
        MATRIX = [[1, 2], [3, 4]]

        class Perm(enum.IntFlag):
            R = enum.auto()
            W = enum.auto()
            X = enum.auto()

        class Mode(enum.StrEnum):
            FAST = enum.auto()
            SLOW = "Slow"

        @pytest.mark.parametrize("expr,expected", [("3+5", 8), ("2+4", 6), ("6*9", 42), ("a-b", None)])
        def test_eval(expr, expected): pass

        @pytest.mark.parametrize("v", [1, 2], ids=lambda v: PREFIX + str(v))
        def test_lambda_global(v): pass

        @pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
        def test_comprehension_ids(a, b): pass

        @pytest.mark.parametrize("v", [pytest.param(i, id=f"case{i:02d}") for i in range(3)])
        def test_param_comprehension(v): pass

        @pytest.mark.parametrize("v", ["%s-%s" % (a, b) for a, b in PAIRS] + ["%05.1s|%-4d|%r" % ("xy", 7, "q")])
        def test_percent(v): pass

        @pytest.mark.parametrize("v", [f"{x!r}" for x in ("a", 1)] + [f"{3.5}", f"{-0}", f"{'é'!a}"])
        def test_fstring_conversions(v): pass

        @pytest.mark.parametrize("row", MATRIX)
        def test_rows(row): pass

        @pytest.mark.parametrize("a,b", MATRIX)
        def test_row_values(a, b): pass

        @pytest.mark.parametrize("v", [1, 2] * 2)
        def test_repeated(v): pass

        @pytest.mark.parametrize("d", [datetime.date(2020, 1, 1), datetime.timedelta(days=1)])
        def test_dates(d): pass

        @pytest.mark.parametrize("v", [(None, 1), ({"a": 1}, [1, 2])])
        def test_nested(v): pass

        @pytest.mark.parametrize("a,b", [(None, True), (False, 0.5)])
        def test_mixed_pairs(a, b): pass

        @pytest.mark.parametrize("p", [Perm.R, Perm.W, Perm.X, Mode.FAST, Mode.SLOW])
        def test_flags(p): pass

        @pytest.mark.parametrize("w", sorted(["b", "A", "a", "B"]) + sorted(["ccc", "a", "bb"], key=len))
        def test_sorting(w): pass

        @pytest.mark.parametrize("s", [" x ".strip(), "a,b".split(","), "A".lower(), "x".join("abc"), "ab".replace("a", "z"),
                                      "7".zfill(3), "ab".upper(), "Hello".startswith("He"), "ab".center(6, "*")])
        def test_string_methods(s): pass

        @pytest.mark.parametrize("v", [0.1 * 3, 1e16 + 1, 2 ** 0.0, 10 // 3.0, -(-0.0), 1e-320])
        def test_float_arithmetic(v): pass

        @pytest.mark.parametrize("v", ["a", "b"], ids=str.upper)
        def test_unbound_method_ids(v): pass

        class TestAttributes:
            VALUES = [1, 2]
            NAMES = ["x", "y"]

            @pytest.mark.parametrize("v", VALUES)
            def test_class_constant(self, v): pass

            @pytest.mark.parametrize("n", NAMES + ["z"])
            def test_class_expression(self, n): pass

        @pytest.mark.parametrize("x", [1, 2])
        class TestParametrizedClass:
            def test_a(self, x): pass

            @pytest.mark.parametrize("y", ["p", "q"])
            def test_b(self, x, y): pass
        ''',
        "test_module_mark.py": r'''
        import pytest

        pytestmark = pytest.mark.parametrize("m", ["only"])

        def test_one(m): pass

        class TestTwo:
            def test_two(self, m): pass
        ''',
    }),
    # A helper that builds objects in its body (pytest's own test_hookrecorder_basic): a local
    # class and function keep their __name__, a module made with type(os)(...) or
    # types.ModuleType(...) has one too; renaming, decorators, bases and reading back an
    # attribute the helper set are beyond what fastcollect claims to know.
    case("helper-local-objects", {"test_local.py": """
        import os
        import types

        import pytest


        def make_holder():
            class apiclass:
                def pytest_xyz(self, arg):
                    \"\"\"X\"\"\"

            apimod = type(os)("api")

            def pytest_xyz(arg):
                \"\"\"X\"\"\"

            apimod.pytest_xyz = pytest_xyz
            return apiclass, apimod


        def made_module():
            return types.ModuleType("made")


        def local_function():
            def inner():
                pass

            return [inner]


        def renamed():
            def inner():
                pass

            inner.__name__ = "other"
            return [inner]


        def decorated():
            @staticmethod
            def inner():
                pass

            return [inner]


        def with_base():
            class Local(int):
                pass

            return [Local]


        def read_after_set():
            module = types.ModuleType("m")
            module.value = "x"
            return [module.value]


        @pytest.mark.parametrize("holder", make_holder())
        def test_holder(holder):
            pass


        @pytest.mark.parametrize("m", [made_module()])
        def test_made(m):
            pass


        @pytest.mark.parametrize("f", local_function())
        def test_local_function(f):
            pass


        @pytest.mark.parametrize("f", renamed())
        def test_dyn_renamed(f):
            pass


        @pytest.mark.parametrize("f", decorated())
        def test_dyn_decorated(f):
            pass


        @pytest.mark.parametrize("c", with_base())
        def test_dyn_with_base(c):
            pass


        @pytest.mark.parametrize("v", read_after_set())
        def test_dyn_read_after_set(v):
            pass
    """}),
]


def run_case(spec):
    work = tempfile.mkdtemp(prefix="fastcollect-param-")
    try:
        for name, text in spec["files"].items():
            with open(os.path.join(work, name), "w", encoding="utf-8") as handle:
                handle.write(text)
        if spec["ini"]:
            with open(os.path.join(work, "pytest.ini"), "w", encoding="utf-8") as handle:
                handle.write(spec["ini"])
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", ""),
            "LANG": "C.UTF-8",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
        }
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
            cwd=work, env=env, capture_output=True, text=True, encoding="utf-8",
        )
        lines = result.stdout.split("\n")
        nodeids = []
        for line in lines:
            if not line or line.startswith("="):
                break
            nodeids.append(line)
        errors = {}
        current = None
        for line in lines:
            header = re.match(r"^_+ ERROR collecting (\S+) _+$", line)
            if header:
                current = header.group(1)
                errors[current] = []
                continue
            if line.startswith("=") or line.startswith("_"):
                current = None
                continue
            if current is not None:
                errors[current].append(line)
        errors = {name: "\n".join(body).strip("\n") for name, body in errors.items()}
        return nodeids, errors, result.returncode
    finally:
        shutil.rmtree(work)


def float_tables():
    """repr() of doubles (as IEEE bit patterns), complex numbers, escapes and string reprs."""
    import random
    import struct
    from _pytest.compat import ascii_escaped

    rng = random.Random(20240601)

    def bits(x):
        return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]

    values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0, 1e17, 1e-4, 1e-5,
              0.00012345, 123456789.0, 1.5e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
              float("inf"), float("-inf"), float("nan"), 2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 63, 2.0 ** 64, 1e22, 1e23,
              123e18, 0.5, 100.0, 12345678901234567890.0, 4.35, 0.1 + 0.7, 1 - 1e-16]
    values += [rng.uniform(-1000, 1000) for _ in range(300)]
    values += [10.0 ** rng.randint(-30, 30) * rng.randint(1, 99) for _ in range(300)]
    values += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(400)]
    floats = [[bits(x), repr(x)] for x in values]
    complexes = []
    for _ in range(150):
        a, b = rng.choice(values), rng.choice(values)
        complexes.append([bits(a), bits(b), repr(complex(a, b))])
    for a, b in [(0.0, 1.0), (-0.0, 1.0), (0.0, -0.0), (-0.0, -0.0), (1.0, 0.0), (0.0, float("nan")), (float("nan"), 0.0)]:
        complexes.append([bits(a), bits(b), repr(complex(a, b))])
    samples = ["", "abc", "é", "\u00e9", "a\\b", "\t\n\r\x0b\x0c", "\x00\x7f\x80\x9f\xa0\xad\xff", "\u0100\u200b\u2028\u3000",
               "\ud7ff\ue000\uffff", "\U00010000\U0001f600\U000e0001\U0010ffff", "'\"", "'", "\"", "N\u0303", "\u0378\u0600",
               "\u1680\u180e\u2066\ufeff\u00ad", "日本語", "\U0001d11e"]
    samples += ["".join(chr(rng.choice([rng.randint(0, 0x2ff), rng.randint(0x300, 0xffff), rng.randint(0x10000, 0x10ffff)]))
                        for _ in range(8)).encode("utf-8", "surrogatepass").decode("utf-8", "replace") for _ in range(60)]
    strings = [[text, ascii_escaped(text), repr(text)] for text in samples]
    byte_samples = [b"", b"abc", b"\x00\x7f\x80\xff", b"\t\n\r\\'\"", bytes(range(256))]
    byte_rows = [[list(data), ascii_escaped(data), repr(data)] for data in byte_samples]
    return {"floats": floats, "complex": complexes, "strings": strings, "bytes": byte_rows}


def main():
    import pytest

    if pytest.__version__ != "9.0.3":
        sys.exit(f"pytest 9.0.3 required, found {pytest.__version__}")
    cases = []
    for spec in CASES:
        nodeids, errors, code = run_case(spec)
        cases.append({**spec, "nodeids": nodeids, "errors": errors, "exit": code})
    document = {
        "pytest": pytest.__version__,
        "python": ".".join(map(str, sys.version_info[:3])),
        "cases": cases,
        "tables": float_tables(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases, {sum(len(c['nodeids']) for c in cases)} node IDs")


if __name__ == "__main__":
    main()
