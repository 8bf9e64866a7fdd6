namespace Menshen.Core.Http;

public static class ResponseHeaderPolicy
{
    /// False for hop-by-hop response headers (Connection, Keep-Alive, Transfer-Encoding, ...).
    public static bool ShouldForward(string name) => throw new NotImplementedException();
}
