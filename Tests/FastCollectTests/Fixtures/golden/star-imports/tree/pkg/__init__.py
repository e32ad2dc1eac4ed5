from pkg.shapes import *
from pkg.colors import *
