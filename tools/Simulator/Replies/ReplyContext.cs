namespace Menshen.Simulator.Replies;

/// <summary>What every reply is made of: identity, echoed model, the content pieces and the usage.</summary>
internal sealed record ReplyContext(
    string IdSuffix, long Created, string Model, IReadOnlyList<string> Pieces, SimulatedUsage Usage,
    bool Stream, bool IncludeUsage)
{
    public string Content => string.Concat(Pieces);

    /// <summary>Cuts <paramref name="count"/> pieces from the text's words, cycling; all but the last end in a space.</summary>
    public static string[] CutPieces(string text, int count)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var pieces = new string[count];
        for (var i = 0; i < count; i++)
        {
            var word = words[i % words.Length];
            pieces[i] = i < count - 1 ? word + " " : word;
        }
        return pieces;
    }
}
