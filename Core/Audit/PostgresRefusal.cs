namespace Menshen.Core.Audit;

/// Whether PostgreSQL refused the audit's write for the database's own state, by the class of
/// its SqlState (the first two characters). Such a refusal is an outage: the rows wait in the
/// spool until it passes. Any other refusal is about the rows written (a value, a constraint,
/// a size, a trigger's own exception): one row at a time finds the one refused, and it alone is
/// lost, so that one row cannot stall the audit for good (helper-59, helper-60).
public static class PostgresRefusal
{
    // Its connection (08), a transaction state such as read-only (25), a login (28), the
    // database's name (3D), a rollback for concurrency (40), a missing table, column or right
    // (42), resources (53), an object's state such as a lock (55), an operator (57), the
    // system (58).
    private static readonly string[] DatabaseStateClasses =
        ["08", "25", "28", "3D", "40", "42", "53", "55", "57", "58"];

    // The login itself (28) or the database it names (3D): for a reader, the database is away.
    private static readonly string[] LoginClasses = ["28", "3D"];

    public static bool IsAboutTheDatabase(string? sqlState) => ClassIn(sqlState,
        DatabaseStateClasses);

    public static bool RefusesTheLogin(string? sqlState) => ClassIn(sqlState, LoginClasses);

    private static bool ClassIn(string? sqlState, string[] classes) =>
        sqlState is { Length: >= 2 } && Array.IndexOf(classes, sqlState[..2]) >= 0;
}
