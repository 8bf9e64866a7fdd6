using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Menshen.Shell.Tests.Install;

/// `make pack`'s `dotnet tool` packages installed as `dotnet tool install -g ai-menshen` would,
/// from a local folder source into a temp tool path. In the release collection: its Native AOT
/// build shares obj/ with `make dist`'s (and reuses it), so the two never run at once.
[Collection(SharedReleaseBuild.Name)]
public sealed class ToolPackageTests(ReleaseBuild release)
{
    private const string Version = ReleaseBuild.Version;

    private static readonly string Rid = RuntimeInformation.RuntimeIdentifier;

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_runs_as_a_native_binary()
    {
        var dir = release.NewTempDir("tool");
        var packages = Path.Combine(dir, "nuget");
        string[] make = ["pack", .. ReleaseBuild.Stamp, $"PACK_DIR={packages}"];
        var pack = await ProcessRun.Of("make", make, timeout: TimeSpan.FromMinutes(45));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Equal([$"ai-menshen.{Version}.nupkg", $"ai-menshen.{Rid}.{Version}.nupkg"],
            Directory.GetFiles(packages).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertOnlyTheNativeBinaryIn(Path.Combine(packages, $"ai-menshen.{Rid}.{Version}.nupkg"));

        var config = Path.Combine(dir, "nuget.config");
        File.WriteAllText(config, $"""
            <configuration>
              <packageSources><clear /><add key="local" value="{packages}" /></packageSources>
            </configuration>
            """);
        var tools = Path.Combine(dir, "tools");
        var install = await ProcessRun.Of("dotnet",
            ["tool", "install", "ai-menshen", "--version", Version, "--tool-path", tools,
                "--configfile", config],
            // A cache of its own: never a stale ai-menshen 1.2.3 from an earlier run.
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(dir, "cache") },
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, install.ToString());

        var version = await ProcessRun.Of(Path.Combine(tools, "ai-menshen"), ["-version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith($"ai-menshen {Version}\ncommit: ", version.Out);
    }

    /// The RID package carries the Native AOT executable (ELF here) and its settings, nothing else:
    /// no managed dll, no symbols.
    private static void AssertOnlyTheNativeBinaryIn(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var tools = zip.Entries
            .Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["DotnetToolSettings.xml", "ai-menshen"],
            tools.Select(e => e.Name).Order(StringComparer.Ordinal));
        var binary = tools.Single(e => e.Name == "ai-menshen");
        Assert.EndsWith($"/{Rid}/ai-menshen", binary.FullName);
        using var stream = binary.Open();
        var magic = new byte[4];
        stream.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }
}
