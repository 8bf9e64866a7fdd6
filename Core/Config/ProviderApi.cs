namespace Menshen.Core.Config;

/// `[[providers]] api`: the dialect a provider speaks; it serves only that dialect's endpoints.
public enum ProviderApi
{
    /// `chat/completions`, `completions`, `responses`, `embeddings` (the default).
    OpenAi,

    /// `messages`, `messages/count_tokens`.
    Anthropic,
}
