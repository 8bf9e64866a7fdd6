using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// One forward step of the schema. It runs inside its own transaction, which also sets
/// `PRAGMA user_version` to <see cref="Version"/>, so a step is applied entirely or not at all.
internal sealed record Migration(int Version, string Name, Action<SqliteTransaction,
    ILogger> Apply);
