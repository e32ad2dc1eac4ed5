import os
import sys

import pytest

IS_WINDOWS = sys.platform == "win32"
POSIX = os.name == "posix"

if sys.platform == "win32":
    def test_windows_only():
        pass
else:
    def test_elsewhere():
        pass

# Both branches define the name: the branch taken decides which function, and its ids.
if IS_WINDOWS:
    @pytest.mark.parametrize("sep", ["\\"])
    def test_separator(sep):
        pass
elif POSIX:
    @pytest.mark.parametrize("sep", ["/", "//"])
    def test_separator(sep):
        pass
else:
    def test_separator():
        pass

if False:
    def test_never():
        pass

if 0:
    class TestNever:
        def test_method(self):
            pass
elif not IS_WINDOWS and (1 + 1 == 2):
    class TestSometimes:
        def test_method(self):
            pass


class TestBranches:
    if sys.platform.startswith("win"):
        def test_win(self):
            pass
    elif "linux" in sys.platform or sys.platform == "darwin":
        def test_unix(self):
            pass
    else:
        def test_other(self):
            pass

    if not POSIX:
        def test_not_posix(self):
            pass

    def test_always(self):
        pass
