/// The bad-input corpus: every kind of file and tree DEVELOPERS.md and issue 5 name, built by
/// code. Each case mirrors the function of the same name in scripts/make-bad-input-cases.py,
/// which ran real pytest 9.0.3 on the same trees to write BadInputExpectations.swift; the tests
/// compare a fingerprint of both trees, so the two builders cannot drift apart silently.
enum BadInputCorpus {
    typealias Builder = @Sendable (inout BadInputTree) throws -> Void

    static let good: [UInt8] = Array("def test_ok():\n    pass\n".utf8)
    /// The long-line case: 1 MiB here; scripts/bad-input-scale.sh runs the full 50 MB line.
    static let longLineBytes = 1 << 20
    /// pytest 9.0.3 itself fails with a RecursionError (INTERNALERROR, exit 3) past about 950
    /// nested folders; the exact comparison uses 300, `BadInputTests.thousandDeepTree` 1,000.
    static let deepTree = 300

    static func b(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Deterministic binary bytes: xorshift32, the low byte of each state.
    static func xorshiftBytes(_ count: Int, seed: UInt32, avoidNUL: Bool = false) -> [UInt8] {
        var state = seed
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            let byte = UInt8(truncatingIfNeeded: state)
            if avoidNUL && byte == 0 { continue }
            out.append(byte)
        }
        return out
    }

    static func deepPath(_ depth: Int) -> String {
        Array(repeating: "d", count: depth).joined(separator: "/")
    }

    static func nested(_ depth: Int, _ line: (Int) -> String) -> [UInt8] {
        var lines = (0..<depth).map { String(repeating: " ", count: $0) + line($0) }
        lines.append(String(repeating: " ", count: depth) + "pass")
        return b(lines.joined(separator: "\n") + "\n")
    }

