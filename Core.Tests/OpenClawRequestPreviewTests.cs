using System.Text.Json;
using Menshen.Core.Audit;
using Snapshooter.Xunit;

namespace Menshen.Core.Tests;

/// OpenClaw's real agent request (one turn captured through the gateway by
/// clients/capture-openclaw-request.mjs, scrubbed of machine- and run-specific text).
public class OpenClawRequestPreviewTests
{
    private static readonly byte[] Body = File.ReadAllBytes(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "openclaw-chat-request.json"));

    [Fact]
    public void The_preview_of_OpenClaws_request_is_what_the_person_typed()
    {
        var preview = RequestPreview.Of(Body);

        Assert.StartsWith("[Thu 2026-01-01 00:00 UTC] What does this folder hold?", preview);
    }

    [Fact]
    public void OpenClaws_request_shape_and_preview_match_snapshot()
    {
        using var document = JsonDocument.Parse(Body);
        var root = document.RootElement;
        var shape = new
        {
            Keys = root.EnumerateObject().Select(p => p.Name).ToArray(),
            Messages = root.GetProperty("messages").EnumerateArray().Select(m =>
                $"{m.GetProperty("role").GetString()}: {m.GetProperty("content").ValueKind}")
                .ToArray(),
            LastUserText = root.GetProperty("messages").EnumerateArray().Last()
                .GetProperty("content")[0].GetProperty("text").GetString(),
            Tools = root.GetProperty("tools").EnumerateArray()
                .Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToArray(),
            Preview = RequestPreview.Of(Body),
        };

        Snapshot.Match(shape);
    }
}
