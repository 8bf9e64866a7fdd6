using Menshen.Core.Routing;

namespace Menshen.Shell.Runtime;

/// Where response id → origin (provider, client key) mappings persist (the audit:
/// `requests.response_id`), so affinity survives a restart and reaches past the memory's bound.
public interface IResponseOriginStore
{
    /// Who produced `responseId`, or null when no stored answer has that id. `mayWait`: a store
    /// that other instances write may look again for a moment (ResponseAffinity.OriginMayMatter).
    Task<ResponseOrigin?> FindOriginAsync(string responseId, bool mayWait,
        CancellationToken cancellationToken);
}

/// No persistence (no database): only ids remembered in memory find their provider.
public sealed class NoResponseOriginStore : IResponseOriginStore
{
    public Task<ResponseOrigin?> FindOriginAsync(string responseId, bool mayWait,
        CancellationToken cancellationToken) =>
        Task.FromResult<ResponseOrigin?>(null);
}
