namespace Menshen.Core.Routing;

/// What an incoming path means: its endpoint and the path to send upstream (no `/v1` prefix).
public sealed record EndpointRoute(EndpointKind Kind, CanonicalPath UpstreamPath)
{
    public bool IsUnderstood => Kind != EndpointKind.Passthrough;
}
