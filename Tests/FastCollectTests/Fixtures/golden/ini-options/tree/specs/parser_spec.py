class ParserSuite:
    def parser_should_split(self):
        assert True

    def check_tokens(self):
        assert True


def check_module_level():
    assert True
