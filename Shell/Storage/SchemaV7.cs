namespace Menshen.Shell.Storage;

/// Version 7: whether a stored response body is part of the audit log. With
/// `[logging] log_response_body = false` a replayable answer is still kept, for the cache only
/// (`response_logged` 0): the log detail and the text search never show it. Rows from before
/// kept only what was logged or replayable and cannot be told apart: they count as logged.
/// Later builds also store -N: logged up to its first N bytes (a replayable answer over
/// `[logging] max_body_bytes`, kept whole for the cache; BodyRow.ResponseLogged).
internal static class SchemaV7
{
    public const string Sql =
        "ALTER TABLE bodies ADD COLUMN response_logged INTEGER NOT NULL DEFAULT 1;";
}
