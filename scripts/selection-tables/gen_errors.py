# Prints Swift table rows (input, column, reason) for inputs pytest 9.0.3 rejects with SyntaxError.
from _pytest.mark.expression import Expression
import json

def swift(s):
    out = '"'
    for ch in s:
        if ch == '\\': out += '\\\\'
        elif ch == '"': out += '\\"'
        elif ch == '\n': out += '\\n'
        elif ch == '\t': out += '\\t'
        elif ord(ch) < 0x20 or ord(ch) in (0x85, 0xa0, 0x2028, 0x3000): out += '\\u{%X}' % ord(ch)
        else: out += ch
    return out + '"'

inputs = [
    # pytest's test_syntax_errors
    "(", " (", ")", ") ", "not", "not not", "(not)", "and", "ident and", "ident and or", "ident ident",
    # pytest's test_keyword_option_wrong_arguments
    "foo or", "foo or or", "(foo", "foo bar", "or or", "not or",
    # pytest's test_invalid_idents
    "^", "*", "=", "&", "%", "$", "#", "@", "!", "~", "{", "}", '"', "'", "|", ";", "←",
    # pytest's test_invalid_kwarg_name_or_value
    "mark()", "mark(True=False)", "mark(def=False)", "mark(class=False)", "mark(if=False)", "mark(else=False)",
    "mark(valid=False, def=1)", "mark(1)", "mark(var:=False", "mark(1=2)", "mark(/=2)", "mark(var==",
    "mark(var)", "mark(var=none)", "mark(var=1.1)", "mark(var=')", 'mark(var=")', """mark(var="')""",
    """mark(var='")""", r"mark(var='\hugo')", "mark(empty_list=[])", "'str'",
    # scanner is lazy: an error after a parse error is never seen; one right after a token is
    "a $", ") $", "a b $", "$ )", "a\nb", "\u00a0a", "a\u3000b", "é $", "אבגד ← x", "a\u0307",
    "a(x=\"y)", "a(x='y' \\", "a\\b or c(x='y')", "c(x='y') or a\\b", "a\\b or c(x='y", "a(x='a\\b')",
    "a(x=1 y=2)", "a(x=1,)", "a(x=1)(y=2)", "a(x=-)", "a(x=--1)", "a(x=+1)", "a(x=1.5)", "a(x=0x1)",
    "a(x=1e3)", "a(x=1_000)", "a(x=true)", "a(x=NONE)", "a(x=[1])", "a(x='1'", "a(x=", "a(x", "a(", "a(x='1',",
    "a(1x=1)", "a(x-y=1)", "a(x.y=1)", "a(é=1, 1=2)", "a(²=1)", "a(lambda=1)", "a(async=1)", "a(await=1)",
    "a(None=1)", "a(x=1) b", "(a))", "((a)", "a and (b or", "not (", "a or not", "a(x='1') and (", "'a'(x=1)",
    "a(x='1'=2)", "a(x,y=1)", "a(=1)", "a(x=1,,y=2)", "not not not", "a and and b", "a or (b and) c",
    "a(x=1) or b(y=2, y=3) or $",
    # compile stage (pytest prints None and column 1)
    "a(x=1, x=2)", "a(x=1,x=2)", "a(__debug__=1)", "a(x=1, __debug__=2, x=3)", "a(__debug__=1, __debug__=2)",
    "a(x=1, y=2, z=3, y=4, x=5)", "b or a(x=1, x=2) or c(__debug__=1)", "c(__debug__=1) or a(x=1, x=2)",
    "a(x='1', x='1')",
]
for s in inputs:
    try:
        Expression.compile(s)
        print("VALID", repr(s))
        continue
    except SyntaxError as e:
        kind = ".compile" if e.text is None else ".syntax"
        assert e.text is None or e.text == s
        print(f"        ExpressionErrorCase({swift(s)}, {e.offset}, {swift(e.msg)}, {kind}),")
