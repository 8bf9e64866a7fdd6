using System.Text.RegularExpressions;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config;
using Menshen.Core.Config.Document;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Menshen.Shell.Config;

/// Reads TOML text into the Core document model. Syntax errors come back as `file:line:col:
/// message`.
public static partial class TomlDocument
{
    /// The document, or every syntax error (duplicate keys included) with its line and column.
    public static Validation<Error, ConfigTable> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var syntax = SyntaxParser.Parse(text, sourceName, validate: true);
        if (syntax.HasErrors)
        {
            var errors = syntax.Diagnostics
                .Where(d => d.Kind == DiagnosticMessageKind.Error).ToList();
            var shown = ConfigFileCheck.Shown(errors,
                d => Located(sourceName, d.Span.Start.Line, d.Span.Start.Column, d.Message),
                sourceName);
            return Prelude.Fail<Error, ConfigTable>(shown.Select(Error.New).ToSeq());
        }

        try
        {
            // Tomlyn's model still reports what the syntax check lets through; the document itself
            // is built from the syntax tree (see TomlSyntaxModel for why).
            _ = TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable);
            return TomlSyntaxModel.Build(syntax);
        }
        catch (TomlException e)
        {
            return Error.New(Located(sourceName, (e.Line ?? 1) - 1, (e.Column ?? 1) - 1,
                e.Message));
        }
    }

    private static string Located(string source, int line, int column, string message) =>
        $"{source}:{line + 1}:{column + 1}: {Scrub(message)}";

    // Tomlyn quotes source text in its messages; that text may be a secret (`api_key = "sk-…"`).
    // Keep only quoted token names and key names; hide everything else.
    private static string Scrub(string message)
    {
        var withoutEcho = EchoedSource().Replace(message.Trim(), "");
        return Quoted().Replace(withoutEcho, m =>
            SafeTokens.Contains(m.Groups[1].Value) || IsKeyName(withoutEcho, m)
                || IsTokenKind(withoutEcho, m)
                ? m.Value
                : "`…`");
    }

    // `(token: `closebracket`)`: Tomlyn's name for a kind of token, never source text.
    private static bool IsTokenKind(string message, Match quoted) =>
        message[..quoted.Index].EndsWith("(token: ", StringComparison.Ordinal)
        && quoted.Groups[1].Value.All(char.IsAsciiLetter);

    private static bool IsKeyName(string message, Match quoted) =>
        message[..quoted.Index].EndsWith("The key ", StringComparison.Ordinal);

    private static readonly System.Collections.Generic.HashSet<string> SafeTokens =
        ["newline", "string", "integer", "float", "boolean", "comma", "Eof", "<eof>",
         "=", "[", "]", "[[", "]]", "{", "}", ",", "."];

    [GeneratedRegex(" with `[^`]*`")]
    private static partial Regex EchoedSource();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Quoted();
}
