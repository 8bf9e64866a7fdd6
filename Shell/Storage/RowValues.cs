using System.Text;

namespace Menshen.Shell.Storage;

/// A row's values as an array (index 0 is column 1), for PostgreSQL's batched INSERT and the
/// spool's replay. Booleans are stored as 0/1 like SQLite's, so both backends read them alike;
/// spans are copied (the caller's buffers are reused).
internal sealed class RowValues(int count) : IRowBinder
{
    public object?[] Values { get; } = new object?[count];

    public int Count => Values.Length;

    public void Integer(int index, long value) => Values[index - 1] = value;

    public void Integer(int index, long? value) => Values[index - 1] = value;

    public void Bool(int index, bool value) => Values[index - 1] = value ? 1L : 0L;

    public void Real(int index, double value) => Values[index - 1] = value;

    public void Real(int index, double? value) => Values[index - 1] = value;

    public void Text(int index, string? value) => Values[index - 1] = value;

    public void Utf8(int index, ReadOnlySpan<byte> value) =>
        Values[index - 1] = Encoding.UTF8.GetString(value);

    public void Blob(int index, ReadOnlySpan<byte> value) => Values[index - 1] = value.ToArray();

    public void Null(int index) => Values[index - 1] = null;
}
