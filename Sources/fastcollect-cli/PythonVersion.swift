import FastCollect

/// The Python version pytest's header would show, read from the active virtualenv's
/// `pyvenv.cfg` without running Python; "3" when it can't be known.
enum PythonVersion {
    static func detect() -> String {
        guard let venv = ProcessEnvironment.current["VIRTUAL_ENV"],
            case .success(let bytes) = SourceFile.read(path: venv + "/pyvenv.cfg")
        else { return "3" }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            if parts.count == 2, parts[0] == "version_info" || parts[0] == "version" { return parts[1] }
        }
        return "3"
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
