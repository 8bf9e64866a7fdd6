using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class StorageValidationTests
{
    [Fact]
    public void Validate_without_backend_is_sqlite_without_postgres()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal).Storage;

        Assert.Equal(StorageBackend.Sqlite, actual.Backend);
        Assert.Null(actual.Postgres);
    }

    [Fact]
    public void Validate_postgres_applies_defaults_and_expands_the_url()
    {
        var raw = TestConfigs.Minimal with
        {
            Storage = RawStorage.Empty with
            {
                Backend = "postgres",
                Postgres = new RawPostgres("postgres://menshen:${PGPASS}@db.lan/audit", null, null),
            },
        };

        var actual = TestConfigs.Valid(raw, new Dictionary<string, string> { ["PGPASS"] = "pw" }).Storage;

        Assert.Equal(StorageBackend.Postgres, actual.Backend);
        Assert.Equal(new PostgresConfig("postgres://menshen:pw@db.lan/audit", 16, "./data/ai-menshen-spool.db"),
            actual.Postgres);
    }

    // A password from the environment as people have them: any of these characters. Letters
    // are upper case and the templates below have none, so a capital in the output is a leak.
    private static readonly Gen<string> EnvPassword =
        Gen.String[Gen.Char["XYZQ@/:#?%;=\"' &+"], 1, 20];

    private static PostgresConfig Expanded(string url, string password)
    {
        var raw = TestConfigs.Minimal with
        {
            Storage = RawStorage.Empty with
            {
                Backend = "postgres",
                Postgres = new RawPostgres(url, null, null),
            },
        };
        return TestConfigs.Valid(raw, new Dictionary<string, string> { ["PGPASS"] = password })
            .Storage.Postgres!;
    }

    [Fact]
    public void A_password_from_the_environment_in_a_url_is_taken_as_it_is() =>
        // Expanded as plain text, `p@ss/w:rd` moved its tail into the host: shown unmasked by
        // -check-config, and the gateway never connected.
        EnvPassword.Sample(password =>
        {
            var actual = Expanded("postgres://menshen:${PGPASS}@db.lan:5432/audit", password);

            var settings = PostgresUrl.Parse(actual.Url).Settings.ToDictionary();
            return settings["Host"] == "db.lan" && settings["Password"] == password
                && settings["Database"] == "audit"
                && !PostgresUrl.Masked(actual.Url).Any(char.IsAsciiLetterUpper);
        });

    [Theory]
    [InlineData("postgres://menshen:${PGPASS:-a/b?c#d}@db.lan:5432/audit")]
    [InlineData("postgres://${PGUSER:-menshen}:${PGPASS}@db.lan:5432/audit")]
    [InlineData("postgres://menshen:$PGPASS@db.lan:5432/audit")]
    public void A_password_variable_is_encoded_whatever_its_default_or_neighbours(string url)
    {
        const string password = "XY@Z/Q:#?";

        var actual = Expanded(url, password);

        var settings = PostgresUrl.Parse(actual.Url).Settings.ToDictionary();
        Assert.Equal(("db.lan", password, "menshen"),
            (settings["Host"], settings["Password"], settings["Username"]));
    }

    [Fact]
    public void A_password_from_the_environment_in_a_connection_string_is_one_value() =>
        // Expanded as plain text, `abc;Timeout=5` became a password and a setting.
        EnvPassword.Sample(password =>
        {
            var actual = Expanded("host=db.lan;username=menshen;password=${PGPASS};database=audit",
                password);

            var read = new System.Data.Common.DbConnectionStringBuilder
            {
                ConnectionString = actual.Url,
            };
            return (string)read["Password"] == password && read.Count == 4
                && !PostgresUrl.Masked(actual.Url).Any(char.IsAsciiLetterUpper);
        });

    [Fact]
    public void Validate_reports_every_storage_error_without_the_password()
    {
        var raw = TestConfigs.Minimal with
        {
            Storage = RawStorage.Empty with
            {
                Backend = "postgres",
                Postgres = new RawPostgres("postgres://u:hunter2@db.lan/a?sslmode=maybe", 0, ""),
            },
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(3, actual.Length);
        Assert.Contains(actual, e => e.StartsWith("storage.postgres.url: ", StringComparison.Ordinal));
        Assert.Contains(actual, e => e.StartsWith("storage.postgres.pool_size: ", StringComparison.Ordinal));
        Assert.Contains(actual, e => e.StartsWith("storage.postgres.spool_path: ", StringComparison.Ordinal));
        Assert.All(actual, e => Assert.DoesNotContain("hunter2", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_rejects_an_unknown_backend()
    {
        var raw = TestConfigs.Minimal with { Storage = RawStorage.Empty with { Backend = "mysql" } };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["storage.backend: expected \"sqlite\" or \"postgres\", got 'mysql'"], actual);
    }

    [Fact]
    public void Changed_names_the_postgres_settings()
    {
        var before = TestConfigs.Valid(TestConfigs.Minimal);
        var after = before with
        {
            Storage = before.Storage with
            {
                Backend = StorageBackend.Postgres,
                Postgres = new PostgresConfig("postgres://db/a", 16, "s.db"),
            },
        };

        var actual = RestartKeys.Changed(before, after);

        Assert.Equal(new[] { "storage.backend", "[storage.postgres]" }, actual.ToArray());
    }

    [Fact]
    public void Summary_names_the_postgres_backend_with_the_password_masked()
    {
        var config = TestConfigs.Valid(TestConfigs.Minimal);
        config = config with
        {
            Storage = config.Storage with
            {
                Backend = StorageBackend.Postgres,
                Postgres = new PostgresConfig("postgres://menshen:hunter2@db.lan:5432/audit", 8, "/var/spool.db"),
            },
        };

        var actual = ConfigSummary.Render(config, "config.toml");

        Assert.Contains("storage: postgres postgres://menshen:***@db.lan:5432/audit, 8 connections, spool /var/spool.db",
            actual, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", actual, StringComparison.Ordinal);
    }

    // `~/mdb/x.db` made a folder named `~` in the working directory.
    [Theory]
    [InlineData("~/mdb/x.db", "/home/me/mdb/x.db")]
    [InlineData("./data/x.db", "./data/x.db")]
    [InlineData("/var/lib/m/x.db", "/var/lib/m/x.db")]
    [InlineData("~user/x.db", "~user/x.db")]
    public void Validate_a_leading_tilde_is_the_home_folder(string path, string expected)
    {
        var raw = TestConfigs.Minimal with { Storage = new Config.Raw.RawStorage(null, path) };

        var actual = TestConfigs.Valid(raw, new Dictionary<string, string> { ["HOME"] = "/home/me/" });

        Assert.Equal(expected, actual.Storage.SqlitePath);
    }

    [Fact]
    public void Validate_a_leading_tilde_without_home_is_an_error()
    {
        var raw = TestConfigs.Minimal with { Storage = new Config.Raw.RawStorage(null, "~/x.db") };

        var actual = Assert.Single(TestConfigs.Errors(raw, new Dictionary<string, string>()));

        Assert.StartsWith("storage.sqlite.path: starts with ~ but HOME is not set", actual, StringComparison.Ordinal);
    }
}
