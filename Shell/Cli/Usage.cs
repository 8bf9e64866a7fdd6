namespace Menshen.Shell.Cli;

/// The `-h` text.
public static class Usage
{
    public const string Text =
        """
        Usage: ai-menshen [flags]

        A local-first gateway for OpenAI-compatible APIs: injects provider keys, forces models,
        spreads requests by weight, fails over, audits token usage and caches responses.

        Flags:
          -config PATH        config file (default: ./config.toml,
              then ~/.config/ai-menshen/config.toml)
          -gen-config         print the annotated example config and exit
          -check-config       validate the config, print a summary (secrets masked) and exit
          -log-format FORMAT  log format: text (default) or json
          -import-sqlite PATH copy an SQLite audit database (ours or ai-menshen's) into
              the configured PostgreSQL database, idempotently, and exit
          -rebuild-report-sums
                              recompute the report API's sums from the stored rows (after
              rows were changed by hand or by another tool) and exit
          -version            print the version, commit and build time and exit
          -h, -help           print this help and exit

        Flags take one or two dashes, and a value as -flag value or -flag=value.

        Examples:
          ai-menshen -gen-config > config.toml
          ai-menshen -check-config -config ./config.toml
          ai-menshen -config ~/.config/ai-menshen/config.toml -log-format json

        """;
}
