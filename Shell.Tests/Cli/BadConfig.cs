namespace Menshen.Shell.Tests.Cli;

/// One file of the bad-config catalogue; its first line lists what its errors must mention.
public sealed record BadConfig(string Name, string Text, IReadOnlyList<string> Expected)
{
    public static IReadOnlyList<BadConfig> All { get; } = Load();

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static BadConfig Named(string name) => All.Single(c => c.Name == name);

    private static List<BadConfig> Load() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BadConfigs"), "*.toml")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var text = File.ReadAllText(path);
                var expected = text.Split('\n')[0]["# expect:".Length..].Split(',', StringSplitOptions.TrimEntries);
                return new BadConfig(Path.GetFileName(path), text, expected);
            })];
}
