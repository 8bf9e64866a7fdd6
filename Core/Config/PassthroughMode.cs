namespace Menshen.Core.Config;

/// `[server] passthrough`: which requests for paths the gateway does not understand go on to a
/// provider as they are. Such a request gets no forced `model`, no `models` allow-list and no
/// usage count, so a batch or an assistant run spends tokens the audit never sees.
public enum PassthroughMode
{
    /// Every method and path (the default, as ai-menshen).
    All,

    /// Only reads (GET, HEAD): model lists, a file's or a batch's status; nothing that spends.
    Read,

    /// Only the model list and one model (`GET /v1/models`, `/v1/models/{id}`).
    Models,
}

/// The config spellings of PassthroughMode, one table both ways.
public static class PassthroughModes
{
    private static readonly (PassthroughMode Mode, string Name)[] Names =
        [(PassthroughMode.All, "all"), (PassthroughMode.Read, "read"),
         (PassthroughMode.Models, "models")];

    public static string Name(PassthroughMode mode) =>
        Array.Find(Names, n => n.Mode == mode).Name ?? "all";

    /// The mode a config value names, or null.
    public static PassthroughMode? Parse(string value)
    {
        foreach (var (mode, name) in Names)
        {
            if (name == value) return mode;
        }
        return null;
    }
}
