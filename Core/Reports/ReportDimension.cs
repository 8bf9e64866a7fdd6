using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// What a breakdown table groups by. The values are stored (`report_groups.dimension`): keep them.
public enum ReportDimension
{
    Model = 0,
    Provider = 1,
    Key = 2,
}

public static class ReportDimensions
{
    // Immutable: a public array could be changed by any caller (helper-96).
    public static readonly ImmutableArray<ReportDimension> All =
        [ReportDimension.Model, ReportDimension.Provider, ReportDimension.Key];

    /// The name a row is grouped under in `dimension` (null: requests without one).
    public static string? NameOf(ReportRow row, ReportDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(row);
        return dimension switch
        {
            ReportDimension.Model => row.Model,
            ReportDimension.Provider => row.Provider,
            ReportDimension.Key => row.Key,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension,
            "unknown report dimension"),
        };
    }
}
