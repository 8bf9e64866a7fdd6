namespace Menshen.Core.Reports;

/// A named SQL parameter (`$name`) and its value: a string, a long or null.
public readonly record struct SqlParameter(string Name, object? Value);
