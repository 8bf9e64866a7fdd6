using System.Net;
using Menshen.Core.Network;

namespace Menshen.Shell.Upstream;

/// The environment's proxy for a provider without its own, except that loopback hosts always go
/// direct (`LoopbackHost`): HTTP_PROXY sent Ollama's prompts and keys to the corporate proxy,
/// whose 403 was recorded as the provider's. NO_PROXY is still read as .NET reads it.
public sealed class LoopbackBypassProxy(IWebProxy environment) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => environment.Credentials;
        set => environment.Credentials = value;
    }

    public Uri? GetProxy(Uri destination) =>
        IsBypassed(destination) ? null : environment.GetProxy(destination);

    public bool IsBypassed(Uri host) =>
        LoopbackHost.Is(host.Host) || environment.IsBypassed(host);
}
