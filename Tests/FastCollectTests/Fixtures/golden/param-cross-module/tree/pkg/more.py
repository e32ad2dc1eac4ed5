from .constants import BASE as _BASE

DERIVED = [name.upper() for name in _BASE]
