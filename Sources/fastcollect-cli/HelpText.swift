/// `fastcollect --help`.
enum HelpText {
    static let text = """
        usage: fastcollect [options] [file_or_dir] [file_or_dir] [...]

        Collects pytest tests statically, printing what `pytest --collect-only` prints,
        without running Python. Without --collect-only, collects statically, then runs
        `python -m pytest -p fastcollect_pytest ARGS`: pytest imports only the test modules
        that hold selected tests (docs/plugin.md), and exits with pytest's exit code.

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
                                 (-p no:cacheprovider turns the collection cache off)
          -k EXPRESSION          select tests by name, pytest's -k language
          -m MARKEXPR            select tests by mark, pytest's -m language
          --report-dynamic       list the files whose tests could not all be expanded
                                 statically, with the reasons
          --format=text|json     with --collect-only: json prints the versioned document of
                                 docs/json-format.md (items, files, import graph)
          --json-imports=yes|no  no: leave the import graph out of the JSON (faster)

        running (without --collect-only):
          --python=PYTHON        interpreter that runs pytest (default: $VIRTUAL_ENV/bin/python,
                                 else python3 on PATH); the plugin is found through
                                 $FASTCOLLECT_PLUGIN_PATH, a plugin/ folder above the executable,
                                 or its pip installation

        speed:
          --parallel-import      read and scan files on worker threads while resolving
                                 (when running pytest, the plugin also pre-imports the
                                 selected modules)
          --parallel-workers=N|auto
                                 threads in all, the resolving one included (auto: usable
                                 cores)
          --timings              print the time of each stage (walk, read+scan, resolve,
                                 select, emit; pool with --parallel-import) and how
                                 many files were read again, to stderr

        collection cache (on for --collect-only):
          --cache-clear          collect afresh instead of using a stored result
                                 A result is stored per command line, environment and
                                 working directory, and used while every file and folder
                                 it was collected from looks unchanged to stat. Stored in
                                 $FASTCOLLECT_CACHE_DIR, else $XDG_CACHE_HOME/fastcollect or
                                 ~/.cache/fastcollect; an empty FASTCOLLECT_CACHE_DIR or
                                 -p no:cacheprovider turns it off.

        other:
          --version              print the version
          -h, --help             print this help

        Exit codes are pytest's: 0 ok, 1 collected with errors (--continue-on-collection-errors),
        2 collection errors, 4 usage error, 5 no tests collected.

        """
}
