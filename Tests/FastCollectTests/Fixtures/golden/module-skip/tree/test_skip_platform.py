import sys

import pytest

if sys.platform != "win32":
    pytest.skip("Windows only", allow_module_level=True)


def test_windows():
    pass
