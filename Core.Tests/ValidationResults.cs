using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

/// Reads the outcome of a validation in tests.
public static class ValidationResults
{
    public static string[] Messages<T>(Validation<Error, T> result) =>
        result.Match(Succ: _ => [], Fail: errors => errors.Map(e => e.Message).ToArray());

    public static IReadOnlySet<string> Keys<T>(Validation<Error, T> result) =>
        result.Match(Succ: _ => [], Fail: errors => errors.Map(e => ((ConfigError)e).Key).ToArray()).ToHashSet();

    public static T Value<T>(Validation<Error, T> result) =>
        result.Match(Succ: v => v, Fail: errors => throw new InvalidOperationException(string.Join("\n", errors.Map(e => e.Message))));
}
