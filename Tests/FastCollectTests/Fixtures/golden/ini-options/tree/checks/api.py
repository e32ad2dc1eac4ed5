def check_api_status():
    assert True


def api_should_return_json():
    assert True
