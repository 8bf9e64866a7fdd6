using Menshen.Shell.Config;

namespace Menshen.Shell.Tests.Config;

/// What `-config PATH` says when PATH is not a readable file.
public class ConfigLoaderFileTests
{
    private static readonly Dictionary<string, string> Env = [];

    [Fact]
    public void A_directory_is_named_as_one_not_as_access_denied()
    {
        var folder = Directory.CreateTempSubdirectory("menshen-config-dir-").FullName;
        try
        {
            var errors = ConfigLoader.Load(folder, Env).Match(_ => "", e => e.Head.Message);

            Assert.Equal($"{folder}: is a directory, not a config file", errors);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void A_missing_file_says_it_cannot_be_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "menshen-no-such-" + Guid.NewGuid() + ".toml");

        var errors = ConfigLoader.Load(path, Env).Match(_ => "", e => e.Head.Message);

        Assert.StartsWith($"{path}: cannot read the config file: ", errors, StringComparison.Ordinal);
    }
}
