collect_ignore = ["test_legacy.py", "old"]
collect_ignore_glob = ["*_skip.py"]
