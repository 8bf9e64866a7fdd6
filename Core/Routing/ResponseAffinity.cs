namespace Menshen.Core.Routing;

/// Affinity (SPEC §13): which answers make a response id → provider mapping. Only a provider's
/// own successful answer does: an error carries no response a follow-up could continue.
public static class ResponseAffinity
{
    /// Whether a response id read from an answer of `status` is remembered (and audited).
    public static bool Remembers(int status) => status is >= 200 and < 300;
}
