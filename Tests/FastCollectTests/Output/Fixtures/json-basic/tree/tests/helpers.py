import mypkg.core


def double(x):
    return mypkg.core.add(x, x)
