using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// The cache's one query, run on the request path of every cacheable request that memory cannot
/// answer. Connections are kept open with the query prepared on each and reused, one per
/// concurrent lookup: opening a pooled connection (pragmas, the body_text function) and preparing
/// the join each time cost more than a proxied request.
internal sealed class CachedResponseQuery(AuditDatabase database, string sql) : IDisposable
{
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<Session> _idle = [];
    private bool _disposed;

    /// Runs the query with `$key` and `$since`; `read` maps the first row, null when there is none.
    public T? Find<T>(string key, long since, Func<SqliteDataReader, T> read) where T : class
    {
        var session = _idle.TryTake(out var idle) ? idle : new Session(database, sql);
        try
        {
            var found = session.Find(key, since, read);
            Return(session);
            return found;
        }
        catch
        {
            session.Dispose(); // its connection may be broken: the next lookup opens a fresh one
            throw;
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var session)) session.Dispose();
    }

    private void Return(Session session)
    {
        if (Volatile.Read(ref _disposed) || _idle.Count >= MaxIdle) session.Dispose();
        else _idle.Add(session);
    }

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _key;
        private readonly SqliteParameter _since;

        public Session(AuditDatabase database, string sql)
        {
            _connection = database.OpenConnection();
            _command = _connection.CreateCommand();
            _command.CommandText = sql;
            _key = _command.Parameters.Add("$key", SqliteType.Text);
            _since = _command.Parameters.Add("$since", SqliteType.Integer);
        }

        public T? Find<T>(string key, long since, Func<SqliteDataReader, T> read) where T : class
        {
            _key.Value = key;
            _since.Value = since;
            using var reader = _command.ExecuteReader();
            return reader.Read() ? read(reader) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
