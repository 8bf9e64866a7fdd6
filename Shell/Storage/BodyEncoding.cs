namespace Menshen.Shell.Storage;

/// How a stored body's bytes are encoded. Values are stored: keep them stable.
public enum BodyEncoding
{
    Identity = 0,
    Brotli = 1,
}
