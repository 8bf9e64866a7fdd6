namespace Menshen.Core.Routing;

/// A model is a name: the longest real ones (fine-tuned ids, Bedrock ARNs, a local server's
/// file path) stay well under this. A longer one is refused before routing, so a client cannot
/// store kilobytes in every audit row, report sum and metric label.
public static class ModelName
{
    public const int MaxLength = 512;

    public static bool IsTooLong(string? model) => model is { Length: > MaxLength };

    /// The model as the audit keeps it: a refused one cut to the limit, marked by an ellipsis.
    public static string? ForRecord(string? model) =>
        IsTooLong(model) ? string.Concat(model.AsSpan(0, MaxLength), "…") : model;
}
