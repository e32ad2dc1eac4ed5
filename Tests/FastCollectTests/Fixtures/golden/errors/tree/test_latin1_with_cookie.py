# -*- coding: latin-1 -*-
def test_with_cookie():
    assert "café"
