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
    // helper-92: a config saved as GBK got the TOML parser's "Invalid UTF-16 surrogate
    // sequence"; the file as the gateway reads it is named with the line of the bad bytes.
    [Fact]
    public void A_file_that_is_not_utf8_is_named_with_its_line()
    {
        var path = TempFile(bytes: [.. "[server]\nlisten = \":8080\"\n# \""u8,
            0xC9, 0xCF, 0xBA, 0xA3, .. "\"\n"u8]);

        var errors = ConfigLoader.Load(path, Env).Match(_ => "", e => e.Head.Message);

        Assert.StartsWith($"{path}:3: not UTF-8 text", errors, StringComparison.Ordinal);
    }

    // helper-65: `-config` pointed at the database or the binary printed one error per token
    // (83,451 lines for a 96 KB database; the 35 MB binary ran out of memory after 90 s).
    [Fact]
    public void A_binary_file_is_one_error_saying_it_is_not_text()
    {
        var path = TempFile(bytes: [.. "SQLite format 3\0"u8, .. new byte[90_000]]);
        try
        {
            var errors = Errors(path);

            Assert.Equal([$"{path}: holds NUL characters, so it is not a TOML text file; is it "
                + "the right file?"], errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_over_a_mebibyte_is_one_error_before_it_is_read()
    {
        var path = TempFile(bytes: new byte[(1024 * 1024) + 1]);
        try
        {
            Assert.Equal([$"{path}: 1048577 bytes is too large for a config file (at most 1 MiB); "
                + "is it the right file?"], Errors(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Text_that_is_not_toml_shows_twenty_syntax_errors_and_counts_the_rest()
    {
        var junk = string.Join("\n", Enumerable.Range(0, 5_000).Select(i => $"= ] [ {i} ="));
        var path = TempFile(bytes: System.Text.Encoding.UTF8.GetBytes(junk));
        try
        {
            var errors = Errors(path);

            Assert.Equal(21, errors.Count);
            Assert.All(errors.Take(20), e => Assert.StartsWith($"{path}:", e,
                StringComparison.Ordinal));
            Assert.Matches(@": \d+ more syntax errors not shown; is it a TOML config file\?$",
                errors[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Errors(string path) =>
        ConfigLoader.Load(path, Env).Match(_ => [], e => e.Select(x => x.Message).ToList());

    private static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "menshen-config-" + Guid.NewGuid() + ".toml");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
