using LanguageExt;
using Xunit.Sdk;

namespace Menshen.Core.Tests;

public static class FinAssert
{
    /// The success value, or a test failure naming the error. Comparing two Fin values directly
    /// would let two failures (or a failure and a success) pass for equal keys.
    public static T Succ<T>(Fin<T> fin) => fin.Match(Succ: v => v, Fail: e => throw new XunitException(e.Message));
}
