namespace Menshen.Core.Gate;

/// What the gate looks at, as the request arrived: the raw target (not Kestrel's decoded path),
/// the Host and Origin headers, whether it asks for a protocol upgrade or is a CORS preflight, and
/// the first header whose value cannot be forwarded (null when all can).
public sealed record GateRequest(
    string Method,
    string RawTarget,
    string Scheme,
    string? Host,
    string? Origin,
    bool WantsUpgrade,
    bool IsPreflight,
    string? UnforwardableHeader = null);
