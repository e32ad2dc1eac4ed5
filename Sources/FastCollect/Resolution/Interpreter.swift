/// What the project's Python environment says of its interpreter (`SitePackages.interpreter`),
/// found once per session.
struct Interpreter: Sendable {
    /// The interpreter's standard library folder (`…/lib/python3.11`), when found.
    var standardLibrary: String?
    /// Its version, when the environment says (a final release).
    var version: PythonVersion?
    /// True when it may import packages this search does not see (system site-packages, or no
    /// environment found): a module found nowhere may still import.
    var seesOtherPackages: Bool
}
