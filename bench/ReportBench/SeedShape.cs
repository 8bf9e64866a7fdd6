namespace Menshen.ReportBench;

/// What the seeded traffic looks like: a gateway used by a team for 90 days, busier lately.
internal static class SeedShape
{
    /// Model, provider, weight, price per million input / output tokens (null: unpriced).
    public static readonly (string Model, string Provider, int Weight, double? In, double? Out)[] Models =
    [
        ("gpt-4o", "openai", 20, 2.5, 10), ("gpt-4o-mini", "openai", 30, 0.15, 0.6),
        ("o3-mini", "azure-east", 8, 1.1, 4.4), ("claude-sonnet-4", "openrouter", 12, null, null),
        ("deepseek-chat", "deepseek", 15, 0.27, 1.1), ("text-embedding-3-small", "azure-east", 8, 0.02, 0),
        ("llama-3.1-70b", "local-vllm", 5, null, null), ("gemini-2.0-flash", "openrouter", 2, 0.1, 0.4),
    ];

    public static readonly string?[] Keys =
    [
        "alice-laptop", "bob-laptop", "ci-bot", "notebook", "eval-runner", "agent-1", "agent-2", "agent-3",
        "support-bot", "data-team", "mobile", "staging", null,
    ];

    public static readonly string[] Prompts =
    [
        "Summarise the attached meeting notes in three bullet points.",
        "Write a SQL query that finds duplicate invoices by vendor and amount.",
        "Translate \"local-first software\" into Japanese and explain the nuance.",
        "Refactor this function to avoid the N+1 query problem.",
        "What is the capital of Australia?",
        "Explain the difference between p50 and p95 latency to a new engineer.",
        "Draft a polite reply declining the meeting invitation.",
        "List five edge cases for a date parser.",
    ];

    public static readonly string[] Answers =
    [
        "Here is a short summary: the launch moves to Tuesday, QA owns the rollback plan, budget review next week.",
        "SELECT vendor_id, amount, COUNT(*) FROM invoices GROUP BY 1, 2 HAVING COUNT(*) > 1;",
        "Canberra is the capital of Australia.",
        "p50 is the median: half of the requests are faster. p95 tells you about the slow tail.",
        "Thank you for the invitation. Unfortunately I cannot attend; could we find another time?",
    ];

    public const int Days = 90;
}
