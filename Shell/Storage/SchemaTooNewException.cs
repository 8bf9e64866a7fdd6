namespace Menshen.Shell.Storage;

/// A database written by a newer ai-menshen: refused, never downgraded. Its own type so that
/// start-up says it in one line (it was an unhandled exception and a SIGABRT: helper-68).
public sealed class SchemaTooNewException(int found, int latest)
    : InvalidOperationException($"audit database schema version {found} is newer than this "
        + $"ai-menshen supports ({latest}); run the newer ai-menshen, or restore a copy taken "
        + "before it upgraded the file");
