# Paths are relative to this conftest's folder.
collect_ignore = ["test_generated.py"]
