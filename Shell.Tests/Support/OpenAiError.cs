using System.Text.Json;

namespace Menshen.Shell.Tests.Support;

public static class OpenAiError
{
    /// Asserts `{"error":{"message":string,"type":string,...}}` and returns the message.
    public static async Task<string> AssertShapeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
