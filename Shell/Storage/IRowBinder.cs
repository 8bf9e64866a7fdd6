namespace Menshen.Shell.Storage;

/// Where a row's values go, by 1-based position in its column list: an SQLite statement
/// (<see cref="RowBinder"/>) or an array of values for PostgreSQL (<see cref="RowValues"/>).
/// RequestRow and BodyRow bind through it, so both backends store the same values.
internal interface IRowBinder
{
    /// How many values the row takes (an older SQLite schema's INSERT has fewer).
    int Count { get; }

    void Integer(int index, long value);

    void Integer(int index, long? value);

    void Bool(int index, bool value);

    void Real(int index, double value);

    void Real(int index, double? value);

    void Text(int index, string? value);

    /// UTF-8 text, e.g. JSON written straight into a buffer.
    void Utf8(int index, ReadOnlySpan<byte> value);

    void Blob(int index, ReadOnlySpan<byte> value);

    void Null(int index);
}
