using System.Text;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Layering;

/// The product's sources stay within 100 columns (STYLE.md 3.2; `.editorconfig` says so to editors,
/// this test makes it hold).
public class LineLengthTests
{
    private const int MaxColumns = 100;

    [Theory]
    [InlineData("Core")]
    [InlineData("Shell")]
    public void Source_lines_fit_in_100_columns(string folder)
    {
        var files = Directory.EnumerateFiles(RepoFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal));

        var actual = files.SelectMany(f => File.ReadAllLines(f)
                .Select((line, i) => (Line: line, Number: i + 1))
                // Counted in UTF-8 bytes, as byte-based tools (awk, editors' rulers in C locale) count:
                // a line with `…` or `∞` fits both ways only then.
                .Where(l => Encoding.UTF8.GetByteCount(l.Line) > MaxColumns)
                .Select(l => $"{Path.GetRelativePath(RepoFiles.Root, f)}:{l.Number} " +
                    $"({Encoding.UTF8.GetByteCount(l.Line)})"))
            .ToList();

        Assert.True(actual.Count == 0, "lines over 100 columns:\n" + string.Join("\n", actual.Take(50)));
    }
}
