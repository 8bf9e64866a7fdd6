namespace Menshen.Core.Gate;

/// What the gate looks at, as the request arrived: the raw target (not Kestrel's decoded path),
/// the Host, Origin and Upgrade headers, whether it is a CORS preflight, and
/// the first header whose value cannot be forwarded (null when all can), and a browser's
/// `Sec-Fetch-Site` (which site the request came from; null from any other client).
public sealed record GateRequest(
    string Method,
    string RawTarget,
    string Scheme,
    string? Host,
    string? Origin,
    string? Upgrade,
    bool IsPreflight,
    string? UnforwardableHeader = null,
    string? FetchSite = null);
