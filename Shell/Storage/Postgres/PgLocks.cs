namespace Menshen.Shell.Storage.Postgres;

/// The advisory lock keys the instances agree on (one 64-bit key each; "MENS" + a number).
internal static class PgLocks
{
    public const long Migrations = 0x4D454E53_0001;
    public const long Retention = 0x4D454E53_0002;
    public const long Instances = 0x4D454E53_0003;
}
