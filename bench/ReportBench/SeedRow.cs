namespace Menshen.ReportBench;

/// One seeded request: the `requests` values and the `bodies` values, in Seeder's column order.
internal sealed record SeedRow(object?[] Request, object?[] Bodies)
{
    public static SeedRow Make(Random random, BodyPool pool, long id, int n)
    {
        var model = PickModel(random);
        var roll = random.Next(1000);
        var endpoint = model.Model.StartsWith("text-embedding", StringComparison.Ordinal) ? "embeddings"
            : roll < 50 ? "passthrough" : roll < 130 ? "responses" : "chat/completions";
        var stream = endpoint is "chat/completions" or "responses" && random.Next(100) < 45;
        var hit = !stream && endpoint != "passthrough" && random.Next(100) < 12;
        var status = hit ? 200 : random.Next(1000) switch { < 30 => 429, < 55 => 502, < 65 => 400, < 70 => 500, _ => 200 };
        var ok = status == 200 && endpoint != "passthrough";
        var (prompt, completion) = (40 + random.Next(4000), endpoint == "embeddings" ? 0 : 10 + random.Next(900));
        var cached = random.Next(100) < 30 ? prompt / 2 : 0;
        var duration = hit ? 1 + random.NextDouble() * 4 : 80 + Math.Exp(random.NextDouble() * 9.5);
        var cost = ok && model.In is { } input ? (prompt * input + completion * model.Out!.Value) / 1e6 : (double?)null;
        var provider = hit ? null : model.Provider;
        var request = pool.Requests[random.Next(BodyPool.Size)];
        var response = pool.Responses[random.Next(BodyPool.Size)];
        object?[] row =
        [
            id, id / 1000, SeedShape.Keys[random.Next(SeedShape.Keys.Length)], endpoint == "passthrough" ? "GET" : "POST",
            endpoint == "passthrough" ? "/v1/models" : "/v1/" + endpoint, endpoint, provider, model.Model,
            endpoint == "passthrough" ? null : model.Model, stream, status, Math.Round(duration, 3),
            stream ? Math.Round(duration / 5, 3) : null, Attempts(random, provider, status, duration),
            status == 502 ? "all providers failed" : null, false, true, request.Size, response.Size,
            ok ? prompt : null, ok ? completion : null, ok ? prompt + completion : null, ok ? cached : null,
            ok && model.Model == "o3-mini" ? completion / 3 : ok ? 0 : null, ok ? (hit ? 3 : stream ? 2 : 1) : 0,
            cost, hit ? 2 : endpoint == "passthrough" ? 0 : 1, null, null, false, stream ? "text/event-stream" : "application/json",
            Preview(request.Text), status == 200 ? Preview(response.Text) : "error: rate limited",
        ];
        return new SeedRow(row, [id, request.Stored, request.Encoding, request.Size, false,
            response.Stored, response.Encoding, response.Size, false]);
    }

    private static (string Model, string Provider, int Weight, double? In, double? Out) PickModel(Random random)
    {
        var ticket = random.Next(SeedShape.Models.Sum(m => m.Weight));
        foreach (var model in SeedShape.Models)
        {
            if (ticket < model.Weight) return model;
            ticket -= model.Weight;
        }
        return SeedShape.Models[0];
    }

    // ~8 % of the rows that reached a provider failed over first (a flaky provider in a team's
    // day: 429 or 503 elsewhere, then this one), a few of them twice; they are what
    // /__report/providers reads row by row (the failover index).
    private static string Attempts(Random random, string? provider, int status, double duration)
    {
        if (provider is null) return "[]";
        var answer = Attempt(provider, status, Math.Round(duration, 1));
        var roll = random.Next(1000);
        if (roll >= 80) return "[" + answer + "]";
        var first = Attempt(FlakyProvider(provider), roll < 50 ? 429 : 503, 40 + random.Next(400));
        return roll < 10
            ? "[" + first + "," + Attempt(FlakyProvider(provider), 503, 60) + "," + answer + "]"
            : "[" + first + "," + answer + "]";
    }

    private static string FlakyProvider(string answeredBy) =>
        answeredBy == "openai" ? "azure-east" : "openai";

    private static string Attempt(string provider, int status, double duration) =>
        $$$"""{"provider":"{{{provider}}}","status_code":{{{status}}},"error":null,"duration_ms":{{{duration}}}}""";

    private static string Preview(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
