using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// Reads `[storage.postgres] url`: either a `postgres://user:password@host:port/db?sslmode=…`
/// URL, turned into Npgsql connection-string settings, or an Npgsql connection string
/// (`Host=…;Port=…;…`), passed on as written. Never puts the value in an error message.
public static class PostgresUrl
{
    private static readonly ImmutableDictionary<string, string> QueryKeys =
        ImmutableDictionary<string, string>.Empty
            .Add("sslmode", "SSL Mode")
            .Add("application_name", "Application Name")
            .Add("connect_timeout", "Timeout")
            .Add("target_session_attrs", "Target Session Attributes")
            .Add("sslrootcert", "Root Certificate")
            .Add("options", "Options");

    private static readonly ImmutableDictionary<string, string> SslModes =
        ImmutableDictionary<string, string>.Empty
            .Add("disable", "Disable").Add("allow", "Allow").Add("prefer", "Prefer")
            .Add("require", "Require").Add("verify-ca", "VerifyCA")
            .Add("verify-full", "VerifyFull");

    /// True when the value is written as a URL rather than as a connection string.
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// The connection-string settings (Npgsql keywords) of a URL, or what is wrong with it
    /// (without its value). A connection string gives no settings: it is used as written.
    public static PostgresSettings Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (!IsUrl(text)) return ConnectionString(text);
        if (NeedsEncoding(text)) return PostgresSettings.Invalid(
            "the user, the password or a parameter holds a character a URL gives another "
            + "meaning (@ / ? #): percent-encode it (%40 %2F %3F %23), or use an Npgsql "
            + "connection string; a ${VAR} in the user or password is encoded for you (not "
            + "shown: it may hold the password)");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return PostgresSettings.Invalid(
                "expected postgres://user:password@host:port/database, got a value that is not "
                + "one (not shown: it may hold the password)");
        var settings = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        settings.Add(new("Host", uri.Host.Trim('[', ']')));
        settings.Add(new("Port", (uri.Port > 0 ? uri.Port : 5432).ToString(
            System.Globalization.CultureInfo.InvariantCulture)));
        AddUser(uri.UserInfo, settings);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) settings.Add(new("Database", database));
        return Query(uri.Query, settings);
    }

    // More than one `@`, or one after where the host ends (`/`, `?` or `#` first): an
    // unencoded `@ / ? #` in the user or password, which moves the rest into the host.
    private static bool NeedsEncoding(string url)
    {
        var from = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var first = url.IndexOf('@', from);
        if (first < 0) return false;
        var hostEnd = url.IndexOfAny(['/', '?', '#'], from);
        return first != url.LastIndexOf('@') || (hostEnd >= 0 && hostEnd < first);
    }

    /// Whether the value (a URL or a connection string) sets the Npgsql setting `key`, named
    /// in any case and spacing (`Command Timeout`, `commandtimeout`); a URL's parameters count
    /// by the setting they map to (`connect_timeout` sets `Timeout`).
    public static bool Sets(string value, string key)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        IEnumerable<string> keys = IsUrl(text)
            ? Parse(text).Settings.Select(s => s.Key)
            : ConnectionStringParts.Split(text) is { } parts ? parts.Select(p => p.Key) : [];
        return keys.Any(k => KeyName(k) == KeyName(key));
    }

    /// The value with its password replaced by `***` (a URL's or a connection string's).
    public static string Masked(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsUrl(value)) return MaskedConnectionString(value);
        var scheme = value.IndexOf("://", StringComparison.Ordinal) + 3;
        // The last `@`: one in the password itself (unencoded, so not a valid URL) must not
        // end the mask early. A later `@` in a parameter only masks more.
        var at = value.LastIndexOf('@');
        if (at < scheme) return value;
        var colon = value.IndexOf(':', scheme);
        return colon < 0 || colon > at ? value : value[..(colon + 1)] + "***" + value[at..];
    }

    private static void AddUser(string userInfo,
        ImmutableArray<KeyValuePair<string, string>>.Builder settings)
    {
        if (userInfo.Length == 0) return;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        if (user.Length > 0) settings.Add(new("Username", Uri.UnescapeDataString(user)));
        if (colon >= 0) settings.Add(new("Password",
            Uri.UnescapeDataString(userInfo[(colon + 1)..])));
    }

    private static PostgresSettings Query(string query,
        ImmutableArray<KeyValuePair<string, string>>.Builder settings)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var raw = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            if (!QueryKeys.TryGetValue(name, out var keyword))
                return PostgresSettings.Invalid(
                    $"unknown URL parameter '{Shown(name)}'; expected one of " +
                    string.Join(", ", QueryKeys.Keys.Order(StringComparer.Ordinal)));
            var value = raw;
            if (name == "sslmode" && !SslModes.TryGetValue(raw, out value!))
                return PostgresSettings.Invalid(
                    "sslmode: expected disable, allow, prefer, require, verify-ca or verify-full");
            settings.Add(new(keyword, value));
        }
        return new PostgresSettings(settings.ToImmutable(), null);
    }

    private static PostgresSettings ConnectionString(string text) =>
        ConnectionStringParts.Split(text) is { Length: > 0 } parts
            ? parts.Any(p => KeywordAfterBlank(text, p))
                ? PostgresSettings.Invalid(
                    "a value holds another `key=` after a blank: separate settings with ';' "
                    + "(Host=db.lan;Username=…;Password=…), or write a postgres:// URL; psql's "
                    + "blank-separated form is not read (not shown: it may hold the password)")
                : new PostgresSettings([], null)
            : PostgresSettings.Invalid(
                "expected a postgres:// URL or an Npgsql connection string such as " +
                "Host=db.lan;Port=5432;Username=menshen;Password=…;Database=menshen " +
                "(quote a value that holds ';' in \"…\")");

    // Each password value, quoted or not, becomes `***`; the rest is kept as written. A string
    // that does not parse is shown only up to its first '=' (it may hold the password); one
    // with a password keyword inside another value (psql's blank-separated form) is shown up to
    // that keyword.
    private static string MaskedConnectionString(string value)
    {
        if (ConnectionStringParts.Split(value) is not { } parts)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? "***" : value[..(eq + 1)] + "***";
        }
        var masked = new System.Text.StringBuilder(value.Length);
        var shown = 0;
        foreach (var part in parts.Where(p => IsPasswordKey(p.Key)))
        {
            masked.Append(value, shown, part.ValueStart - shown).Append("***");
            shown = part.ValueEnd;
        }
        var result = masked.Append(value, shown, value.Length - shown).ToString();
        var hidden = HiddenPasswordKeyword(result);
        return hidden < 0 ? result : result[..hidden] + "***";
    }

    // Where a password keyword followed by `=` starts inside the text other than at a part's
    // start (`Host=db password=x`), or -1.
    private static int HiddenPasswordKeyword(string text)
    {
        foreach (var name in (string[])["password", "pwd", "psw"])
        {
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
                at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var after = text.AsSpan(at + name.Length).TrimStart();
                if (after.StartsWith("=") && !after.StartsWith("=***")
                    && at > 0 && char.IsWhiteSpace(text[at - 1]))
                    return at;
            }
        }
        return -1;
    }

    // An unquoted value that holds a blank, then a name, then `=`: settings run together
    // without `;` (psql's `host=… password=…`), which Npgsql would read as one value.
    private static bool KeywordAfterBlank(string text, ConnectionStringParts.Part part)
    {
        if (part.ValueStart < text.Length && text[part.ValueStart] is '"' or '\'') return false;
        var value = text.AsSpan(part.ValueStart, part.ValueEnd - part.ValueStart);
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsWhiteSpace(value[i])) continue;
            var rest = value[(i + 1)..].TrimStart();
            var name = 0;
            while (name < rest.Length && (char.IsAsciiLetterOrDigit(rest[name])
                || rest[name] == '_')) name++;
            if (name > 0 && rest[name..].TrimStart().StartsWith("=")) return true;
        }
        return false;
    }

    // Npgsql's names for the password (Password, PSW, PWD) and for the client key's
    // (SSL Password), in any case and spacing.
    private static bool IsPasswordKey(string key) =>
        KeyName(key) is "PASSWORD" or "PWD" or "PSW" or "SSLPASSWORD";

    // Npgsql matches keys without case and spaces.
    private static string KeyName(string key) =>
        key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    // A parameter name is no secret, but it is clipped so a pasted value cannot ride along.
    private static string Shown(string name) =>
        string.Concat(name.Take(32).Where(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
}
