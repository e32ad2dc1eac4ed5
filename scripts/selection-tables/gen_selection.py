# Prints Swift tables for KeywordMatcherTests / MarkMatcherTests: items as pytest 9.0.3 sees them
# (names from KeywordMatcher.from_item, marks from iter_markers, dumped by dump_names.py from the
# trees /tmp/kx2, /tmp/kx3) and, per expression, the items pytest selects.
import ast, sys
from _pytest.mark import KeywordMatcher, MarkMatcher
from _pytest.mark.expression import Expression
from _pytest.mark.structures import Mark

def swift(s):
    out = '"'
    for ch in s:
        if ch == '\\': out += '\\\\'
        elif ch == '"': out += '\\"'
        elif ch == '\n': out += '\\n'
        elif ord(ch) < 0x20 or __import__('unicodedata').category(ch).startswith('M'): out += '\\u{%X}' % ord(ch)
        else: out += ch
    return out + '"'

def value(v):
    if v is None: return ".pythonNone"
    if v is True: return ".bool(true)"
    if v is False: return ".bool(false)"
    if isinstance(v, int): return f'.integer("{v}")'
    if isinstance(v, float) and v.is_integer(): return f'.integer("{int(v)}")'
    if isinstance(v, str): return f".string({swift(v)})"
    return None  # a value no literal equals: left out

items = []
for line in open(sys.argv[1]):
    if not line.startswith("ITEM "): continue
    _, nodeid, rest = line.rstrip("\n").split(" ", 2)
    split = rest.index("] [")
    names = ast.literal_eval(rest[:split + 1]); marks = ast.literal_eval(rest[split + 2:])
    items.append((nodeid, names, marks))

print("let items: [SelectionItem] = [")
for nodeid, names, marks in items:
    ms = []
    for name, kw in marks:
        kws = [f"{swift(k)}: {value(v)}" for k, v in kw.items() if value(v) is not None]
        ms.append(f'({swift(name)}, [{", ".join(kws) if kws else ":"}])')
    print(f'    SelectionItem({swift(nodeid)}, names: [{", ".join(map(swift, names))}], marks: [{", ".join(ms)}]),')
print("]")

kind = sys.argv[2]
for expr in sys.argv[3:]:
    e = Expression.compile(expr.lstrip() if kind == "k" else expr)
    sel = []
    for nodeid, names, marks in items:
        m = KeywordMatcher(set(names)) if kind == "k" else MarkMatcher.from_markers([Mark(n, (), kw) for n, kw in marks])
        if e.evaluate(m): sel.append(nodeid.split("::", 1)[1] if "::" in nodeid else nodeid)
    print(f'    SelectionCase({swift(expr)}, [{", ".join(map(swift, sel))}]),')
