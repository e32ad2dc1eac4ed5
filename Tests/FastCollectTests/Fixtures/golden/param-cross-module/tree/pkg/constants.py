import enum

BASE = ["alpha", "beta"]
SIZES = tuple(range(3))
ALL = [*BASE, "gamma"]


class Kind(enum.Enum):
    ONE = 1
    TWO = 2
