using System.Text;
using LanguageExt;
using LanguageExt.Common;

namespace Menshen.Core.Config;

/// Expands `${VAR}`, `$VAR` and `${VAR:-default}` from a given environment; `$$` is a literal `$`.
/// A `$` not followed by `{`, `$` or a name start stays as it is, so `pa$ 1` needs no escaping.
public static class EnvExpansion
{
    /// The expanded text, or an error naming the first unset variable or malformed `${`.
    /// The default in `${VAR:-default}` is used only when VAR is unset, and is taken literally.
    /// Error messages never quote the text, which may be a secret.
    public static Fin<string> Expand(string text, IReadOnlyDictionary<string, string> env) =>
        Expand(text, env, static (_, _, value) => value);

    /// As above, with each variable's value (or default) passed through `place` with where its
    /// reference starts and ends in `text`, so a caller can encode it for where it lands.
    public static Fin<string> Expand(string text, IReadOnlyDictionary<string, string> env,
        Func<int, int, string, string> place)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(place);
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var step = text[i] == '$' ? Dollar(text, i, env)
                : new Step(text[i].ToString(), i + 1, null);
            if (step.Error is not null)
            {
                return step.Error;
            }

            output.Append(step.Variable ? place(i, step.Next, step.Text) : step.Text);
            i = step.Next;
        }

        return output.ToString();
    }

    private sealed record Step(string Text, int Next, Error? Error, bool Variable = false);

    private static Step Dollar(string text, int at, IReadOnlyDictionary<string, string> env)
    {
        var next = at + 1;
        if (next >= text.Length)
        {
            return new Step("$", next, null);
        }

        return text[next] switch
        {
            '$' => new Step("$", next + 1, null),
            '{' => Braced(text, at, env),
            var c when IsNameStart(c) => Bare(text, next, env),
            _ => new Step("$", next, null),
        };
    }

    private static Step Bare(string text, int start, IReadOnlyDictionary<string, string> env)
    {
        var end = start;
        while (end < text.Length && IsNamePart(text[end]))
        {
            end++;
        }

        var name = text[start..end];
        return env.TryGetValue(name, out var value)
            ? new Step(value, end, null, Variable: true)
            : new Step("", end, Unset(name));
    }

    private static Step Braced(string text, int at, IReadOnlyDictionary<string, string> env)
    {
        var close = text.IndexOf('}', at + 2);
        if (close < 0)
        {
            return new Step("", text.Length,
                Error.New($"`${{` at position {at + 1} has no closing `}}`"));
        }

        var body = text[(at + 2)..close];
        var split = body.IndexOf(":-", StringComparison.Ordinal);
        var name = split < 0 ? body : body[..split];
        if (!IsName(name))
        {
            return new Step("", close + 1, Error.New(
                $"`${{...}}` at position {at + 1} must hold a variable name (letters, digits, " +
                $"`_`), "
                + "optionally followed by `:-default`"));
        }

        if (env.TryGetValue(name, out var value))
        {
            return new Step(value, close + 1, null, Variable: true);
        }

        return split < 0 ? new Step("", close + 1, Unset(name))
            : new Step(body[(split + 2)..], close + 1, null, Variable: true);
    }

    private static Error Unset(string name) =>
        Error.New($"environment variable {name} is not set (set it, or write " +
        $"${{{name}:-default}})");

    private static bool IsName(string name) =>
        name.Length > 0 && IsNameStart(name[0]) && name.All(IsNamePart);

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
