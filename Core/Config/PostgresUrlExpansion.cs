using LanguageExt;

namespace Menshen.Core.Config;

/// Expands `${VAR}` in `[storage.postgres] url` so that a value from the environment (a
/// password, most often) is taken as it is, whatever it holds: inside a URL's user and password
/// it is percent-encoded, and as the whole value of a connection-string setting it is quoted
/// when it holds `;`, `=`, a quote or blanks at its ends. Expanded as plain text, a PGPASSWORD with
/// `@` or `/` moved the rest of itself into the host, and one with `;` into other settings,
/// where it was printed unmasked and the gateway never connected.
public static class PostgresUrlExpansion
{
    public static Fin<string> Expand(string template, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(template);
        return PostgresUrl.IsUrl(template.TrimStart())
            ? EnvExpansion.Expand(template, env, InUserInfo(template))
            : EnvExpansion.Expand(template, env, (start, end, value) =>
                IsWholeValue(template, start, end) ? Quoted(value) : value);
    }

    // The template's user-info is what lies between `://` and the last `@` before the host
    // ends (its own `@`: an expanded value cannot move it).
    private static Func<int, int, string, string> InUserInfo(string template)
    {
        var from = template.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = UserInfoEnd(template, from);
        return (start, end, value) => start >= from && end <= at
            ? Uri.EscapeDataString(value)
            : value;
    }

    // The template's last `@` before its host ends (`/`, `?` or `#`), both looked for outside
    // `${…}` (a default may hold any of them); -1 when there is none.
    private static int UserInfoEnd(string template, int from)
    {
        var at = -1;
        for (var i = from; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '$' && i + 1 < template.Length && template[i + 1] is '{' or '$')
            {
                var close = template[i + 1] == '$' ? i + 1 : template.IndexOf('}', i + 2);
                if (close < 0) break;
                i = close;
                continue;
            }
            if (c is '/' or '?' or '#') break;
            if (c == '@') at = i;
        }
        return at;
    }

    // `key=${VAR}` up to a `;` or the end, blanks aside.
    private static bool IsWholeValue(string template, int start, int end)
    {
        var before = template.AsSpan(0, start).TrimEnd();
        var after = template.AsSpan(end).TrimStart();
        return before.EndsWith("=") && (after.IsEmpty || after[0] == ';');
    }

    // Npgsql's connection strings read "…" with a doubled " inside as one value.
    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(";=\"'") >= 0 || value.Trim() != value
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
