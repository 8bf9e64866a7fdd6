using SQLitePCL;

namespace Menshen.Shell.Storage;

/// Binds a prepared statement's parameters by position (1-based), typed, through SQLitePCL's raw
/// API: no boxing, no object[] per row, no lookup of a parameter by name. SQLite copies every text
/// and blob when it is bound, so the caller's buffers may be reused at once. The storage classes
/// are those Microsoft.Data.Sqlite gives the same CLR values: integers (bools as 0/1), REAL, TEXT,
/// BLOB (an empty one stays an empty blob, never NULL).
internal readonly struct RowBinder(sqlite3_stmt statement) : IRowBinder
{
    /// How many parameters the statement has (an older schema's INSERT has fewer).
    public int Count => raw.sqlite3_bind_parameter_count(statement);

    public void Integer(int index, long value) =>
        Check(raw.sqlite3_bind_int64(statement, index, value));

    public void Integer(int index, long? value)
    {
        if (value is { } v) Integer(index, v);
        else Null(index);
    }

    public void Bool(int index, bool value) => Integer(index, value ? 1 : 0);

    public void Real(int index, double value) =>
        Check(raw.sqlite3_bind_double(statement, index, value));

    public void Real(int index, double? value)
    {
        if (value is { } v) Real(index, v);
        else Null(index);
    }

    public void Text(int index, string? value)
    {
        if (value is null) Null(index);
        else Check(raw.sqlite3_bind_text16(statement, index, value.AsSpan()));
    }

    /// UTF-8 text, e.g. JSON written straight into a buffer.
    public void Utf8(int index, ReadOnlySpan<byte> value) =>
        Check(raw.sqlite3_bind_text(statement, index, value));

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(value.IsEmpty
        ? raw.sqlite3_bind_zeroblob(statement, index, 0)
        : raw.sqlite3_bind_blob(statement, index, value));

    public void Null(int index) => Check(raw.sqlite3_bind_null(statement, index));

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new Microsoft.Data.Sqlite.SqliteException(
            $"SQLite error binding a value: {rc}", rc);
    }
}
