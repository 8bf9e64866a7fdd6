namespace Menshen.Shell.Runtime;

/// Where response id → provider mappings persist (the audit: `requests.response_id`), so
/// affinity survives a restart and reaches past the memory's bound.
public interface IResponseOriginStore
{
    /// The provider that produced `responseId`, or null when no stored answer has that id.
    Task<string?> FindProviderAsync(string responseId, CancellationToken cancellationToken);
}

/// No persistence (no database): only ids remembered in memory find their provider.
public sealed class NoResponseOriginStore : IResponseOriginStore
{
    public Task<string?> FindProviderAsync(string responseId,
        CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
