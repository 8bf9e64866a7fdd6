using System.Text.RegularExpressions;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Layering;

/// Which Shell folders each Shell folder's sources name, read from the source text: `using
/// Menshen.Shell.X`, `Menshen.Shell.X.Type`, and `X.Type` (a sibling namespace named from inside
/// `Menshen.Shell.*`). A file in the Shell root belongs to the folder "(root)".
public static partial class ShellFolders
{
    public static string ShellDir => RepoFiles.PathOf("Shell");

    public static IReadOnlyList<string> Names =>
        [.. Directory.GetDirectories(ShellDir).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj"))];

    public static IReadOnlyDictionary<string, SortedSet<string>> Imports()
    {
        var names = Names.ToHashSet(StringComparer.Ordinal);
        var imports = names.ToDictionary(n => n, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var folder in names)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ShellDir, folder), "*.cs",
                         SearchOption.AllDirectories))
            {
                foreach (var target in Named(File.ReadAllText(file)))
                {
                    if (target != folder && names.Contains(target)) imports[folder].Add(target);
                }
            }
        }
        return imports;
    }

    /// The folders that take part in a loop (each reaches itself through another).
    public static IReadOnlyList<string> InLoops(IReadOnlyDictionary<string, SortedSet<string>> imports) =>
        [.. imports.Keys.Where(folder => imports[folder].Any(next => Reaches(imports, next, folder)))
            .Order(StringComparer.Ordinal)];

    private static bool Reaches(IReadOnlyDictionary<string, SortedSet<string>> imports, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([from]);
        while (todo.TryPop(out var folder))
        {
            if (folder == to) return true;
            if (!seen.Add(folder) || !imports.TryGetValue(folder, out var next)) continue;
            foreach (var n in next) todo.Push(n);
        }
        return false;
    }

    private static IEnumerable<string> Named(string source) =>
        Qualified().Matches(source).Select(m => m.Groups[1].Value)
            .Concat(Sibling().Matches(source).Select(m => m.Groups[1].Value));

    [GeneratedRegex(@"Menshen\.Shell\.(\w+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex Sibling();
}
