using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class PostgresUrlTests
{
    // Characters that appear nowhere else in the values below, so a match is the password.
    private static readonly Gen<string> Secret = Gen.String[Gen.Char["XYZQWVK!%#?/:"], 4, 24];

    [Fact]
    public void Parse_url_gives_npgsql_settings()
    {
        var actual = PostgresUrl.Parse("postgres://menshen:p%40ss@db.lan:6543/audit?sslmode=verify-full&application_name=gw");

        KeyValuePair<string, string>[] expected =
            [new("Host", "db.lan"), new("Port", "6543"), new("Username", "menshen"), new("Password", "p@ss"),
             new("Database", "audit"), new("SSL Mode", "VerifyFull"), new("Application Name", "gw")];
        Assert.Null(actual.Error);
        Assert.Equal(expected, actual.Settings);
    }

    [Fact]
    public void Parse_url_without_port_uses_5432()
    {
        var actual = PostgresUrl.Parse("postgresql://db.lan/audit");

        Assert.Contains(new KeyValuePair<string, string>("Port", "5432"), actual.Settings);
    }

    [Fact]
    public void Parse_connection_string_is_used_as_written()
    {
        var actual = PostgresUrl.Parse("Host=db.lan;Port=5432;Username=u;Password=p;Database=d");

        Assert.Equal(new PostgresSettings([], null), actual);
    }

    [Theory]
    [InlineData("postgres://u:pw@db.lan/d?sslmode=sometimes")]
    [InlineData("postgres://u:pw@db.lan/d?colour=blue")]
    [InlineData("just some words")]
    public void Parse_rejects_bad_values_without_quoting_them(string value)
    {
        var actual = PostgresUrl.Parse(value);

        Assert.NotNull(actual.Error);
        Assert.DoesNotContain("pw", actual.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("words", actual.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_url_never_shows_the_password() =>
        Secret.Sample(password =>
            !PostgresUrl.Masked($"postgres://menshen:{password}@db.lan:5432/audit")
                .Contains(password, StringComparison.Ordinal));

    [Fact]
    public void Masked_url_hides_a_password_with_a_raw_at_sign() =>
        Secret.Select(s => s + "@" + s).Sample(password =>
            !PostgresUrl.Masked($"postgres://menshen:{password}@db.lan:5432/audit")
                .Any(char.IsAsciiLetterUpper));

    [Theory]
    [InlineData("postgres://u:p@QQ@db.lan/audit")]
    [InlineData("postgres://u:pa/QQ@db.lan/audit")]
    [InlineData("postgres://u:p@QQ/w:rd#1?x@127.0.0.1:19432/menshen")]
    public void Parse_refuses_a_url_whose_password_needs_encoding(string value)
    {
        var actual = PostgresUrl.Parse(value).Error;

        Assert.NotNull(actual);
        Assert.Contains("percent-encode", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("QQ", actual, StringComparison.Ordinal);
    }

    // helper-44: psql's own form, keywords separated by blanks. Read as one Host value, it was
    // printed whole by -check-config and by the start-up retry line, password and all.
    [Fact]
    public void A_libpq_keyword_string_is_refused_and_masked() =>
        Secret.Sample(password =>
        {
            var text = $"host=127.0.0.1 port=17432 user=menshen password={password} dbname=d";

            var error = PostgresUrl.Parse(text).Error;

            return error is not null && error.Contains("separate", StringComparison.Ordinal)
                && !error.Contains(password, StringComparison.Ordinal)
                && !PostgresUrl.Masked(text).Contains(password, StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("Host=db.lan password=QQsecret;Database=d")]
    [InlineData("Host=db.lan;Database=d PWD = QQsecret")]
    public void A_password_keyword_inside_another_value_is_masked_and_refused(string text)
    {
        Assert.DoesNotContain("QQsecret", PostgresUrl.Masked(text), StringComparison.Ordinal);
        Assert.NotNull(PostgresUrl.Parse(text).Error);
    }

    [Fact]
    public void Masked_connection_string_never_shows_the_password() =>
        Secret.Sample(password =>
            !PostgresUrl.Masked($"Host=db.lan;Password={password};Database=audit")
                .Contains(password, StringComparison.Ordinal));

    // A generated password may hold `;`, `=` or quotes: Npgsql (DbConnectionStringBuilder) takes
    // it quoted, `"` doubled inside double quotes, `'` inside single ones.
    private static readonly Gen<string> AnyPassword = Gen.String[Gen.Char["XYZQ;= '\""], 1, 16];

    private static string Quoted(string value) => value.Contains('"', StringComparison.Ordinal)
        && !value.Contains('\'', StringComparison.Ordinal)
        ? $"'{value}'" : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    [Fact]
    public void A_quoted_password_is_valid_and_masked_whole() =>
        AnyPassword.Sample(password =>
        {
            var text = $"Host=db.lan;Password={Quoted(password)};Database=audit";
            return PostgresUrl.Parse(text).Error is null
                && PostgresUrl.Masked(text) == "Host=db.lan;Password=***;Database=audit";
        });

    // Npgsql reads both: a tab before the quote, and the client key's SSL Password.
    [Theory]
    [InlineData("Host=db.lan;Password=\t\"se;x=cret\";Database=a", "Password=\t***;Database=a")]
    [InlineData("Host=db.lan;SSL Password=se;Database=a", "SSL Password=***;Database=a")]
    public void Masked_hides_every_password_Npgsql_reads(string text, string tail)
    {
        Assert.Null(PostgresUrl.Parse(text).Error);
        Assert.Equal("Host=db.lan;" + tail, PostgresUrl.Masked(text));
    }

    [Theory]
    [InlineData("Host=db.lan;Password=\"open;Database=audit")]
    [InlineData("Host=db.lan;Password='open")]
    [InlineData("Host=db.lan;Password=\"open;b\"x;Database=audit")]
    public void An_unclosed_quote_is_refused_without_quoting_it(string text)
    {
        var actual = PostgresUrl.Parse(text);

        Assert.NotNull(actual.Error);
        Assert.DoesNotContain("open", actual.Error, StringComparison.Ordinal);
    }

    // Npgsql takes PSW and PWD as synonyms of Password.
    [Theory]
    [InlineData("psw")]
    [InlineData("PWD")]
    [InlineData(" Password ")]
    public void Masked_connection_string_hides_every_name_of_the_password(string name) =>
        Assert.DoesNotContain("PGSECRET4",
            PostgresUrl.Masked($"Host=127.0.0.1;Username=u;{name}=PGSECRET4"), StringComparison.Ordinal);

    [Fact]
    public void Masked_keeps_the_rest_of_the_url()
    {
        var actual = PostgresUrl.Masked("postgres://menshen:hunter2@db.lan:5432/audit");

        Assert.Equal("postgres://menshen:***@db.lan:5432/audit", actual);
    }

    [Fact]
    public void PostgresConfig_ToString_masks_the_password()
    {
        var actual = new PostgresConfig("postgres://u:hunter2@db/a", 16, "spool.db").ToString();

        Assert.DoesNotContain("hunter2", actual, StringComparison.Ordinal);
    }

    // By the keys the value names, never by its text: a password saying "timeout" sets nothing.
    [Theory]
    [InlineData("Host=db;Password=timeout;Database=a", "Timeout", false)]
    [InlineData("Host=db;Password=\"a;Timeout=3\";Database=a", "Timeout", false)]
    [InlineData("Host=db;Command Timeout=60", "Timeout", false)]
    [InlineData("Host=db;Command Timeout=60", "Command Timeout", true)]
    [InlineData("Host=db;commandtimeout=60", "Command Timeout", true)]
    [InlineData("Host=db; TIMEOUT = 9", "Timeout", true)]
    [InlineData("postgres://u:timeout@db/a", "Timeout", false)]
    [InlineData("postgres://u:p@db/a?connect_timeout=9", "Timeout", true)]
    [InlineData("not a connection string", "Timeout", false)]
    public void Sets_reads_the_keys_the_value_names(string value, string key, bool expected) =>
        Assert.Equal(expected, PostgresUrl.Sets(value, key));
}
