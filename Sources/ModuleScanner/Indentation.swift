/// The stack of open indentation levels, compared the way CPython's tokenizer does: columns
/// with tabs to the next multiple of 8, and again with tabs as one column to catch
/// indentation whose meaning depends on the tab size.
struct IndentationStack {
    struct Level: Equatable {
        var column: Int
        var altColumn: Int
    }

    /// What the indentation of a new logical line does to the stack.
    struct Change {
        var indent = false
        var dedents = 0
        var error: ScanErrorKind?
    }

    /// CPython's limit on indentation levels (`MAXINDENT`).
    static let maxDepth = 100

    /// Open levels above the implicit level 0 at column 0.
    private(set) var levels: [Level] = []

    var depth: Int { levels.count }

    private var top: Level { levels.last ?? Level(column: 0, altColumn: 0) }

    /// Measures a line's indentation against the stack and updates it. An inconsistent dedent
    /// replaces the innermost popped level, so INDENT and DEDENT tokens stay balanced.
    mutating func apply(column: Int, altColumn: Int) -> Change {
        var change = Change()
        let current = top
        if column == current.column {
            if altColumn != current.altColumn { change.error = .tabsInconsistent }
        } else if column > current.column {
            if levels.count >= IndentationStack.maxDepth {
                change.error = .nestingTooDeep
                return change
            }
            if altColumn <= current.altColumn { change.error = .tabsInconsistent }
            levels.append(Level(column: column, altColumn: altColumn))
            change.indent = true
        } else {
            while let last = levels.last, column < last.column {
                levels.removeLast()
                change.dedents &+= 1
            }
            let reached = top
            if column != reached.column {
                change.error = .inconsistentDedent
                levels.append(Level(column: column, altColumn: altColumn))
                change.dedents &-= 1
            } else if altColumn != reached.altColumn {
                change.error = .tabsInconsistent
            }
        }
        return change
    }

    /// Pops one level at the end of the file; false when none is left.
    mutating func popAtEnd() -> Bool {
        levels.popLast() != nil
    }
}
