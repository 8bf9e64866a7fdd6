using System.Diagnostics;
using System.Xml;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Operations;

public class ServiceFilesTests
{
    [Fact]
    public void Launchd_plist_is_valid_xml_and_runs_the_installed_binary_with_its_config()
    {
        var plist = Load(RepoFiles.PathOf("configs/net.liujiacai.ai-menshen.plist"));

        var keys = Keys(plist);
        Assert.Equal("net.liujiacai.ai-menshen", keys["Label"].InnerText);
        var args = keys["ProgramArguments"].ChildNodes.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Equal(["__HOME__/.local/bin/ai-menshen", "-config", "__HOME__/.config/ai-menshen/config.toml"], args);
        Assert.Equal("true", keys["RunAtLoad"].Name);
        Assert.Equal("SuccessfulExit", keys["KeepAlive"].FirstChild!.InnerText); // restart on crash
        Assert.EndsWith(".log", keys["StandardErrorPath"].InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systemd_unit_passes_systemd_analyze_verify_without_a_warning()
    {
        if (!File.Exists("/usr/bin/systemd-analyze")) return; // verified where systemd is installed
        var home = Directory.CreateTempSubdirectory("menshen-unit-").FullName;
        Directory.CreateDirectory(Path.Combine(home, ".local/bin"));
        Directory.CreateDirectory(Path.Combine(home, ".config/ai-menshen"));
        File.Copy("/bin/true", Path.Combine(home, ".local/bin/ai-menshen"));
        var info = new ProcessStartInfo("systemd-analyze", ["verify", "--man=no", RepoFiles.PathOf("configs/ai-menshen.service")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment["HOME"] = home;

        using var process = System.Diagnostics.Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0 && errors.Length == 0, errors);
    }

    private static XmlDocument Load(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        var document = new XmlDocument();
        document.Load(reader);
        return document;
    }

    /// The top-level dict as key → value node.
    private static Dictionary<string, XmlNode> Keys(XmlDocument plist)
    {
        var dict = plist.SelectSingleNode("/plist/dict")!.ChildNodes.Cast<XmlNode>()
            .Where(n => n.NodeType == XmlNodeType.Element).ToArray();
        var result = new Dictionary<string, XmlNode>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < dict.Length; i += 2) result[dict[i].InnerText] = dict[i + 1];
        return result;
    }
}
