namespace Menshen.Core.Tests;

/// A reference RFC 4180 reader for one line ending in CRLF, to check what Csv writes.
public static class CsvReader
{
    public static IReadOnlyList<string> ReadLine(string line)
    {
        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);
        var fields = new List<string>();
        var i = 0;
        var body = line[..^2];
        while (true)
        {
            var (field, next) = i < body.Length && body[i] == '"' ? Quoted(body, i) : Plain(body, i);
            fields.Add(field);
            if (next >= body.Length) return fields;
            Assert.Equal(',', body[next]);
            i = next + 1;
            if (i == body.Length)
            {
                fields.Add("");
                return fields;
            }
        }
    }

    private static (string Field, int Next) Plain(string body, int start)
    {
        var end = body.IndexOf(',', start);
        if (end < 0) end = body.Length;
        var field = body[start..end];
        Assert.DoesNotContain('"', field);
        Assert.DoesNotContain('\r', field);
        Assert.DoesNotContain('\n', field);
        return (field, end);
    }

    private static (string Field, int Next) Quoted(string body, int start)
    {
        var text = new System.Text.StringBuilder();
        var i = start + 1;
        while (true)
        {
            var quote = body.IndexOf('"', i);
            Assert.True(quote >= 0, "unterminated quoted field");
            text.Append(body, i, quote - i);
            if (quote + 1 < body.Length && body[quote + 1] == '"')
            {
                text.Append('"');
                i = quote + 2;
                continue;
            }
            return (text.ToString(), quote + 1);
        }
    }
}
