using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Errors;

namespace Menshen.Core.Reports;

/// The 400 answer for a report query that failed validation.
public static class ReportErrors
{
    /// Every problem in one message (`; `-separated, in parameter order); `Param` names the first
    /// bad parameter. Each message starts with its parameter's name (ReportParameters' rule).
    public static GatewayError BadParameters(Seq<Error> errors)
    {
        var messages = errors.Map(e => e.Message).ToArray();
        var first = messages.Length > 0 ? messages[0] : "bad query";
        var colon = first.IndexOf(':', StringComparison.Ordinal);
        return new GatewayError(
            GatewayErrorKind.BadParameter, string.Join("; ", messages),
            colon > 0 ? first[..colon] : null);
    }
}