    static let cases: [String: Builder] = [
        "binary": { t in
            try t.file("test_binary.py", xorshiftBytes(4096, seed: 0x2545_F491))
            try t.file("test_ok.py", good)
        },
        "binary-no-nul": { t in
            try t.file("test_binary.py", xorshiftBytes(4096, seed: 0x9E37_79B9, avoidNUL: true))
            try t.file("test_ok.py", good)
        },
        "invalid-utf8": { t in
            try t.file("test_string.py", b("x = \"caf") + [0xE9] + b("\"\n") + good)
            try t.file("test_name.py", b("caf") + [0xC3] + b(" = 1\n") + good)
            try t.file("test_truncated.py", b("def test_a():\n    pass\n# ") + [0xE2, 0x82, 0x0A, 0xE2, 0x82])
            try t.file("test_comment.py", b("# caf") + [0xE9] + b(" in a comment\n") + good)
            try t.file("test_ok.py", good)
        },
        "nul-byte": { t in
            try t.file("test_code.py", b("def test_a():\n    pass\0\n"))
            try t.file("test_comment.py", b("# a \0 in a comment\n") + good)
            try t.file("test_string.py", b("x = \"\0\"\n") + good)
            try t.file("test_ok.py", good)
        },
        "bom": { t in
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            try t.file("test_bom.py", bom + b("def test_bom():\n    pass\n"))
            try t.file("test_bom_only.py", bom)
            try t.file("test_bom_cookie.py", bom + b("# -*- coding: utf-8 -*-\ndef test_bom_cookie():\n    pass\n"))
            try t.file("test_bom_latin1.py", bom + b("# -*- coding: latin-1 -*-\ndef test_bom_latin1():\n    pass\n"))
            // Not here: a second BOM (U+FEFF in the code): see make-bad-input-cases.py.
        },
        "line-endings": { t in
            try t.file("test_cr.py", b("import os\rdef test_cr():\r    pass\r\rclass TestCR:\r    def test_m(self):\r        pass\r"))
            try t.file("test_crlf.py", b("def test_crlf():\r\n    pass\r\n\r\nclass TestCRLF:\r\n    def test_m(self):\r\n        pass\r\n"))
            try t.file("test_mixed.py", b("def test_lf():\n    pass\r\ndef test_cr():\r    pass\r\n\rdef test_crlf():\r\n    pass"))
            try t.file("test_cr_string.py", b("x = \"a\rdef test_hidden(): pass\n"))
        },
        "tabs": { t in
            try t.file("test_tabs.py", b("def test_tab():\n\tif True:\n\t\tpass\n\nclass TestT:\n\tdef test_m(self):\n\t\tpass\n"))
            try t.file("test_taberror.py", b("def test_a():\n\tif True:\n        pass\n"))
            try t.file("test_tab_equivalent.py", b("def test_a():\n        if True:\n\t    pass\n"))
            try t.file("test_dedent.py", b("def test_a():\n        x = 1\n    y = 2\n"))
            try t.file("test_formfeed.py", b("def test_ff():\n\u{0C}    pass\n\u{0C}def test_ff2():\n    pass\n"))
            try t.file("test_unexpected_indent.py", b("x = 1\n    y = 2\n") + good)
        },
        "unterminated-string": { t in
            try t.file("test_single.py", b("def test_a():\n    x = 'abc\n") + good)
            try t.file("test_double_eof.py", b("def test_a():\n    x = \"abc"))
            try t.file("test_fstring.py", b("def test_a():\n    x = f\"abc{1}\n"))
            try t.file("test_ok.py", good)
        },
        "unterminated-triple": { t in
            try t.file("test_triple.py", b("def test_a():\n    \"\"\"doc\n\ndef test_b():\n    pass\n"))
            try t.file("test_triple_single.py", b("x = '''\n") + good)
            try t.file("test_ftriple.py", b("x = f\"\"\"{1}\n\n"))
            try t.file("test_ok.py", good)
        },
        "brackets": { t in
            try t.file("test_unclosed.py", b("x = (1,\n     2\n") + good)
            try t.file("test_unclosed_eof.py", b("def test_a():\n    return [1, 2"))
            try t.file("test_unmatched.py", b("x = 1)\n") + good)
            try t.file("test_mismatched.py", b("x = (1]\n") + good)
            try t.file("test_backslash_eof.py", b("x = 1 + \\"))
            try t.file("test_ok.py", good)
        },
        "nested-brackets": { t in
            try t.file("test_nested.py", b("x = " + String(repeating: "(", count: 10000) + String(repeating: ")", count: 10000) + "\n") + good)
            try t.file("test_nested_open.py", b("x = " + String(repeating: "[", count: 10000) + "\n"))
            try t.file("test_nested_ok.py", b("x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150) + "\n") + good)
            try t.file("test_ok.py", good)
        },
        "nested-classes": { t in
            try t.file("test_classes.py", nested(1000) { "class C\($0):" })
            try t.file("test_ifs.py", nested(101) { _ in "if True:" })
            try t.file("test_ifs_ok.py", nested(98) { _ in "if True:" } + good)
            try t.file("test_ok.py", good)
        },
        "long-line": { t in
            try t.file("test_long.py", b("x = \"") + [UInt8](repeating: UInt8(ascii: "a"), count: longLineBytes) + b("\"\n") + good)
            try t.file("test_long_names.py", b("def test_" + String(repeating: "n", count: 5000) + "():\n    pass\n"))
        },
        "coding-cookie": { t in
            try t.file("test_ascii.py", b("# -*- coding: ascii -*-\nx = \"caf") + [0xE9] + b("\"\n") + good)
            try t.file("test_latin1.py", b("# -*- coding: latin-1 -*-\nx = \"caf") + [0xE9] + b("\"\n") + good)
            try t.file("test_unknown.py", b("# coding: klingon\n") + good)
            try t.file("test_second_line.py", b("#!/usr/bin/env python\n# vim: set fileencoding=ascii :\nx = \"") + [0xE9] + b("\"\n") + good)
            try t.file("test_utf8_cookie_bad.py", b("# coding: utf-8\nx = \"") + [0xE9] + b("\"\n") + good)
            try t.file("test_third_line.py", b("#!/usr/bin/env python\n\n# coding: latin-1\nx = \"") + [0xE9] + b("\"\n") + good)
        },
        "symlink-loop": { t in
            try t.file("sub/test_sub.py", good)
            try t.symlink("sub/loop", to: "..")
            try t.symlink("self", to: "self")
            try t.symlink("test_self.py", to: "test_self.py")
            try t.file("test_ok.py", good)
        },
        "unreadable-folder": { t in
            try t.file("locked/test_locked.py", good)
            t.mode("locked", 0o000)
            try t.file("searchonly/test_x.py", good)
            t.mode("searchonly", 0o100)
            try t.file("listonly/test_x.py", good)
            t.mode("listonly", 0o400)
            try t.file("test_ok.py", good)
        },
        "unreadable-file": { t in
            try t.file("test_locked.py", good)
            t.mode("test_locked.py", 0o000)
            try t.file("test_ok.py", good)
        },
        "vanished-file": { t in
            try t.symlink("test_gone.py", to: "gone/test_gone.py")
            try t.symlink("gonedir", to: "nowhere")
            try t.file("test_ok.py", good)
        },
        "deep-tree": { t in
            try t.file(deepPath(deepTree) + "/test_deep.py", good)
            try t.file("test_ok.py", good)
        },
        "empty-file": { t in
            try t.file("test_empty.py", [])
            try t.file("test_blank.py", b("\n\n   \n"))
            try t.file("test_ok.py", good)
        },
        "only-empty": { t in
            try t.file("test_empty.py", [])
        },
        "directory-named-py": { t in
            try t.file("test_dir.py/test_inside.py", good)
            try t.directory("test_emptydir.py")
            try t.file("test_ok.py", good)
        },
        "special-files": { t in
            try t.fifo("test_fifo.py")
            try t.file("test_ok.py", good)
        },
        "bad-package-init": { t in
            try t.file("pkg/__init__.py", b("x = (\n"))
            try t.file("pkg/test_in_pkg.py", good)
            try t.file("test_ok.py", good)
        },
    ]
}
