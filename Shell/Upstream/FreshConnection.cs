namespace Menshen.Shell.Upstream;

/// Marks the request a connection was made for. A request whose connection ended before any
/// answer is sent again once (a kept-alive connection the upstream closed under it) unless the
/// connection was new: then the upstream read it and died, and would get it twice (helper-89).
public static class FreshConnection
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("menshen.fresh-connection");

    public static void Mark(HttpRequestMessage? request) => request?.Options.Set(Key, true);

    public static bool Made(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var made) && made;
    }
}
