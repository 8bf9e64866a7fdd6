using System.Text.RegularExpressions;

namespace Menshen.Shell.Tests.Layering;

/// Shell folders form a tree under Hosting (docs/architecture.md): dependencies point one way,
/// so a folder can be read, changed and tested with only the folders below it in mind.
public partial class ShellFolderTreeTests
{
    [Fact]
    public void Shell_folders_import_each_other_in_no_loop()
    {
        var imports = ShellFolders.Imports();

        var actual = ShellFolders.InLoops(imports);

        Assert.True(actual.Count == 0, "folders in an import loop: " + string.Join(", ", actual)
            + "\n" + string.Join("\n", imports.Select(i => $"{i.Key} -> {string.Join(", ", i.Value)}")));
    }

    [Fact]
    public void No_Shell_folder_imports_Hosting()
    {
        var actual = ShellFolders.Imports().Where(i => i.Value.Contains("Hosting")).Select(i => i.Key);

        Assert.Empty(actual);
    }

    // The relay, the audit sinks and the cache speak no dialect: a new dialect is a Core module.
    [Theory]
    [InlineData("Proxy/Relay.cs")]
    [InlineData("Proxy/ResponseRelay.cs")]
    [InlineData("Audit")]
    [InlineData("Caching")]
    [InlineData("Storage")]
    [InlineData("Taps")]
    public void Dialect_free_parts_name_no_dialect(string part)
    {
        var path = Path.Combine(ShellFolders.ShellDir, part);
        var files = File.Exists(path) ? [path] : Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories);

        var actual = files.Where(f => DialectNames().IsMatch(File.ReadAllText(f)));

        Assert.Empty(actual);
    }

    // A named dialect, one of its endpoints, or its error shape (passthrough is no dialect's), a
    // provider's API, or a dialect's header written as a string (helper-96: the cache named
    // `anthropic-version` itself).
    [GeneratedRegex(
        @"OpenAi(Dialect|ErrorBody\.Json)|EndpointKind\.(?!Passthrough)|ProviderApi\.|""(anthropic|openai)-")]
    private static partial Regex DialectNames();
}
