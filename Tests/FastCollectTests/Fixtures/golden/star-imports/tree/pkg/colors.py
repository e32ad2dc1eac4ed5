RED = "red"
BLUE = "blue"
Circle = "circle-colour"
_private = "private"
