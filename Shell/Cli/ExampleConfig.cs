namespace Menshen.Shell.Cli;

/// `configs/example.toml`, embedded in the binary for `-gen-config`.
public static class ExampleConfig
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(ExampleConfig).Assembly.GetManifestResourceStream("example.toml")
            ?? throw new InvalidOperationException(
                "example.toml is not embedded; check Menshen.Shell.csproj");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
