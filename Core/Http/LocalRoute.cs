namespace Menshen.Core.Http;

/// The routes the gateway answers itself (SPEC §3 dispatch order); `Proxied` for everything else.
public enum LocalRoute
{
    Proxied,
    Health,
    Robots,
    Favicon,
    Metrics,
    Report,
    Dashboard,
}
