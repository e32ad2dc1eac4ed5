/// `fastcollect --help`.
enum HelpText {
    static let text = """
        usage: fastcollect [options] [file_or_dir] [file_or_dir] [...]

        Collects pytest tests statically, printing what `pytest --collect-only` prints,
        without running Python. Without --collect-only, runs `python -m pytest` with the
        same arguments.

        positional arguments:
          file_or_dir            paths or node IDs (path::Class::test[param])

        collection:
          --collect-only, --co   only collect tests, don't run them
          -q, --quiet            less output: -q node IDs, -qq per-file counts
          -v, --verbose          more output
          --rootdir=ROOTDIR      define the root directory for tests
          -c, --config-file=FILE load configuration from FILE
          --ignore=PATH          ignore PATH during collection (may repeat)
          --ignore-glob=GLOB     ignore paths matching the glob (may repeat)
          --deselect=NODEID      deselect items by node ID prefix (may repeat)
          --keep-duplicates      keep duplicate paths
          --continue-on-collection-errors
                                 print the collected tests even when modules fail
          --collect-in-virtualenv
                                 don't skip virtualenv directories
          -p NAME                accepted for compatibility; plugins are not loaded
          -k EXPRESSION          select tests by name, pytest's -k language
          -m MARKEXPR            select tests by mark, pytest's -m language
          --report-dynamic       list the files whose tests could not all be expanded
                                 statically, with the reasons

        speed:
          --parallel-import      read and scan files on a thread pool
          --parallel-workers=N|auto
                                 size of the pool (auto: usable cores)
          --timings              print the time of each stage (walk, read+scan, resolve,
                                 select, emit) to stderr

        other:
          --version              print the version
          -h, --help             print this help

        Exit codes are pytest's: 0 ok, 1 collected with errors (--continue-on-collection-errors),
        2 collection errors, 4 usage error, 5 no tests collected.

        """
}
