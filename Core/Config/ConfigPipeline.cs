using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Reading;

namespace Menshen.Core.Config;

/// Document in, config or every problem out: the reader's errors and the validator's together.
public static class ConfigPipeline
{
    /// Reads and validates. A key the reader already reported (unknown, wrong type) gets no second
    /// error from validation, so each problem is reported once, at its key.
    public static Validation<Error, GatewayConfig> FromDocument(
        ConfigTable document, IReadOnlyDictionary<string, string> env)
    {
        var read = ConfigReader.Read(document);
        var validated = ConfigValidation.Validate(read.Raw, env);
        return read.Errors.IsEmpty ? validated : Merge(read.Errors, validated);
    }

    private static Validation<Error, GatewayConfig> Merge(
        ImmutableArray<ConfigError> readErrors, Validation<Error, GatewayConfig> validated)
    {
        var later = validated.FailToSeq()
            .Where(e => e is not ConfigError c || !readErrors.Any(r => c.IsAtOrBelow(r.Key)));
        return Prelude.Fail<Error, GatewayConfig>(readErrors.Cast<Error>().ToSeq() + later);
    }
}
