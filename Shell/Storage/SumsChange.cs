namespace Menshen.Shell.Storage;

/// The deltas one batch brings to one running-sum table, in key order: writers lock the sum
/// rows in the same order on every instance, so they cannot deadlock each other.
internal sealed record SumsChange(SumsTable Table, List<SumsEntry> Entries);
