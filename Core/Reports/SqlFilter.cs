using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// Conditions over `requests r` (and `bodies b` when `ReadsBodies`), each a parameterised SQL
/// expression, and the parameters they name. No value is ever part of the SQL text.
public sealed record SqlFilter(ImmutableArray<string> Terms,
    ImmutableArray<SqlParameter> Parameters, bool ReadsBodies)
{
    /// The terms as text to append to a `WHERE`: ` AND (term)` for each.
    public string Conditions => string.Concat(Terms.Select(t => $" AND ({t})"));
}
