# résumé of the checks below
def test_comment_latin():
    assert True
