using System.Runtime.CompilerServices;

namespace Menshen.Shell.Upstream;

/// Marks the request a connection was made for. A request whose connection ended before any
/// answer is sent again once (a kept-alive connection the upstream closed under it) unless the
/// connection was new: then the upstream read it and died, and would get it twice (helper-89).
/// Kept beside the request, not in its options: the connect callback runs on another thread
/// while the request waits.
public static class FreshConnection
{
    private static readonly ConditionalWeakTable<HttpRequestMessage, object> Made = [];
    private static readonly object Yes = new();

    public static void Mark(HttpRequestMessage? request)
    {
        if (request is not null) Made.AddOrUpdate(request, Yes);
    }

    public static bool For(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Made.TryGetValue(request, out _);
    }
}
