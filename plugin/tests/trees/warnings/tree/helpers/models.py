class TestModel:
    """Named like a test class; has a constructor."""

    def __init__(self, name):
        self.name = name
