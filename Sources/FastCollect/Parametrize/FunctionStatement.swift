import ModuleScanner

/// One statement of a simple `def`'s body (see `FunctionBinding`), as the evaluator runs it.
public enum FunctionStatement: Sendable {
    /// `name = value` or `name: T = value`.
    case assign(String, PyExpression)
    /// An undecorated `class name:` without bases: a class object whose `__name__` is known and
    /// whose body is not read.
    case defineClass(String)
    /// An undecorated nested `def name(…):`: a function object whose body is not read.
    case defineFunction(String)
    /// `name.attribute = …` on a local: after it, reading an attribute of `name` is unknown.
    case setAttribute(String)
    /// `return value`, the last statement.
    case returns(PyExpression)
}
