using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Routing;

namespace Menshen.Core.Http;

public static class BodyPatch
{
    private static readonly byte[] IncludeUsage =
        ",\"stream_options\":{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] UsageOptions = "{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] UsageMember = "\"include_usage\":true"u8.ToArray();
    private static readonly byte[] UsageMemberThen = "\"include_usage\":true,"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();

    /// The error code of a body that is valid JSON but names `previous_response_id` twice.
    public const int RepeatedPreviousResponseId = 1;

    /// Replaces only the root `model` value (when forcedModel is set) and, for streaming
    /// chat/completions and completions whose client did not ask for usage, makes the upstream
    /// send it: appends `"stream_options":{"include_usage":true}` when there is none, and
    /// otherwise sets `include_usage` to `true` in the client's `stream_options` (`null`, `{}`,
    /// `{"include_usage":false}`, other options kept). A `stream_options` that is neither null
    /// nor an object is left for the upstream to refuse. Every other byte is kept as sent.
    /// `askStreamUsage` false (a provider that refuses `stream_options`) injects nothing.
    /// Fails when the body is not a JSON object.
    public static Fin<PatchedBody> Apply(ReadOnlyMemory<byte> body, EndpointKind kind,
        string? forcedModel, bool askStreamUsage = true)
    {
        JsonRootMembers members;
        try
        {
            members = JsonRootMembers.Read(body.Span);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8, or that escapes half
            // a surrogate pair (`\ud800`: valid UTF-8 bytes, so the message names both; helper-92
            // was told its valid body was not UTF-8). The reason (with the position the reader
            // stopped at) goes back to the client that sent the body.
            var error = Error.New(e is JsonException json
                ? JsonErrorText.Of(json)
                : "a string in the body is not valid UTF-8, or escapes half of a surrogate "
                    + "pair (such as \\ud800 without its low half)");
            return Fin<PatchedBody>.Fail(error);
        }
        // Parsers disagree on which duplicate counts, and the one the gateway checks for
        // affinity and ownership must be the one the provider continues (helper-53).
        if (kind.MayContinueAResponse() && members.PreviousResponseIdCount > 1)
            return Fin<PatchedBody>.Fail(Error.New(RepeatedPreviousResponseId,
                "the body names previous_response_id more than once"));
        return Fin<PatchedBody>.Succ(Patch(body, kind, forcedModel, askStreamUsage, members));
    }

    private static PatchedBody Patch(
        ReadOnlyMemory<byte> body, EndpointKind kind, string? forcedModel, bool askStreamUsage,
        JsonRootMembers members)
    {
        var injectUsage = askStreamUsage && members.Stream && !members.ClientAsksUsage
            && kind is EndpointKind.ChatCompletions or EndpointKind.Completions
            && members.StreamOptions.All(o => o.IsObject || o.Token == JsonTokenType.Null);
        List<Edit> edits = [.. ModelEdits(members, forcedModel)];
        if (injectUsage && members.StreamOptions.IsEmpty)
        {
            // After the last member's value: whitespace before `}` stays where the client put it.
            edits.Add(new Edit(members.MembersEnd, members.MembersEnd, IncludeUsage));
        }
        else if (injectUsage)
        {
            // Every root `stream_options`, as for `model`: parsers differ on which one they keep.
            foreach (var options in members.StreamOptions) edits.AddRange(UsageEdits(options));
            edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        var patched = edits.Count == 0 ? body : Splice(body.Span, edits);
        return new PatchedBody(
            patched,
            members.RequestedModel,
            forcedModel ?? members.RequestedModel,
            members.Stream,
            injectUsage,
            kind.MayContinueAResponse() ? members.PreviousResponseId : null);
    }

    private static IEnumerable<Edit> ModelEdits(JsonRootMembers members, string? forcedModel)
    {
        var alreadyForced = !members.Models.IsEmpty
            && members.Models.All(m => m.Text == forcedModel);
        if (forcedModel is null || alreadyForced)
        {
            return [];
        }
        var value = Quoted(forcedModel);
        if (members.Models.IsEmpty)
        {
            var at = members.ObjectStart + 1;
            var separator = members.HasMembers ? "," : "";
            var member = Encoding.UTF8.GetBytes("\"model\":" + value + separator);
            return [new Edit(at, at, member)];
        }
        // Every root `model`, not just one: with duplicate keys some parsers keep the first and
        // some the last, and the forced model must win either way.
        var bytes = Encoding.UTF8.GetBytes(value);
        return members.Models.Select(m => new Edit(m.Start, m.End, bytes));
    }

    // `null` becomes the usage object; in an object each `include_usage` becomes `true`, or one
    // is added first when there is none.
    private static IEnumerable<Edit> UsageEdits(StreamOptionsValue options)
    {
        if (!options.IsObject) return [new Edit(options.Start, options.End, UsageOptions)];
        if (!options.IncludeUsage.IsEmpty)
            return options.IncludeUsage.Select(v => new Edit(v.Start, v.End, True));
        var at = options.Start + 1;
        return [new Edit(at, at, options.HasMembers ? UsageMemberThen : UsageMember)];
    }

    // Relaxed escaping keeps non-ASCII and `+` readable; the body is JSON, never HTML.
    private static string Quoted(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static byte[] Splice(ReadOnlySpan<byte> source, List<Edit> edits)
    {
        var output = new byte[source.Length + edits.Sum(e => e.Bytes.Length - (e.End - e.Start))];
        var read = 0;
        var written = 0;
        foreach (var edit in edits)
        {
            source[read..edit.Start].CopyTo(output.AsSpan(written));
            written += edit.Start - read;
            edit.Bytes.CopyTo(output.AsSpan(written));
            written += edit.Bytes.Length;
            read = edit.End;
        }
        source[read..].CopyTo(output.AsSpan(written));
        return output;
    }

    // Replace source bytes [Start, End) with Bytes; edits are in ascending, non-overlapping order.
    private readonly record struct Edit(int Start, int End, byte[] Bytes);
}
