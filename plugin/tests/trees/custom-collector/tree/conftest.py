# A collector for files fastcollect does not know: directories holding them stay with pytest.
import pytest


class SpecItem(pytest.Item):
    def runtest(self):
        pass


class SpecFile(pytest.File):
    def collect(self):
        yield SpecItem.from_parent(self, name="spec")


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml":
        return SpecFile.from_parent(parent, path=file_path)
    return None
