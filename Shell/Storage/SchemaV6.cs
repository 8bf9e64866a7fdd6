namespace Menshen.Shell.Storage;

/// Version 6: affinity (SPEC §13). `requests.response_id` is the id of the response a provider
/// answered a `responses` request with (`resp_…`, 2xx only); a follow-up's
/// `previous_response_id` finds its provider by it after a restart. Most rows have none, so the
/// index is partial: `response_id = $id` implies NOT NULL and SQLite uses it.
/// (Version 5 is the Anthropic cache-write columns, added by that work.)
internal static class SchemaV6
{
    public const string Sql = """
        ALTER TABLE requests ADD COLUMN response_id TEXT;
        CREATE INDEX ix_requests_response_id ON requests(response_id)
            WHERE response_id IS NOT NULL;
        """;
}
