using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// Reads the usage of a JSON body as a fold over its chunks, while the Shell forwards the bytes:
/// `Start`, `Step` for every chunk, `Finish`. Only the `usage` value (for responses also
/// `response.usage`) is kept, never the body, so a body of any size is counted. For a well-formed
/// body the result is JsonUsage.Parse's, however the body was cut into chunks; a body that ends
/// early or has bytes after its root object has none.
public static class JsonBodyUsage
{
    /// A `usage` value longer than this is not read (real ones are a few hundred bytes).
    public const int MaxUsageBytes = 64 * 1024;

    public static JsonBodyUsageState Start(EndpointKind kind) => new(kind);

    /// Folds one chunk of any size into the state; `state` itself is left unchanged.
    public static JsonBodyUsageState Step(JsonBodyUsageState state, ReadOnlySpan<byte> chunk)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (chunk.IsEmpty || state.Invalid) return state;
        var stepper = new JsonBodyStepper(state);
        stepper.Feed(chunk);
        return stepper.ToState();
    }

    /// The root `id` of a `responses` body, as soon as its value has passed (null before, and for
    /// other endpoints): known mid-body, so the Shell can remember it before the client has it.
    public static string? ResponseId(JsonBodyUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ResponseId;
    }

    /// The usage of the body that ended after the chunks folded into `state`.
    public static Option<TokenUsage> Finish(JsonBodyUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsWhole(state) ? state.Usage : Option<TokenUsage>.None;
    }

    /// The root `usage` value of the body that ended after the chunks folded into `state`, as
    /// sent (for a dialect that reads its own usage fields); null when the body has none, is
    /// not one whole JSON object, or the value is longer than MaxUsageBytes.
    public static byte[]? FinishValue(JsonBodyUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsWhole(state) ? state.UsageValue : null;
    }

    /// The error the body's root `error` member reports (null: none, or not one whole body).
    public static string? Error(JsonBodyUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsWhole(state) ? state.Error : null;
    }

    /// True when the chunks folded into `state` made one whole JSON object and nothing else: a
    /// body that is empty, cut short, not JSON or not an object is no answer on a JSON endpoint.
    public static bool IsWhole(JsonBodyUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return !state.Invalid && state.RootClosed && state.Depth == 0 && !state.InString;
    }
}
