import sys

import pytest

if sys.platform == "win32":
    pytest.skip("not on Windows", allow_module_level=True)
