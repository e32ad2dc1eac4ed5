def test_tabs():
	if True:
        pass
	assert True
