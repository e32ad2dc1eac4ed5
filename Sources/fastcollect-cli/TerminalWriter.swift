#if canImport(Glibc)
import Glibc
#endif

/// Collects output lines and draws pytest's separator lines at pytest's terminal width.
struct TerminalWriter {
    /// The text written so far, as UTF-8 (appending bytes costs less than appending strings).
    private var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
    let width: Int

    init(width: Int = TerminalWriter.terminalWidth()) {
        self.width = width
    }

    /// `shutil.get_terminal_size`: `$COLUMNS`, else the tty's width, else 80; below 40 means 80.
    static func terminalWidth() -> Int {
        var width = 0
        if let columns = ProcessEnvironmentColumns.value, let value = Int(columns), value > 0 {
            width = value
        } else {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 { width = Int(size.ws_col) }
        }
        if width <= 0 { width = 80 }
        return width < 40 ? 80 : width
    }

    mutating func line(_ s: String = "") {
        bytes.append(contentsOf: s.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `TerminalWriter.sep`: `===== title =====` filling the width.
    mutating func sep(_ character: Character, _ title: String? = nil) {
        let fill: String
        var result: String
        if let title {
            let count = max((width - title.unicodeScalars.count - 2) / 2, 1)
            fill = String(repeating: character, count: count)
            result = "\(fill) \(title) \(fill)"
        } else {
            result = String(repeating: character, count: width)
        }
        if result.unicodeScalars.count + 1 <= width && character != " " { result.append(character) }
        line(result)
    }
}

/// `$COLUMNS`, read once.
enum ProcessEnvironmentColumns {
    static let value: String? = getenv("COLUMNS").map { String(cString: $0) }
}
