namespace Menshen.Core.Config;

/// Where the gateway binds. An empty host means every interface (`:8080`).
public sealed record ListenAddress(string Host, int Port)
{
    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "::1" or "[::1]";

    public override string ToString() => $"{Host}:{Port}";
}
