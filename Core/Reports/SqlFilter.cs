using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// Conditions over `requests r` (and `bodies b` when `ReadsBodies`), each a parameterised SQL
/// expression, and the parameters they name. No value is ever part of the SQL text.
/// `OnlyMatchesWalked`: one index range (or the primary key, with no terms) yields exactly the
/// matching rows, so no row is tested one by one. `WalksAUnion`: that walk is several index
/// ranges (the model's three), which SQLite gathers whole and sorts before the page's `LIMIT`.
public sealed record SqlFilter(ImmutableArray<string> Terms,
    ImmutableArray<SqlParameter> Parameters, bool ReadsBodies, bool OnlyMatchesWalked,
    bool WalksAUnion)
{
    /// The terms as text to append to a `WHERE`: ` AND (term)` for each.
    public string Conditions => string.Concat(Terms.Select(t => $" AND ({t})"));
}
