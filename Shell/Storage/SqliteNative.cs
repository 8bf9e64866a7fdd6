using System.Runtime.InteropServices;

namespace Menshen.Shell.Storage;

/// The few SQLite calls the writer makes per value, on a statement's raw pointer: SQLitePCL's
/// wrappers take a SafeHandle (an interlocked add-ref and release per call) and bind strings as
/// UTF-16 that SQLite converts again. Same library as Microsoft.Data.Sqlite's ("e_sqlite3":
/// the bundled one under the JIT, linked in statically by Native AOT). All types are blittable, so
/// no marshalling code is generated; a `ref byte` is pinned for the call.
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    public static readonly nint Transient = -1;

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    public static extern int BindInt64(nint statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double")]
    public static extern int BindDouble(nint statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    public static extern int BindNull(nint statement, int index);

    [DllImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static extern int BindText(nint statement, int index, ref byte utf8, int length,
        nint destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_blob")]
    public static extern int BindBlob(nint statement, int index, ref byte bytes, int length,
        nint destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_zeroblob")]
    public static extern int BindZeroBlob(nint statement, int index, int length);

    [DllImport(Library, EntryPoint = "sqlite3_bind_parameter_count")]
    public static extern int ParameterCount(nint statement);
}
