namespace Menshen.Core.Config;

/// Where the audit, the reports and the cache's stored answers live (SPEC §15).
public enum StorageBackend
{
    /// One embedded file (`[storage.sqlite] path`): one gateway on one machine.
    Sqlite,

    /// One PostgreSQL database shared by several gateways (`[storage.postgres]`).
    Postgres,
}
