namespace Menshen.Shell.Storage;

/// What one running-sum row receives: its key (in the table's key order) and the delta.
internal readonly record struct SumsEntry(object?[] Key, SumsDelta Delta);
