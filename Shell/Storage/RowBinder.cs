using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace Menshen.Shell.Storage;

/// Binds a prepared statement's parameters by position (1-based), typed, straight on SQLite's C
/// API (<see cref="SqliteNative"/>): no boxing, no object[] per row, no lookup of a parameter by
/// name, text as UTF-8. SQLite copies every text and blob when it is bound, so the caller's
/// buffers may be reused at once. The storage classes are those Microsoft.Data.Sqlite gives the
/// same CLR values: integers (bools as 0/1), REAL, TEXT, BLOB (an empty one stays an empty blob,
/// never NULL). The statement's SafeHandle must outlive the binder (its owner keeps it).
internal readonly struct RowBinder(sqlite3_stmt statement) : IRowBinder
{
    private const int StackTextBytes = 1024;

    // Where an empty text points: SQLite binds NULL for a null pointer, '' for any other.
    private static readonly byte[] EmptyText = [0];

    private readonly nint _statement = statement.DangerousGetHandle();

    /// How many parameters the statement has (an older schema's INSERT has fewer).
    public int Count => SqliteNative.ParameterCount(_statement);

    public void Integer(int index, long value) =>
        Check(SqliteNative.BindInt64(_statement, index, value));

    public void Integer(int index, long? value)
    {
        if (value is { } v) Integer(index, v);
        else Null(index);
    }

    public void Bool(int index, bool value) => Integer(index, value ? 1 : 0);

    public void Real(int index, double value) =>
        Check(SqliteNative.BindDouble(_statement, index, value));

    public void Real(int index, double? value)
    {
        if (value is { } v) Real(index, v);
        else Null(index);
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Null(index);
            return;
        }
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = most <= StackTextBytes
            ? stackalloc byte[StackTextBytes]
            : rented = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            Utf8(index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// UTF-8 text, e.g. JSON written straight into a buffer.
    public void Utf8(int index, ReadOnlySpan<byte> value) => Check(SqliteNative.BindText(
        _statement, index,
        ref MemoryMarshal.GetReference(value.IsEmpty ? EmptyText : value),
        value.Length, SqliteNative.Transient));

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(value.IsEmpty
        ? SqliteNative.BindZeroBlob(_statement, index, 0)
        : SqliteNative.BindBlob(_statement, index, ref MemoryMarshal.GetReference(value),
            value.Length, SqliteNative.Transient));

    public void Null(int index) => Check(SqliteNative.BindNull(_statement, index));

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new Microsoft.Data.Sqlite.SqliteException(
            $"SQLite error binding a value: {rc}", rc);
    }
}
