__all__ = ["Circle"] + ["Square"]


class Circle:
    pass


class Square:
    pass


class Hidden:
    pass
