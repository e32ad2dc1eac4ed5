import FastCollect

/// `--report-dynamic`: the files whose tests static reading cannot fully know, with why.
enum DynamicReport {
    static func render(_ result: CollectionResult) -> String {
        var out = TerminalWriter()
        out.sep("=", "dynamic (could not be expanded statically)")
        if result.dynamicFiles.isEmpty { out.line("none") }
        for (path, reasons) in result.dynamicFiles {
            out.line(FilePath.relative(path, to: result.rootdir) ?? path)
            for reason in reasons { out.line("  \(reason)") }
        }
        let count = result.dynamicFiles.count
        out.line("\(count) file\(count == 1 ? "" : "s") with tests that could not be expanded statically")
        return out.text
    }
}
