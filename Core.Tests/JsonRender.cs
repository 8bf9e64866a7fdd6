using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Menshen.Core.Tests;

/// Writes a JsonTree as JSON text: `Plain` one fixed way, `Varied` with the freedom JSON gives
/// (member order, whitespace, which characters are escaped and how) drawn from `random`.
public static class JsonRender
{
    private static readonly string[] Spaces = ["", "", " ", "\t", "\n", "\r\n  "];

    public static string Plain(JsonTree node) => node switch
    {
        JsonTree.Obj o => "{" + string.Join(",", o.Members.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => JsonSerializer.Serialize(m.Key) + ":" + Plain(m.Value))) + "}",
        JsonTree.Arr a => "[" + string.Join(",", a.Items.Select(Plain)) + "]",
        JsonTree.Str s => JsonSerializer.Serialize(s.Value),
        JsonTree.Raw r => r.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static byte[] Varied(JsonTree node, Random random)
    {
        var text = new StringBuilder();
        Space(text, random);
        Write(text, node, random);
        Space(text, random);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonTree node, Random random)
    {
        switch (node)
        {
            case JsonTree.Obj o:
                var members = o.Members.ToArray();
                random.Shuffle(members);
                List(text, '{', '}', members, random, (m, r) =>
                {
                    WriteString(text, m.Key, r);
                    Space(text, r);
                    text.Append(':');
                    Space(text, r);
                    Write(text, m.Value, r);
                });
                break;
            case JsonTree.Arr a:
                List(text, '[', ']', a.Items.ToArray(), random, (item, r) => Write(text, item, r));
                break;
            case JsonTree.Str s:
                WriteString(text, s.Value, random);
                break;
            case JsonTree.Raw r:
                text.Append(r.Text);
                break;
        }
    }

    private static void List<T>(
        StringBuilder text, char open, char close, T[] items, Random random, Action<T, Random> write)
    {
        text.Append(open);
        for (var i = 0; i < items.Length; i++)
        {
            Space(text, random);
            write(items[i], random);
            Space(text, random);
            text.Append(i < items.Length - 1 ? "," : "");
        }
        Space(text, random);
        text.Append(close);
    }

    private static void Space(StringBuilder text, Random random) => text.Append(Spaces[random.Next(Spaces.Length)]);

    private static void WriteString(StringBuilder text, string value, Random random)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            // A surrogate pair is written raw or escaped as a whole: half of it alone is not UTF-8.
            var pair = char.IsHighSurrogate(value[i]) && random.Next(2) == 0;
            text.Append(pair ? value.Substring(i++, 2) : Escape(value[i], random));
        }
        text.Append('"');
    }

    private static string Escape(char c, Random random)
    {
        var unicode = "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
        var choose = random.Next(2) == 0;
        return c switch
        {
            '"' => choose ? "\\\"" : unicode,
            '\\' => choose ? "\\\\" : unicode,
            '/' => choose ? "/" : "\\/",
            '\n' => choose ? "\\n" : unicode,
            '\t' => choose ? "\\t" : unicode,
            < ' ' => unicode,
            _ when char.IsSurrogate(c) => unicode,
            _ => choose ? c.ToString() : unicode,
        };
    }
}
