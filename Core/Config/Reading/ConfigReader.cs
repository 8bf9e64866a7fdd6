using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Turns a config document into what the file says.
public static class ConfigReader
{
    /// Reads every known key; collects each unknown key (with the nearest known key) and each
    /// value of the wrong type as a `ConfigError`, leaving that value out of the raw config.
    public static ConfigRead Read(ConfigTable document)
    {
        var errors = new List<ConfigError>();
        var root = new TableReader(document, "", "", ConfigSchema.Root, errors);
        var raw = SectionReaders.Read(root, r => new RawConfig(
            Listen(r),
            r.Bool("verbose"),
            AuthReader.Read(r),
            ProviderReader.ReadAll(r),
            SectionReaders.Upstream(r),
            SectionReaders.Failover(r),
            SectionReaders.Storage(r),
            SectionReaders.Cache(r),
            SectionReaders.Logging(r),
            SectionReaders.Server(r),
            PricingReader.Read(r)) with
        { Routing = RoutingReader.Read(r) });
        return new ConfigRead(raw, [.. errors]);
    }

    // `listen = 8080` is a likely slip: say which strings it could have meant (helper-65).
    private static string? Listen(TableReader root)
    {
        if (root.Node("listen") is not ConfigInteger port) return root.String("listen");
        root.Errors.Add(new ConfigError(root.Key("listen"),
            $"expected a string, such as \"127.0.0.1:{port.Value}\" (this machine) or "
            + $"\":{port.Value}\" (every interface); got the integer {port.Value}"));
        return null;
    }
}
