# For each -k/-m expression: real pytest's selection over /tmp/kx2 + /tmp/kx3 vs gen_selection.py's.
kind=$1; shift
for e in "$@"; do
  real=$( (cd /tmp/kx2 && python3 -m pytest --co -q -p no:cacheprovider -p no:warnings -$kind "$e" 2>/dev/null; cd /tmp/kx3 && python3 -m pytest --co -q -p no:cacheprovider -p no:warnings -$kind "$e" 2>/dev/null) | grep '::' | sed 's/^[^:]*:://' | tr '\n' '|')
  gen=$(python3 gen_selection.py all.items $kind "$e" | tail -1 | python3 -c "import sys,re; print(''.join(x+'|' for x in re.findall(r'\"((?:[^\"\\\\]|\\\\.)*)\"', sys.stdin.read())[1:]))")
  [ "$real" = "$gen" ] || echo "MISMATCH $e: real=$real gen=$gen"
done
echo checked $#
