using Menshen.Core.Config;
using Menshen.Shell.Storage.Postgres;
using Npgsql;

namespace Menshen.Shell.Tests.Postgres;

/// The connect timeout the gateway adds unless the operator set one: decided by the settings
/// the value names, not by a substring of its text (a password may say "timeout", and a
/// `Command Timeout` is not the connect timeout).
public class ConnectionSettingsTests
{
    [Theory]
    [InlineData("Host=db;Username=u;Password=no-timeout-here;Database=a", 5)]
    [InlineData("Host=db;Username=u;Password=p;Database=a;Command Timeout=60", 5)]
    [InlineData("Host=db;Username=u;Password=p;Database=a;timeout=9", 9)]
    [InlineData("postgres://u:timeout@db/a", 5)]
    [InlineData("postgres://u:p@db/a?connect_timeout=9", 9)]
    public void Connect_timeout_is_five_seconds_unless_the_value_sets_one(string url, int expected)
    {
        var actual = new NpgsqlConnectionStringBuilder(
            PgDatabase.ConnectionString(new PostgresConfig(url, 16, "spool.db")));

        Assert.Equal(expected, actual.Timeout);
    }

    // What Npgsql itself reads from a password put in by ${PGPASSWORD}, whatever it holds.
    [Theory]
    [InlineData("postgres://menshen:${PGPASSWORD}@db.lan:6543/audit")]
    [InlineData("Host=db.lan;Port=6543;Username=menshen;Password=${PGPASSWORD};Database=audit")]
    public void A_password_from_the_environment_reaches_npgsql_whole(string template)
    {
        const string password = "p@ss/w:rd#1?x;Timeout=9;\"q' %41";
        var url = PostgresUrlExpansion.Expand(template,
            new Dictionary<string, string> { ["PGPASSWORD"] = password })
            .Match(Succ: u => u, Fail: e => throw new InvalidOperationException(e.Message));

        var actual = new NpgsqlConnectionStringBuilder(
            PgDatabase.ConnectionString(new PostgresConfig(url, 16, "spool.db")));

        Assert.Equal((password, "db.lan", 6543, "audit", 5),
            (actual.Password, actual.Host, actual.Port, actual.Database, actual.Timeout));
    }
}
