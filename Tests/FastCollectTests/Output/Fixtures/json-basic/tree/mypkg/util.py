import os

from mypkg import core
