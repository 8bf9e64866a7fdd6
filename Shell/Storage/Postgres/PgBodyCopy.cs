using Npgsql;
using NpgsqlTypes;

namespace Menshen.Shell.Storage.Postgres;

/// The bodies of the rows a batch inserted, by binary COPY straight into `bodies`: streamed,
/// so no statement or array has to hold them (bodies may be large, and PostgreSQL takes at
/// most 1 GB per parameter). COPY cannot skip a conflict, and needs none: these ids were new
/// to `requests` in this transaction, so no body can have them (the foreign key).
internal static class PgBodyCopy
{
    private static readonly string Copy =
        $"COPY bodies ({string.Join(", ", BodyRow.Columns)}) FROM STDIN (FORMAT BINARY)";

    public static void Run(NpgsqlConnection connection, IReadOnlyCollection<object?[]> bodies)
    {
        if (bodies.Count == 0) return;
        using var importer = connection.BeginBinaryImport(Copy);
        var types = PgColumnTypes.Bodies;
        foreach (var values in bodies)
        {
            importer.StartRow();
            for (var i = 0; i < values.Length; i++) Write(importer, values[i], types[i]);
        }
        importer.Complete();
    }

    // Values come as RowValues binds them or as SQLite reads them back: long, byte[] or null.
    private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        switch (value, type)
        {
            case (null, _): importer.WriteNull(); break;
            case (long n, NpgsqlDbType.Bigint): importer.Write(n, type); break;
            case (byte[] b, NpgsqlDbType.Bytea): importer.Write(b, type); break;
            default:
                throw new InvalidCastException(
                    $"audit body: a {value.GetType().Name} value for a {type} column");
        }
    }
}
