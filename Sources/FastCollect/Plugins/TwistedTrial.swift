import ModuleScanner

/// pytest's unittest plugin special-cases twisted.trial: a TestCase class without test methods
/// gets no `runTest` item when its `runTest` is trial's own (`SynchronousTestCase.runTest`, which
/// trial's `TestCase` inherits) and `twisted.trial.unittest` has been imported by then.
enum TwistedTrial {
    /// The file that defines trial's `runTest`, as a path suffix.
    static let runTestFile = "/twisted/trial/_synctest.py"

    /// True when the module-level imports of `summary` import `twisted.trial.unittest`
    /// (`import twisted.trial.unittest`, `from twisted.trial import unittest`,
    /// `from twisted.trial.unittest import …`).
    static func importsTrialUnittest(_ summary: ModuleSummary) -> Bool {
        summary.members.contains { member in
            guard case .importDecl(let decl) = member, decl.level == 0, decl.guardKind.mayRunOnImport else { return false }
            if decl.isFrom {
                return decl.module == "twisted.trial.unittest"
                    || decl.module == "twisted.trial" && decl.names.contains { $0.name == "unittest" }
            }
            return decl.names.contains { $0.name == "twisted.trial.unittest" }
        }
    }
}
